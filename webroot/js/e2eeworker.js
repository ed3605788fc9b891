/**
 * The frame transform of an end-to-end encrypted meeting (docs/e2ee.md), in a dedicated module
 * worker: every outgoing audio, video and screen frame is sealed into an SFrame with our sending
 * key, every incoming one opened with its sender's key (following that sender's ratchet by KID).
 * Frames that cannot be sealed (no key yet) or opened (unknown key, bad tag) are dropped, never
 * passed on. Fed by RTCRtpScriptTransform (`rtctransform` events) or, where only the legacy API
 * exists, by the streams of createEncodedStreams() posted here.
 *
 * Messages in: sendingKey {kid, key, delayMs}, peerKey {participant, kid, key}, peerGone {participant},
 * stream {operation, kind, readable, writable}, stats, probe {frame, kind, frameType}.
 */
import { sframeContext, encryptFrame, decryptFrame, clearPrefixLength, parseHeader } from './sframe.js';
import { ratchet, splitKid, MAX_RATCHET_AHEAD } from './e2eekeys.js';

/** Keys kept per sender (older ones go: frames in flight at a switch need the previous one only). */
const KEYS_PER_SENDER = 6;

let sending = null; // {kid, ctx}
let switchTimer = null;
let counter = 0; // one CTR for every frame we seal, whatever the track: never twice with one key
const keys = new Map(); // kid → {participant, keyId, generation, raw, ctx: Promise}
const stats = { encrypted: 0, decrypted: 0, undecryptable: 0, unsent: 0, sealMs: 0, openMs: 0, sealedBytes: 0, openedBytes: 0 };
/** The newest encrypted video frame received per sender (participant id → {frame, kind, frameType, kid}), for the removal check. */
const lastReceived = new Map();

function remember(participant, kid, raw) {
  const { keyId, generation } = splitKid(kid);
  keys.set(kid, { participant, keyId, generation, raw, ctx: sframeContext(raw, kid) });
  const mine = [...keys.entries()].filter(([, k]) => k.participant === participant);
  for (const [old] of mine.slice(0, Math.max(0, mine.length - KEYS_PER_SENDER))) keys.delete(old);
}

/** The context of a KID, ratcheting a known key of the same key id forward when needed. */
async function lookup(kidBig) {
  const kid = Number(kidBig);
  const known = keys.get(kid);
  if (known) return known.ctx;
  const { keyId, generation } = splitKid(kid);
  let best = null;
  for (const k of keys.values()) {
    if (k.keyId === keyId && k.generation < generation && generation - k.generation <= MAX_RATCHET_AHEAD
        && (!best || k.generation > best.generation)) best = k;
  }
  if (!best) return null;
  let step = { keyId, generation: best.generation, kid: best.keyId * 256 + best.generation, key: best.raw };
  while (step.generation < generation) step = await ratchet(step);
  if (!keys.has(kid)) remember(best.participant, kid, step.key);
  return keys.get(kid).ctx;
}

async function seal(frame, kind) {
  if (!sending) return false;
  const data = new Uint8Array(frame.data);
  const out = await encryptFrame(await sending.ctx, counter++, data, clearPrefixLength(kind, frame.type));
  if (!out) return false;
  frame.data = out.buffer;
  return true;
}

async function unseal(frame, kind) {
  const data = new Uint8Array(frame.data);
  const n = clearPrefixLength(kind, frame.type);
  const out = await decryptFrame(lookup, data, n);
  if (!out) return false;
  if (kind === 'video') capture(data, kind, frame.type, n);
  frame.data = out.buffer;
  return true;
}

/** Receivers fed by RTCRtpScriptTransform, and whether they dropped frames for want of a key since the last one came. */
const receivers = new Set();

/**
 * A key arrived: receivers that dropped frames ask their sender for a key frame at once
 * (RTCRtpScriptTransformer.sendKeyFrameRequest), rather than wait for the decoder to notice.
 */
function requestKeyFrames() {
  for (const r of receivers) {
    if (!r.starved || typeof r.transformer.sendKeyFrameRequest !== 'function') continue;
    r.starved = false;
    r.transformer.sendKeyFrameRequest().catch(() => {});
  }
}

function pipe(readable, writable, { operation, kind }, transformer = null) {
  const receiver = operation === 'decrypt' && transformer && kind === 'video' ? { transformer, starved: false } : null;
  if (receiver) receivers.add(receiver);
  const transform = new TransformStream({
    async transform(frame, controller) {
      let ok = false;
      const started = performance.now();
      const bytes = frame.data.byteLength;
      try {
        ok = operation === 'encrypt' ? await seal(frame, kind) : await unseal(frame, kind);
      } catch {
        ok = false;
      }
      // wall time from frame in to frame out (WebCrypto works off the worker's thread; an upper bound on CPU)
      stats[operation === 'encrypt' ? 'sealMs' : 'openMs'] += performance.now() - started;
      stats[operation === 'encrypt' ? 'sealedBytes' : 'openedBytes'] += bytes;
      if (ok) {
        stats[operation === 'encrypt' ? 'encrypted' : 'decrypted']++;
        controller.enqueue(frame);
      } else {
        stats[operation === 'encrypt' ? 'unsent' : 'undecryptable']++;
        if (receiver) receiver.starved = true;
      }
    },
  });
  readable.pipeThrough(transform).pipeTo(writable).catch(() => {}).finally(() => receivers.delete(receiver));
}

function setSending({ kid, key, delayMs }) {
  const next = { kid, ctx: sframeContext(key, kid) };
  clearTimeout(switchTimer);
  if (delayMs > 0 && sending) switchTimer = setTimeout(() => { sending = next; }, delayMs);
  else sending = next;
}

function capture(data, kind, frameType, n) {
  const h = parseHeader(data, n);
  const k = h && keys.get(Number(h.kid));
  if (k) lastReceived.set(k.participant, { frame: data, kind, frameType, kid: Number(h.kid) });
}

async function probe({ frame, kind, frameType }) {
  const out = await decryptFrame(lookup, frame, clearPrefixLength(kind, frameType));
  return { decrypted: !!out };
}

self.onmessage = async (e) => {
  const m = e.data || {};
  switch (m.type) {
    case 'sendingKey': setSending(m); break;
    case 'peerKey':
      remember(m.participant, m.kid, m.key);
      requestKeyFrames();
      break;
    case 'peerGone':
      for (const [kid, k] of keys) if (k.participant === m.participant) keys.delete(kid);
      lastReceived.delete(m.participant);
      break;
    case 'stream': pipe(m.readable, m.writable, m); break;
    case 'stats': self.postMessage({ type: 'stats', id: m.id, stats: { ...stats, keys: keys.size } }); break;
    case 'captured': self.postMessage({ type: 'captured', id: m.id, captured: lastReceived.get(m.participant) || null }); break;
    case 'probe': self.postMessage({ type: 'probe', id: m.id, result: await probe(m) }); break;
    default: break;
  }
};

self.onrtctransform = (event) => {
  const t = event.transformer;
  pipe(t.readable, t.writable, t.options || {}, t);
};
