// Body of an executeAsyncScript: opens the fake camera and microphone, answers their labels and
// settings as JSON ({audio: [...], video: [...]}) and stops the tracks again, or "error: ...".
const done = arguments[arguments.length - 1];
navigator.mediaDevices.getUserMedia({audio: true, video: true}).then(stream => {
  const describe = t => ({label: t.label, readyState: t.readyState, settings: t.getSettings()});
  const result = {
    audio: stream.getAudioTracks().map(describe),
    video: stream.getVideoTracks().map(describe)
  };
  stream.getTracks().forEach(t => t.stop());
  done(JSON.stringify(result));
}, e => done('error: ' + e.name + ': ' + e.message));
