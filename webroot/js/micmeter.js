import { rmsDb, meterValue, holdPeak } from './level.js';

const STEP_MS = 50;

/**
 * Shows the level of the local microphone on <meter> elements (pre-join and settings). Follows
 * whatever audio track the LocalMedia holds now: after a device switch or a re-acquire it listens
 * to the new track. One AudioContext for the page, started on the first user gesture if the
 * browser holds it suspended.
 */
export class MicMeter {
  constructor(media, meters) {
    this.media = media;
    this.meters = meters;
    this.value = 0;
    this.track = null;
    this.ctx = null;
    this.timer = null;
    const resume = () => { if (this.ctx && this.ctx.state === 'suspended') this.ctx.resume().catch(() => {}); };
    document.addEventListener('pointerdown', resume, { capture: true });
    document.addEventListener('keydown', resume, { capture: true });
  }

  start() {
    if (this.timer || typeof AudioContext === 'undefined') return;
    this.timer = setInterval(() => this.step(), STEP_MS);
  }

  stop() {
    clearInterval(this.timer);
    this.timer = null;
    this.detach();
    this.show(0);
  }

  step() {
    if (!this.meters.some((m) => m.getClientRects().length > 0)) return; // no meter shown (in the call, settings closed)
    const track = this.media.track('audio');
    if (track !== this.track) this.attach(track);
    let level = 0;
    if (this.analyser && track && track.enabled && track.readyState === 'live') {
      this.analyser.getFloatTimeDomainData(this.buffer);
      level = meterValue(rmsDb(this.buffer));
    }
    this.show(holdPeak(this.value, level));
  }

  attach(track) {
    this.detach();
    this.track = track;
    if (!track) return;
    this.ctx = this.ctx || new AudioContext();
    this.source = this.ctx.createMediaStreamSource(new MediaStream([track]));
    this.analyser = this.ctx.createAnalyser();
    this.analyser.fftSize = 1024;
    this.buffer = new Float32Array(this.analyser.fftSize);
    this.source.connect(this.analyser);
  }

  detach() {
    if (this.source) this.source.disconnect();
    this.source = null;
    this.analyser = null;
    this.track = null;
  }

  show(value) {
    this.value = value;
    for (const m of this.meters) m.value = value;
  }
}
