import { toast } from './dom.js';
import { t } from './i18n.js';

/**
 * The recording indicator everyone sees and the Record button hosts and co-hosts get
 * (docs/protocol.md, "Recording"). The server decides who may record; this only asks.
 */
const $ = (id) => document.getElementById(id);
const REFUSALS = {
  'recording-not-allowed': 'rec.notAllowed',
  'e2ee-not-recordable': 'rec.e2ee',
  'already-recording': 'rec.already',
  'not-recording': 'rec.notRecording',
};

export class RecordingUi {
  /** @param {(msg: object) => void} send sends a signaling frame */
  constructor(send) {
    this.send = send;
    this.active = false;
    $('record-btn').addEventListener('click', () => {
      if (this.active) {
        if (window.confirm(t('rec.confirmStop'))) this.send({ type: 'stop_recording' });
      } else if (window.confirm(t('rec.confirmStart'))) {
        this.send({ type: 'start_recording' });
      }
    });
  }

  /** `joined`: the current state; hosts and co-hosts get the button. */
  onJoined(m, canModerate) {
    $('record-btn').hidden = !canModerate;
    // the server cannot record what it cannot read (docs/e2ee.md); it would refuse with e2ee-not-recordable
    const e2ee = !!(m.meeting && m.meeting.e2ee);
    $('record-btn').disabled = e2ee;
    $('record-btn').title = e2ee ? t('e2ee.noRecord') : '';
    this.show(!!(m.recording && m.recording.active), false);
  }

  /** `recording`: started or stopped (by a host or over REST). */
  onMessage(m) {
    this.show(!!m.active, true);
  }

  /** True when the error code was a recording refusal (shown here). */
  onError(code) {
    if (!REFUSALS[code]) return false;
    toast(t(REFUSALS[code]), { kind: 'error' });
    return true;
  }

  show(active, announce) {
    if (announce && active !== this.active) toast(t(active ? 'rec.started' : 'rec.stopped'));
    this.active = active;
    $('rec-indicator').hidden = !active;
    $('record-btn').textContent = t(active ? 'rec.stop' : 'rec.record');
    $('record-btn').setAttribute('aria-pressed', String(active));
  }
}

/**
 * The pre-join says when the meeting is being recorded (GET /j/{code}/recording), asked on arrival
 * and every 10 s while `onPrejoin()` holds; once joined the `joined` state and the indicator take over.
 */
export function watchPrejoinRecording(code, onPrejoin) {
  const ask = async () => {
    if (!onPrejoin()) {
      $('prejoin-rec').hidden = true;
      return;
    }
    try {
      const resp = await fetch(`/j/${encodeURIComponent(code)}/recording`, { headers: { Accept: 'application/json' } });
      if (resp.ok) $('prejoin-rec').hidden = !(await resp.json()).recording;
    } catch { /* the notice stays as it was; the next try may reach the server */ }
    setTimeout(ask, 10_000);
  };
  ask();
}
