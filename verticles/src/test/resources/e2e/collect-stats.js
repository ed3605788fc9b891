// Body of an executeAsyncScript: `pc` (an RTCPeerConnection or undefined) and `done` are defined
// by BrowserSession before this text. Answers one JSON string read by PeerStats.fromJson.
if (!pc || typeof pc.getStats !== 'function') {
  done(JSON.stringify({present: false}));
  return;
}
pc.getStats().then(report => {
  const out = {
    present: true,
    connectionState: pc.connectionState,
    iceConnectionState: pc.iceConnectionState,
    inboundVideo: [], inboundAudio: [], outbound: []
  };
  report.forEach(s => {
    if (s.type === 'inbound-rtp' && s.kind === 'video') {
      out.inboundVideo.push({
        trackIdentifier: s.trackIdentifier || '', mid: s.mid || '', ssrc: s.ssrc || 0,
        framesDecoded: s.framesDecoded || 0, frameWidth: s.frameWidth || 0, frameHeight: s.frameHeight || 0,
        bytesReceived: s.bytesReceived || 0, packetsLost: s.packetsLost || 0
      });
    } else if (s.type === 'inbound-rtp' && s.kind === 'audio') {
      out.inboundAudio.push({
        trackIdentifier: s.trackIdentifier || '', mid: s.mid || '', ssrc: s.ssrc || 0,
        totalSamplesReceived: s.totalSamplesReceived || 0, audioLevel: s.audioLevel || 0,
        bytesReceived: s.bytesReceived || 0, packetsLost: s.packetsLost || 0
      });
    } else if (s.type === 'outbound-rtp') {
      out.outbound.push({
        kind: s.kind || '', mid: s.mid || '', rid: s.rid || '', ssrc: s.ssrc || 0,
        bytesSent: s.bytesSent || 0, packetsSent: s.packetsSent || 0, framesEncoded: s.framesEncoded || 0,
        frameWidth: s.frameWidth || 0, frameHeight: s.frameHeight || 0
      });
    }
  });
  done(JSON.stringify(out));
}, err => done(JSON.stringify({present: true, error: String(err)})));
