import { KeyAgreement } from './e2eeagreement.js';
import { t } from './i18n.js';

const $ = (id) => document.getElementById(id);

/**
 * How this browser can transform encoded frames: 'script-transform' (RTCRtpScriptTransform),
 * 'encoded-streams' (the legacy createEncodedStreams), or null (it cannot do end-to-end encryption).
 */
export function e2eeSupport() {
  if (typeof window.RTCRtpScriptTransform === 'function') return 'script-transform';
  if (window.RTCRtpSender && typeof RTCRtpSender.prototype.createEncodedStreams === 'function') return 'encoded-streams';
  return null;
}

/**
 * End-to-end encryption of one call session (docs/e2ee.md): the frame-transform worker on every
 * sender and receiver, the key agreement over the `e2ee` relay, and the lock indicator with the
 * safety code. One instance per joined session; close() ends it.
 */
export class E2ee {
  constructor(selfId, signaling, mode) {
    this.mode = mode;
    this.worker = new Worker('/js/e2eeworker.js', { type: 'module' });
    this.attached = new WeakSet();
    this.requests = new Map();
    this.nextRequest = 1;
    this.worker.onmessage = (e) => {
      const r = this.requests.get(e.data && e.data.id);
      if (r) {
        this.requests.delete(e.data.id);
        r(e.data);
      }
    };
    this.code = '';
    this.agreement = new KeyAgreement(selfId, {
      send: (payload, to) => signaling.send(to ? { type: 'e2ee', to, payload } : { type: 'e2ee', payload }),
      sendingKey: (k, delayMs) => this.worker.postMessage({ type: 'sendingKey', kid: k.kid, key: k.key, delayMs }),
      peerKey: (participant, kid, key) => this.worker.postMessage({ type: 'peerKey', participant, kid, key }),
      peerGone: (participant) => this.worker.postMessage({ type: 'peerGone', participant }),
      code: (code, count) => this.showCode(code, count),
      rejected: (from, why) => console.warn('e2ee: refused a key message from', from, why),
    });
  }

  /** Extra RTCPeerConnection settings: the legacy API must be switched on when the connection is made. */
  pcConfig() {
    return this.mode === 'encoded-streams' ? { encodedInsertableStreams: true } : {};
  }

  start() {
    this.showLock(true);
    return this.agreement.start();
  }

  /** Seals every frame `sender` sends (call before the first frame: right after addTransceiver). */
  attachSender(sender, kind) {
    this.attach(sender, 'encrypt', kind);
  }

  /** Opens every frame `receiver` gets. */
  attachReceiver(receiver, kind) {
    this.attach(receiver, 'decrypt', kind);
  }

  attach(endpoint, operation, kind) {
    if (this.attached.has(endpoint)) return;
    this.attached.add(endpoint);
    const options = { operation, kind };
    if (this.mode === 'script-transform') {
      endpoint.transform = new RTCRtpScriptTransform(this.worker, options);
    } else {
      const { readable, writable } = endpoint.createEncodedStreams();
      this.worker.postMessage({ type: 'stream', ...options, readable, writable }, [readable, writable]);
    }
  }

  /** An `e2ee` signaling message. */
  onSignal(m) {
    if (typeof m.from === 'string' && typeof m.payload === 'string') this.agreement.onMessage(m.from, m.payload, !!m.to);
  }

  /** A participant left or was removed. */
  left(participantId) {
    this.agreement.left(participantId);
  }

  /** Asks the worker something (stats, captured, probe); resolves with its answer. */
  ask(msg, transfer = []) {
    const id = this.nextRequest++;
    return new Promise((resolve) => {
      this.requests.set(id, resolve);
      this.worker.postMessage({ ...msg, id }, transfer);
    });
  }

  showLock(on) {
    $('e2ee-lock').hidden = !on;
  }

  showCode(code, count) {
    this.code = code;
    $('e2ee-code').textContent = code;
    $('e2ee-count').textContent = t('e2ee.codeCount', { n: count });
  }

  close() {
    this.worker.terminate();
    this.showLock(false);
  }
}

/** Wires the lock indicator to the explanation dialog (once per page). */
export function wireE2eeDialog() {
  $('e2ee-lock').addEventListener('click', () => $('e2ee-dialog').showModal());
  $('e2ee-close').addEventListener('click', () => $('e2ee-dialog').close());
}
