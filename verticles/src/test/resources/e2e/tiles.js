// Body of an executeScript: what the user sees in each participant tile of the web client
// (`.tile[data-participant-id]` holding a `video`), as JSON read by BrowserSession.tiles().
return JSON.stringify(Array.from(document.querySelectorAll('.tile[data-participant-id]')).map(tile => {
  const v = tile.querySelector('video');
  return {
    participantId: tile.dataset.participantId,
    hasVideo: !!v,
    videoWidth: v ? v.videoWidth : 0,
    videoHeight: v ? v.videoHeight : 0,
    currentTime: v ? v.currentTime : 0,
    paused: v ? v.paused : true,
    visible: tile.getClientRects().length > 0
  };
}));
