import { t } from './i18n.js';
import { BackgroundBlur } from './blur.js';
/**
 * The local microphone and camera: acquisition with graceful fall-back, device lists, device
 * switching and on/off state. One MediaStream holds at most one audio and one video track.
 */
const PREFS = { audio: 'confero.audioInput', video: 'confero.videoInput', noiseSuppression: 'confero.noiseSuppression' };

function load(key) {
  try { return localStorage.getItem(key) || ''; } catch { return ''; }
}

function save(key, value) {
  try { localStorage.setItem(key, value); } catch { /* storage unavailable */ }
}

function constraint(kind, deviceId, noiseSuppression = true) {
  // 720p when the camera has it: the publisher sends it as three simulcast layers (publisher.js)
  const base = kind === 'video' ? { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } }
    : { echoCancellation: true, noiseSuppression };
  return deviceId ? { ...base, deviceId: { exact: deviceId } } : base;
}

const KINDS = { audioinput: 'audio', videoinput: 'video', audiooutput: 'speaker' };
const UNNAMED = { audio: 'device.mic', video: 'device.cam', speaker: 'device.speaker' };

/** Why getUserMedia failed, in words for people. */
export function describeMediaError(e) {
  switch (e && e.name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return t('media.blocked');
    case 'NotFoundError':
    case 'OverconstrainedError':
      return t('media.notFound');
    case 'NotReadableError':
      return t('media.inUse');
    default:
      return e && e.message ? t('media.unavailableWhy', { why: e.message }) : t('media.unavailable');
  }
}

export class LocalMedia {
  constructor() {
    this.stream = new MediaStream();
    this.enabled = { audio: true, video: true };
    this.deviceId = { audio: load(PREFS.audio), video: load(PREFS.video) };
    this.noiseSuppression = load(PREFS.noiseSuppression) !== 'off';
    this.error = null;
    this.starting = false;
    this.blur = null; // a BackgroundBlur while the background is blurred
    this.camera = null; // the camera's own track while the stream holds its blurred copy
  }

  track(kind) {
    return kind === 'audio' ? this.stream.getAudioTracks()[0] || null : this.stream.getVideoTracks()[0] || null;
  }

  /**
   * Acquires microphone and camera; if both together fail, tries each alone. Resolves to the
   * error of the last failure (null when at least one device started).
   */
  async start() {
    this.error = null;
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      this.error = Object.assign(new Error('the browser allows cameras only on secure (https) pages'), { name: 'InsecureContext' });
      return this.error;
    }
    try {
      const s = await navigator.mediaDevices.getUserMedia({ audio: this.constraint('audio'), video: this.constraint('video') });
      s.getTracks().forEach((t) => this.put(t));
    } catch (e) {
      if (this.deviceId.audio || this.deviceId.video) {
        this.deviceId = { audio: '', video: '' };
        return this.start();
      }
      const results = await Promise.allSettled(['audio', 'video'].map((k) => this.acquire(k)));
      const failed = results.filter((r) => r.status === 'rejected');
      if (failed.length === results.length) this.error = e;
    }
    return this.error;
  }

  constraint(kind) {
    return constraint(kind, this.deviceId[kind], this.noiseSuppression);
  }

  /**
   * Noise suppression on or off: the microphone is opened again with the new constraint (Chromium
   * ignores a change of audio processing through applyConstraints). Returns the new track.
   */
  async setNoiseSuppression(on) {
    this.noiseSuppression = on;
    save(PREFS.noiseSuppression, on ? 'on' : 'off');
    return this.track('audio') ? this.use('audio', this.currentDevice('audio') || this.deviceId.audio) : null;
  }

  /** Gets one kind of device (using the chosen device) into the stream; rejects if it fails. */
  async acquire(kind) {
    const s = await navigator.mediaDevices.getUserMedia({ [kind]: this.constraint(kind) });
    const track = kind === 'audio' ? s.getAudioTracks()[0] : s.getVideoTracks()[0];
    this.put(track);
    return track;
  }

  /** Replaces the stream's track of the same kind (stopping the old one). */
  put(track) {
    const old = this.track(track.kind);
    if (old && old !== track) {
      this.stream.removeTrack(old);
      old.stop();
    }
    track.enabled = this.enabled[track.kind];
    this.stream.addTrack(track);
  }

  /** Switches to another input device; returns the new track (blurred again if it was). */
  async use(kind, deviceId) {
    this.deviceId[kind] = deviceId;
    save(PREFS[kind], deviceId);
    const blurred = kind === 'video' && !!this.blur;
    if (blurred) this.unblur();
    const old = this.track(kind);
    if (old) old.stop();
    const track = await this.acquire(kind);
    return blurred ? this.setBlur(true) : track;
  }

  /**
   * Background blur on or off (blur.js). On: the stream's video track becomes the blurred copy of
   * the camera, which keeps running underneath. Returns the stream's video track now.
   */
  async setBlur(on) {
    const camera = this.camera || this.track('video');
    if (!camera || on === !!this.blur) return this.track('video');
    if (!on) {
      this.unblur();
      return this.track('video');
    }
    const blur = new BackgroundBlur();
    const out = await blur.start(camera);
    if (this.track('video') !== camera) { // the camera changed meanwhile
      blur.stop();
      return this.track('video');
    }
    this.blur = blur;
    this.camera = camera;
    out.enabled = this.enabled.video;
    this.stream.removeTrack(camera);
    this.stream.addTrack(out);
    return out;
  }

  /** Ends the blur; the camera's own track goes back into the stream. */
  unblur() {
    if (!this.blur) return;
    const out = this.track('video');
    if (out) this.stream.removeTrack(out);
    this.blur.stop();
    this.blur = null;
    this.stream.addTrack(this.camera);
    this.camera = null;
  }

  setEnabled(kind, on) {
    this.enabled[kind] = on;
    const t = this.track(kind);
    if (t) t.enabled = on;
    if (kind === 'video' && this.camera) this.camera.enabled = on;
  }

  /** Devices by kind: {audio:[{deviceId,label}], video:[...], speaker:[...]} (inputs, and audio outputs). */
  async devices() {
    const out = { audio: [], video: [], speaker: [] };
    if (!navigator.mediaDevices || !navigator.mediaDevices.enumerateDevices) return out;
    const list = await navigator.mediaDevices.enumerateDevices();
    for (const d of list) {
      const kind = KINDS[d.kind];
      if (!kind || !d.deviceId) continue;
      out[kind].push({ deviceId: d.deviceId, label: d.label || `${t(UNNAMED[kind])} ${out[kind].length + 1}` });
    }
    return out;
  }

  /** The device id a live track uses. */
  currentDevice(kind) {
    const t = kind === 'video' && this.camera ? this.camera : this.track(kind);
    return t && t.getSettings ? t.getSettings().deviceId || '' : '';
  }

  stop() {
    this.unblur();
    for (const t of this.stream.getTracks()) {
      t.stop();
      this.stream.removeTrack(t);
    }
  }
}
