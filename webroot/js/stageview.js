import { t } from './i18n.js';
/**
 * The stage layout switch (gallery ↔ speaker view, remembered per browser) and the active speaker
 * the server names (`active_speaker`, docs/protocol.md): its tile gets a ring, and in speaker view
 * it becomes the big tile.
 */
const LAYOUT_KEY = 'confero.layout';

export class StageView {
  /** @param gallery a Gallery; @param button the layout toggle; @param store the page's Store (layout, activeSpeaker) */
  constructor(gallery, button, store) {
    this.gallery = gallery;
    this.button = button;
    this.store = store;
    store.activeSpeaker = null;
    button.addEventListener('click', () => this.setMode(this.gallery.mode === 'speaker' ? 'gallery' : 'speaker'));
    let saved = 'gallery';
    try { saved = localStorage.getItem(LAYOUT_KEY) || 'gallery'; } catch { /* storage unavailable */ }
    this.setMode(saved, false);
  }

  setMode(mode, remember = true) {
    this.gallery.setMode(mode);
    const speaker = this.gallery.mode === 'speaker';
    this.store.layout = this.gallery.mode;
    this.button.classList.toggle('active', speaker);
    this.button.setAttribute('aria-pressed', String(speaker));
    this.button.title = t(speaker ? 'control.galleryView' : 'control.speakerView');
    this.button.setAttribute('aria-label', this.button.title);
    if (remember) {
      try { localStorage.setItem(LAYOUT_KEY, this.gallery.mode); } catch { /* storage unavailable */ }
    }
  }

  /** Handles `active_speaker` and `spotlight`; false for any other message. */
  onMessage(m) {
    if (m.type === 'spotlight') {
      this.store.spotlight = m.participant_id || null;
      this.gallery.setSpotlight(this.store.spotlight);
      return true;
    }
    if (m.type !== 'active_speaker') return false;
    this.store.activeSpeaker = m.participant_id || null;
    this.gallery.setActiveSpeaker(this.store.activeSpeaker);
    return true;
  }
}
