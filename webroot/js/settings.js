import { el } from './dom.js';
import { blurSupported } from './blur.js';
import { t, language, setLanguage, LANGUAGES } from './i18n.js';

const $ = (id) => document.getElementById(id);
const SPEAKER_KEY = 'confero.audioOutput';

/**
 * The in-call settings dialog: microphone (with its level meter and noise suppression), camera and
 * speaker. Inputs switch through `onInput(kind, deviceId)` and `onNoiseSuppression(on)` (the call
 * replaces the sent track, see meeting.js); the speaker applies to every remote audio element with
 * setSinkId where the browser has it.
 */
export class Settings {
  constructor(media, { onInput, onNoiseSuppression, onBlur, onLanguage }) {
    this.media = media;
    this.dialog = $('settings-dialog');
    try { this.speakerId = localStorage.getItem(SPEAKER_KEY) || ''; } catch { this.speakerId = ''; }
    $('set-mic').addEventListener('change', (e) => onInput('audio', e.target.value));
    $('set-cam').addEventListener('change', (e) => onInput('video', e.target.value));
    $('set-speaker').addEventListener('change', (e) => this.setSpeaker(e.target.value));
    $('set-noise').addEventListener('change', (e) => onNoiseSuppression(e.target.checked));
    $('set-blur').addEventListener('change', async (e) => {
      e.target.disabled = true; // the model takes a moment to load and start
      await onBlur(e.target.checked);
      await this.refresh();
    });
    $('set-lang').addEventListener('change', (e) => { setLanguage(e.target.value); onLanguage(); this.refresh(); });
    $('settings-close').addEventListener('click', () => this.dialog.close());
    this.dialog.addEventListener('close', () => { $('set-preview').srcObject = null; });
  }

  async open() {
    await this.refresh();
    if (!this.dialog.open) this.dialog.showModal();
  }

  /** Device lists and current choices; runs on open and after each switch. */
  async refresh() {
    const devices = await this.media.devices().catch(() => ({ audio: [], video: [], speaker: [] }));
    fill($('set-mic'), devices.audio, this.media.currentDevice('audio'), !this.media.track('audio'), t('device.noMic'));
    fill($('set-cam'), devices.video, this.media.currentDevice('video'), !this.media.track('video'), t('device.noCam'));
    const sinkable = typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
    fill($('set-speaker'), devices.speaker, this.speakerId, !sinkable, t(sinkable ? 'device.systemSpeaker' : 'device.speakerBySystem'));
    $('set-lang').replaceChildren(...Object.entries(LANGUAGES).map(([value, name]) => el('option', { value, textContent: name })));
    $('set-lang').value = language();
    $('set-noise').checked = this.media.noiseSuppression;
    $('set-noise').disabled = !this.media.track('audio');
    const blurrable = blurSupported();
    $('set-blur').checked = !!this.media.blur;
    $('set-blur').disabled = !blurrable || !this.media.track('video');
    $('set-blur-detail').textContent = t(blurrable ? 'settings.blurDetail' : 'settings.blurUnavailable');
    const video = this.media.track('video');
    $('set-preview').srcObject = video ? new MediaStream([video]) : null;
    $('set-preview').hidden = !video;
  }

  async setSpeaker(id) {
    this.speakerId = id;
    try { localStorage.setItem(SPEAKER_KEY, id); } catch { /* storage unavailable */ }
    await Promise.all([...document.querySelectorAll('#audio-sink audio')].map((a) => this.applySpeaker(a)));
  }

  /** Routes one remote audio element to the chosen speaker (no-op where setSinkId is missing). */
  async applySpeaker(audio) {
    if (!audio.setSinkId || audio.sinkId === this.speakerId) return;
    await audio.setSinkId(this.speakerId).catch(() => {});
  }
}

function fill(select, list, current, disabled, none) {
  const options = list.length > 0 && !disabled ? list : [{ deviceId: '', label: none }];
  select.replaceChildren(...options.map((d) => el('option', { value: d.deviceId, textContent: d.label })));
  select.value = options.some((d) => d.deviceId === current) ? current : options[0].deviceId;
  select.disabled = disabled || list.length === 0;
}
