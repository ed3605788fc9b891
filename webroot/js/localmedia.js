/**
 * The local microphone and camera: acquisition with graceful fall-back, device lists, device
 * switching and on/off state. One MediaStream holds at most one audio and one video track.
 */
const PREFS = { audio: 'confero.audioInput', video: 'confero.videoInput' };

function load(key) {
  try { return localStorage.getItem(key) || ''; } catch { return ''; }
}

function save(key, value) {
  try { localStorage.setItem(key, value); } catch { /* storage unavailable */ }
}

function constraint(kind, deviceId) {
  // 720p when the camera has it: the publisher sends it as three simulcast layers (publisher.js)
  const base = kind === 'video' ? { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } } : { echoCancellation: true, noiseSuppression: true };
  return deviceId ? { ...base, deviceId: { exact: deviceId } } : base;
}

/** Why getUserMedia failed, in words for people. */
export function describeMediaError(e) {
  switch (e && e.name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'Access to your camera and microphone was blocked. Allow it in the browser’s site settings to be seen and heard.';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No camera or microphone was found.';
    case 'NotReadableError':
      return 'Your camera or microphone is in use by another application.';
    default:
      return 'Camera and microphone are unavailable' + (e && e.message ? `: ${e.message}` : '.');
  }
}

export class LocalMedia {
  constructor() {
    this.stream = new MediaStream();
    this.enabled = { audio: true, video: true };
    this.deviceId = { audio: load(PREFS.audio), video: load(PREFS.video) };
    this.error = null;
    this.starting = false;
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
      const s = await navigator.mediaDevices.getUserMedia({ audio: constraint('audio', this.deviceId.audio), video: constraint('video', this.deviceId.video) });
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

  /** Gets one kind of device (using the chosen device) into the stream; rejects if it fails. */
  async acquire(kind) {
    const s = await navigator.mediaDevices.getUserMedia({ [kind]: constraint(kind, this.deviceId[kind]) });
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

  /** Switches to another input device; returns the new track. */
  async use(kind, deviceId) {
    this.deviceId[kind] = deviceId;
    save(PREFS[kind], deviceId);
    const old = this.track(kind);
    if (old) old.stop();
    return this.acquire(kind);
  }

  setEnabled(kind, on) {
    this.enabled[kind] = on;
    const t = this.track(kind);
    if (t) t.enabled = on;
  }

  /** Input devices by kind: {audio:[{deviceId,label}], video:[...]}. */
  async devices() {
    const out = { audio: [], video: [] };
    if (!navigator.mediaDevices || !navigator.mediaDevices.enumerateDevices) return out;
    const list = await navigator.mediaDevices.enumerateDevices();
    for (const d of list) {
      const kind = d.kind === 'audioinput' ? 'audio' : d.kind === 'videoinput' ? 'video' : null;
      if (!kind || !d.deviceId) continue;
      out[kind].push({ deviceId: d.deviceId, label: d.label || `${kind === 'audio' ? 'Microphone' : 'Camera'} ${out[kind].length + 1}` });
    }
    return out;
  }

  /** The device id a live track uses. */
  currentDevice(kind) {
    const t = this.track(kind);
    return t && t.getSettings ? t.getSettings().deviceId || '' : '';
  }

  stop() {
    for (const t of this.stream.getTracks()) {
      t.stop();
      this.stream.removeTrack(t);
    }
  }
}
