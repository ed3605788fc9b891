import {
  identity, freshSendingKey, ratchet, pairwiseKey, wrapKey, unwrapKey, safetyCode, b64, unb64, MAX_GENERATION,
} from './e2eekeys.js';

/** Wrapped keys held for a sender whose public key has not arrived yet. */
const MAX_PENDING = 8;
/** How long the old sending key stays in use after a fresh one went out (the wrapped keys travel meanwhile). */
export const SWITCH_DELAY_MS = 1000;

/**
 * The key agreement of one participant in an end-to-end encrypted meeting (docs/e2ee.md, "Keys"),
 * over the opaque `e2ee` relay: announces an ECDH public key (`hello`), hands its sending key to
 * each other participant wrapped for them (`key`), ratchets its key when someone joins and makes a
 * fresh one when someone leaves. Pure logic: the relay, the frame transform and the clock are the
 * caller's (`io`).
 *
 * io: send(payload: string, to?: string), sendingKey(key, delayMs), peerKey(participantId, kid, keyBytes),
 *     peerGone(participantId), code(safetyCode), rejected(participantId, why)
 */
export class KeyAgreement {
  constructor(selfId, io) {
    this.selfId = selfId;
    this.io = io;
    this.peers = new Map(); // id → {pub, pair: Promise<CryptoKey>, lastSeq}
    this.orphans = new Map(); // id → wrapped keys that came before that sender's hello
    this.seq = 0;
    this.sending = null;
    this.queue = Promise.resolve(); // messages are handled one at a time, in arrival order
  }

  /** Makes our identity and first sending key and says hello; messages that arrive meanwhile wait for it. */
  start() {
    this.queue = this.queue.then(async () => {
      this.me = await identity();
      this.sending = freshSendingKey();
      this.io.sendingKey(this.sending, 0);
      this.io.send(JSON.stringify({ t: 'hello', pub: b64(this.me.pub) }));
      await this.publishCode();
    });
    return this.queue;
  }

  /** An `e2ee` relay message: `from` is stamped by the server; `direct` when it was addressed to us. */
  onMessage(from, payload, direct) {
    this.queue = this.queue.then(() => this.handle(from, payload, direct)).catch((e) => this.io.rejected(from, String(e)));
    return this.queue;
  }

  /** A participant left or was removed: forget their keys and move to a fresh key they never get. */
  left(participantId) {
    this.queue = this.queue.then(async () => {
      this.orphans.delete(participantId);
      if (!this.peers.delete(participantId)) return;
      this.io.peerGone(participantId);
      await this.rekey(SWITCH_DELAY_MS);
      await this.publishCode();
    });
    return this.queue;
  }

  async handle(from, payload, direct) {
    let m;
    try {
      m = JSON.parse(payload);
    } catch {
      m = null;
    }
    if (!m || typeof m !== 'object' || from === this.selfId) return this.io.rejected(from, 'malformed');
    if (m.t === 'hello') return this.onHello(from, m, direct);
    if (m.t === 'key') return this.onKey(from, m);
    return this.io.rejected(from, 'unknown');
  }

  async onHello(from, m, direct) {
    let pub;
    try {
      pub = unb64(m.pub);
    } catch {
      pub = null;
    }
    if (!pub || pub.length !== 65) return this.io.rejected(from, 'bad public key');
    const known = this.peers.get(from);
    if (known && b64(known.pub) === m.pub) return undefined; // a repeat (or a replay): nothing new
    const pair = pairwiseKey(this.me, this.selfId, pub, from);
    await pair; // a point off the curve is refused here
    const peer = { pub, pair, lastSeq: -1 };
    this.peers.set(from, peer);
    if (known) this.io.peerGone(from); // a new identity (a reload): its old keys go
    if (!direct) {
      // a newcomer: what we sent before stays unreadable to them
      await this.advance();
      this.io.send(JSON.stringify({ t: 'hello', pub: b64(this.me.pub) }), from);
    }
    await this.sendKeyTo(from, peer);
    await this.drainOrphans(from);
    await this.publishCode();
    return undefined;
  }

  async onKey(from, m) {
    const peer = this.peers.get(from);
    if (!peer) {
      // the hello is behind it (another path, a slow relay): hold a few
      const list = this.orphans.get(from) || [];
      if (list.length < MAX_PENDING) list.push(m);
      this.orphans.set(from, list);
      return undefined;
    }
    if (!Number.isSafeInteger(m.seq) || !Number.isSafeInteger(m.kid) || m.seq <= peer.lastSeq) {
      return this.io.rejected(from, 'replayed or malformed key');
    }
    const key = await unwrapKey(await peer.pair, from, this.selfId, m);
    if (!key) return this.io.rejected(from, 'key not wrapped for us');
    peer.lastSeq = m.seq;
    this.io.peerKey(from, m.kid, key);
    return undefined;
  }

  /** Ratchets our sending key (a fresh one once the ratchet is exhausted, sent to everyone). */
  async advance() {
    if (this.sending.generation >= MAX_GENERATION) {
      await this.rekey(SWITCH_DELAY_MS);
      return;
    }
    this.sending = await ratchet(this.sending);
    this.io.sendingKey(this.sending, 0);
  }

  async rekey(delayMs) {
    this.sending = freshSendingKey();
    for (const [id, peer] of this.peers) await this.sendKeyTo(id, peer);
    this.io.sendingKey(this.sending, delayMs);
  }

  async sendKeyTo(id, peer) {
    const w = await wrapKey(await peer.pair, this.selfId, id, this.sending, this.seq++);
    this.io.send(JSON.stringify({ t: 'key', ...w }), id);
  }

  async publishCode() {
    const entries = [{ id: this.selfId, pub: this.me.pub }];
    for (const [id, p] of this.peers) entries.push({ id, pub: p.pub });
    this.io.code(await safetyCode(entries), entries.length);
  }

  /** Replays wrapped keys that arrived before their sender's hello (called after each hello). */
  async drainOrphans(from) {
    const list = this.orphans.get(from);
    if (!list) return;
    this.orphans.delete(from);
    for (const m of list) await this.onKey(from, m);
  }
}
