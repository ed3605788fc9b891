/**
 * Receiver-driven video quality (docs/protocol.md, "Video quality"): once a second we tell the
 * server how many device pixels high each remote video is shown (`video_quality`, 0 when it is off
 * screen, in a hidden tab or its tile shows an avatar), rounded up to a small ladder so that window
 * resizes don't chatter; all changes of one check go in one message (`tracks`). The server tells each publisher the largest height anyone shows
 * (`video_constraints`), and the publisher scales its camera encoder to it (Publisher.constrain).
 */
const LADDER = [180, 240, 360, 540, 720, 1080, 2160];
const PERIOD_MS = 1000;
/** The server takes at most 256 tracks in one video_quality. */
const MAX_PER_MESSAGE = 256;

/** Device pixels of height a tile element is shown at, 0 when not visible; rounded up to LADDER. */
export function shownHeight(tile) {
  if (!tile || !tile.isConnected || document.hidden || tile.classList.contains('video-muted')) return 0;
  const r = tile.getBoundingClientRect();
  const visibleW = Math.min(r.right, window.innerWidth) - Math.max(r.left, 0);
  const visibleH = Math.min(r.bottom, window.innerHeight) - Math.max(r.top, 0);
  if (visibleW <= 0 || visibleH <= 0) return 0;
  const px = r.height * (window.devicePixelRatio || 1);
  return LADDER.find((h) => h >= px * 0.9) ?? LADDER[LADDER.length - 1];
}

/** The tile (camera tile or screen-share tile) whose video element shows `track`. */
function tileOf(track) {
  for (const v of document.querySelectorAll('video')) {
    const stream = v.srcObject;
    if (stream && typeof stream.getVideoTracks === 'function' && stream.getVideoTracks().includes(track)) {
      return v.closest('.tile, .screen-tile') || v;
    }
  }
  return null;
}

/**
 * Starts reporting; returns the interval id (clear it to stop).
 * @param signaling a Signaling
 * @param remoteTracks Map track_id → {kind, track, ...} of the tracks we receive
 */
export function startQualityReports(signaling, remoteTracks) {
  const sent = new Map();
  return setInterval(() => {
    const changed = [];
    for (const [id, info] of remoteTracks) {
      if (info.kind !== 'video' || !info.track) continue;
      const h = shownHeight(tileOf(info.track));
      if (sent.get(id) !== h) {
        sent.set(id, h);
        changed.push({ track_id: id, max_height: h });
      }
    }
    // one frame for all changes: a gallery page turn changes up to 49 at once (the socket takes 50 frames a second)
    for (let i = 0; i < changed.length; i += MAX_PER_MESSAGE) {
      signaling.send({ type: 'video_quality', tracks: changed.slice(i, i + MAX_PER_MESSAGE) });
    }
    for (const id of [...sent.keys()]) if (!remoteTracks.has(id)) sent.delete(id);
  }, PERIOD_MS);
}
