/**
 * Audio slots of a large meeting (docs/protocol.md, "Audio slots"): the SFU sends a few audio
 * m-sections whose source it switches to whoever is loud; `audio_slots` says which participant each
 * slot (by mid) carries now. We keep that in the store and on each slot's <audio> element
 * (`data-participant-id`), so whoever asks "whose voice is this?" gets the right answer; the
 * speaking ring itself follows `active_speaker`.
 */

/** Handles `audio_slots`; `subscriber` (may be null) knows which track each mid is. */
export function onAudioSlots(store, subscriber, m) {
  const slots = Array.isArray(m.slots) ? m.slots : [];
  store.audioSlots = new Map(slots.filter((x) => x && typeof x.mid === 'string')
    .map((x) => [x.mid, typeof x.participant_id === 'string' ? x.participant_id : null]));
  if (subscriber) labelSlotAudio(store, subscriber);
}

/** The participant a slot track carries now ('' when silent or not known yet). */
export function slotHolder(store, subscriber, trackId) {
  if (!subscriber) return '';
  for (const [mid, info] of subscriber.byMid) {
    if (info.track_id === trackId) return store.audioSlots.get(mid) || '';
  }
  return '';
}

function labelSlotAudio(store, subscriber) {
  const sink = document.getElementById('audio-sink');
  if (!sink) return;
  for (const a of sink.querySelectorAll('audio[data-slot]')) {
    a.dataset.participantId = slotHolder(store, subscriber, a.dataset.trackId);
  }
}
