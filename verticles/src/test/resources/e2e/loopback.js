// Body of an executeAsyncScript: two RTCPeerConnections in one page, fake camera and microphone on
// the sender, all candidates exchanged in-page (127.0.0.1 host candidates inside the lo-only
// namespace thanks to --allow-loopback-in-peer-connection). Exposes window.loopback = {sender,
// receiver, stream} and answers "ok" once both sides set their descriptions, or "error: ...".
const done = arguments[arguments.length - 1];
(async () => {
  const stream = await navigator.mediaDevices.getUserMedia({audio: true, video: true});
  const sender = new RTCPeerConnection();
  const receiver = new RTCPeerConnection();
  sender.onicecandidate = e => e.candidate && receiver.addIceCandidate(e.candidate);
  receiver.onicecandidate = e => e.candidate && sender.addIceCandidate(e.candidate);
  const remote = new MediaStream();
  receiver.ontrack = e => remote.addTrack(e.track);
  stream.getTracks().forEach(t => sender.addTrack(t, stream));
  window.loopback = {sender, receiver, stream, remote};
  const offer = await sender.createOffer();
  await sender.setLocalDescription(offer);
  await receiver.setRemoteDescription(offer);
  const answer = await receiver.createAnswer();
  await receiver.setLocalDescription(answer);
  await sender.setRemoteDescription(answer);
  // Play the received media in a tile shaped like the web client's, so the audio pipeline pulls
  // samples as a real page would and the tile helpers have something to look at.
  const tile = document.createElement('div');
  tile.className = 'tile';
  tile.dataset.participantId = 'loopback';
  const video = document.createElement('video');
  video.muted = true; video.autoplay = true; video.playsInline = true; video.srcObject = remote;
  tile.appendChild(video);
  document.body.appendChild(tile);
  return 'ok';
})().then(done, e => done('error: ' + e));
