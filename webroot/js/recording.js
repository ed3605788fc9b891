import { toast } from './dom.js';

/**
 * The recording indicator everyone sees and the Record button hosts and co-hosts get
 * (docs/protocol.md, "Recording"). The server decides who may record; this only asks.
 */
const $ = (id) => document.getElementById(id);
const REFUSALS = {
  'recording-not-allowed': 'Recording is turned off for this meeting.',
  'e2ee-not-recordable': 'This meeting is end-to-end encrypted, so the server cannot record it.',
  'already-recording': 'The meeting is already being recorded.',
  'not-recording': 'The meeting is not being recorded.',
};

export class RecordingUi {
  /** @param {(msg: object) => void} send sends a signaling frame */
  constructor(send) {
    this.send = send;
    this.active = false;
    $('record-btn').addEventListener('click', () => {
      if (this.active) {
        if (window.confirm('Stop recording?')) this.send({ type: 'stop_recording' });
      } else if (window.confirm('Record this meeting? Everyone will see that it is being recorded.')) {
        this.send({ type: 'start_recording' });
      }
    });
  }

  /** `joined`: the current state; hosts and co-hosts get the button. */
  onJoined(m, canModerate) {
    $('record-btn').hidden = !canModerate;
    this.show(!!(m.recording && m.recording.active), false);
  }

  /** `recording`: started or stopped (by a host or over REST). */
  onMessage(m) {
    this.show(!!m.active, true);
  }

  /** True when the error code was a recording refusal (shown here). */
  onError(code) {
    if (!REFUSALS[code]) return false;
    toast(REFUSALS[code], { kind: 'error' });
    return true;
  }

  show(active, announce) {
    if (announce && active !== this.active) toast(active ? 'This meeting is being recorded' : 'Recording stopped');
    this.active = active;
    $('rec-indicator').hidden = !active;
    $('record-btn').textContent = active ? 'Stop recording' : 'Record';
    $('record-btn').setAttribute('aria-pressed', String(active));
  }
}
