import { el } from './dom.js';
import { t } from './i18n.js';

/**
 * What the SFU says about connections (docs/protocol.md, "Bad networks"): `video_paused` (a
 * participant's video is not sent to us because our connection is too poor: the tile says so) and
 * `connection_quality` (0–3 bars on every tile; our own 1 or 0 shows "Your connection is unstable").
 * The state is kept here by participant so a tile created later still shows it.
 */
export const MAX_BARS = 3;
/** Our own quality at or below this shows the warning. */
export const UNSTABLE_AT = 1;

export class NetStatus {
  /** @param {() => string|null} selfId our participant id while in a call */
  constructor(selfId) {
    this.selfId = selfId;
    this.quality = new Map(); // participant_id → bars
    this.paused = new Map(); // participant_id → Set of paused track ids
  }

  /** Handles the two message types; returns false for any other. */
  onMessage(m) {
    if (m.type === 'video_paused') {
      if (typeof m.participant_id !== 'string' || typeof m.track_id !== 'string') return true;
      const set = this.paused.get(m.participant_id) || new Set();
      if (m.paused === true) set.add(m.track_id); else set.delete(m.track_id);
      if (set.size) this.paused.set(m.participant_id, set); else this.paused.delete(m.participant_id);
      this.render(m.participant_id);
      return true;
    }
    if (m.type === 'connection_quality') {
      if (typeof m.participant_id !== 'string' || !Number.isInteger(m.quality)) return true;
      this.quality.set(m.participant_id, Math.max(0, Math.min(MAX_BARS, m.quality)));
      this.render(m.participant_id);
      return true;
    }
    return false;
  }

  bars(participantId) {
    return this.quality.has(participantId) ? this.quality.get(participantId) : MAX_BARS;
  }

  isPaused(participantId) {
    return this.paused.has(participantId);
  }

  /** Whether we should warn about our own connection. */
  get unstable() {
    const self = this.selfId();
    return !!self && this.bars(self) <= UNSTABLE_AT;
  }

  /** The participant left or the call ended. */
  forget(participantId) {
    this.quality.delete(participantId);
    this.paused.delete(participantId);
  }

  clear() {
    this.quality.clear();
    this.paused.clear();
    this.renderWarning();
  }

  /** Draws one participant's tile state (bars, paused notice) and our own warning. */
  render(participantId) {
    if (typeof document === 'undefined' || !document.querySelector) return;
    const tile = document.querySelector(`.tile[data-participant-id="${CSS.escape(participantId)}"]`);
    if (tile) renderTile(tile, this.bars(participantId), this.isPaused(participantId));
    if (participantId === this.selfId()) this.renderWarning();
  }

  /** Refreshes every tile on the page (after tiles were created or re-rendered). */
  renderAll() {
    if (typeof document === 'undefined' || !document.querySelectorAll) return;
    for (const tile of document.querySelectorAll('.tile[data-participant-id]')) {
      const id = tile.dataset.participantId;
      renderTile(tile, this.bars(id), this.isPaused(id));
    }
    this.renderWarning();
  }

  renderWarning() {
    const warning = typeof document === 'undefined' ? null : document.getElementById('net-warning');
    if (!warning) return;
    warning.textContent = t('net.unstable');
    warning.hidden = !this.unstable;
  }
}

function renderTile(tile, bars, paused) {
  let meter = tile.querySelector('.tile-bars');
  if (!meter) {
    meter = el('div', { className: 'tile-bars', attrs: { role: 'img' } }, [1, 2, 3].map(() => el('span')));
    tile.append(meter);
  }
  meter.dataset.bars = String(bars);
  meter.setAttribute('aria-label', t('net.bars', { n: bars }));
  meter.title = meter.getAttribute('aria-label');
  [...meter.children].forEach((bar, i) => bar.classList.toggle('on', i < bars));
  let notice = tile.querySelector('.tile-paused');
  if (!notice) {
    notice = el('div', { className: 'tile-paused', hidden: true });
    tile.append(notice);
  }
  notice.textContent = t('net.videoPaused');
  notice.hidden = !paused;
  tile.classList.toggle('video-paused', paused);
}
