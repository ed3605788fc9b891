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
    inboundVideo: [], inboundAudio: [], outbound: [], selectedPair: null
  };
  // the selected ICE candidate pair: the transport's selectedCandidatePairId (webrtc-stats 7.9)
  let pairId = null;
  report.forEach(s => {
    if (s.type === 'transport' && s.selectedCandidatePairId && !pairId) pairId = s.selectedCandidatePairId;
  });
  const pair = pairId && report.get(pairId);
  if (pair) {
    const local = report.get(pair.localCandidateId) || {};
    const remote = report.get(pair.remoteCandidateId) || {};
    out.selectedPair = {
      state: pair.state || '', localCandidateType: local.candidateType || '', localProtocol: local.protocol || '',
      localAddress: local.address || '', localPort: local.port || 0, relayProtocol: local.relayProtocol || '',
      localUrl: local.url || '', remoteCandidateType: remote.candidateType || '',
      remoteAddress: remote.address || '', remotePort: remote.port || 0,
      bytesSent: pair.bytesSent || 0, bytesReceived: pair.bytesReceived || 0,
      availableOutgoingBitrate: pair.availableOutgoingBitrate || 0
    };
  }
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
