/**
 * What the meeting page needs from the browser: WebRTC peer connections, a WebSocket, and camera /
 * microphone access, which browsers give only to secure pages (https, or http on localhost). A
 * browser without one of them gets a page saying which and why instead of a broken call.
 */

/** The features `w` (a window) lacks, as keys of the 'unsupported.*' strings; empty when it has all. */
export function missingFeatures(w) {
  const out = [];
  if (typeof w.RTCPeerConnection !== 'function') out.push('webrtc');
  if (typeof w.WebSocket !== 'function') out.push('websocket');
  if (w.isSecureContext === false) {
    out.push('insecure');
  } else if (!w.navigator || !w.navigator.mediaDevices || typeof w.navigator.mediaDevices.getUserMedia !== 'function') {
    out.push('media');
  }
  return out;
}
