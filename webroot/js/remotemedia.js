import { el } from './dom.js';
import { t } from './i18n.js';
import { slotHolder } from './audioslots.js';

const $ = (id) => document.getElementById(id);

/** Timing hook: records when the first remote camera frame is presented in a tile (performance.now()). */
function markFirstFrame(store, pid) {
  if (store.timings.firstFrame !== null) return;
  store.timings.track ??= performance.now();
  const video = document.querySelector(`.tile[data-participant-id="${CSS.escape(pid)}"] video`);
  if (!video || !video.requestVideoFrameCallback) return;
  video.requestVideoFrameCallback((now) => { store.timings.firstFrame ??= now; });
}

/**
 * Where a call's remote tracks go: audio elements (on the chosen speaker), camera tiles, the
 * screen-share spotlight.
 * @param s the call session; @param deps {store, gallery, settings, ensureParticipant(id)}
 */
export function remoteSink(s, { store, gallery, settings, ensureParticipant }) {
  return {
    attach(info, track) {
      store.remoteTracks.set(info.track_id, { ...info, track });
      const pid = info.participant_id;
      if (info.kind === 'audio') {
        const slot = info.source === 'slot'; // a large meeting's audio slot: whose voice it is changes (audio_slots)
        const dataset = { trackId: info.track_id, participantId: slot ? slotHolder(store, s.subscriber, info.track_id) : pid };
        if (slot) dataset.slot = '';
        const audio = el('audio', { autoplay: true, dataset });
        audio.srcObject = new MediaStream([track]);
        $('audio-sink').append(audio);
        settings.applySpeaker(audio);
        audio.play().catch(() => {});
        return;
      }
      ensureParticipant(pid);
      if (info.source === 'screen') {
        const name = store.participants.get(pid)?.display_name || t('people.someone');
        gallery.addScreen(info.track_id, pid, t('call.presenting', { name }), track);
      } else {
        s.cameraTrackOf.set(pid, info.track_id);
        gallery.setVideo(pid, track);
        markFirstFrame(store, pid);
      }
    },
    detach(info) {
      store.remoteTracks.delete(info.track_id);
      if (info.kind === 'audio') {
        for (const a of $('audio-sink').querySelectorAll('audio')) {
          if (a.dataset.trackId === info.track_id) { a.srcObject = null; a.remove(); }
        }
      } else if (info.source === 'screen') {
        gallery.removeScreen(info.track_id);
      } else if (s.cameraTrackOf.get(info.participant_id) === info.track_id) {
        s.cameraTrackOf.delete(info.participant_id);
        gallery.setVideo(info.participant_id, null);
      }
    },
  };
}
