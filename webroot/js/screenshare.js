import { toast } from './dom.js';
import { t } from './i18n.js';

const $ = (id) => document.getElementById(id);

/**
 * Presenting our screen: one capture at a time, refused locally when someone else presents and
 * the host allows only one presenter (the server refuses races; see meeting.js onPublishRejected).
 */
export class ScreenShare {
  /** @param deps {store, gallery, extras, negotiate(session)} */
  constructor({ store, gallery, extras, negotiate }) {
    this.store = store;
    this.gallery = gallery;
    this.extras = extras;
    this.negotiate = negotiate;
  }

  async toggle() {
    const s = this.store.session;
    if (!s || !s.publisher) return;
    if (s.screen) {
      this.stop(s);
      return;
    }
    const presenter = [...this.gallery.screens.values()].map((tile) => tile.dataset.screenOf).find((id) => id !== s.selfId);
    if (presenter && !this.extras.multiShare) {
      const name = this.store.participants.get(presenter)?.display_name || t('people.someone');
      toast(t('note.otherPresents', { name }), { kind: 'error' });
      return;
    }
    if (!navigator.mediaDevices || !navigator.mediaDevices.getDisplayMedia) {
      toast(t('note.noScreenShare'), { kind: 'error' });
      return;
    }
    const stream = await this.capture();
    if (!stream) return;
    if (this.store.session !== s) {
      stream.getTracks().forEach((track) => track.stop());
      return;
    }
    const track = stream.getVideoTracks()[0];
    if ('contentHint' in track) track.contentHint = 'detail';
    track.addEventListener('ended', () => { if (s.screen && s.screen.track === track) this.stop(s); });
    s.screen = { stream, track, transceiver: s.publisher.add(track, 'screen', stream) };
    this.negotiate(s);
    this.gallery.addScreen('local-screen', s.selfId, t('call.youPresent'), track);
    this.setButton(true);
  }

  /** The screen the user picks, or null (declined, or the browser failed: then it says why). */
  async capture() {
    try {
      return await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { ideal: 15 } }, audio: false });
    } catch (e) {
      if (e && e.name !== 'NotAllowedError' && e.name !== 'AbortError') toast(t('note.shareFailed', { why: e.message }), { kind: 'error' });
      return null;
    }
  }

  stop(s) {
    const { transceiver } = s.screen;
    this.drop(s);
    s.publisher.remove(transceiver);
    s.publisher.running?.catch(() => {});
  }

  /** Ends the local screen capture and its preview; the publisher side is the caller's. */
  drop(s) {
    const { track } = s.screen;
    s.screen = null;
    track.stop();
    this.gallery.removeScreen('local-screen');
    this.setButton(false);
  }

  setButton(on) {
    const btn = $('screen-btn');
    btn.classList.toggle('active', on);
    btn.setAttribute('aria-pressed', String(on));
    btn.title = t(on ? 'control.stopPresenting' : 'control.present');
    btn.setAttribute('aria-label', btn.title);
  }
}
