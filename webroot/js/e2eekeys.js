/**
 * Key material of end-to-end encrypted meetings (docs/e2ee.md, "Keys"), on WebCrypto: sending keys
 * and their ratchet, KIDs, ECDH P-256 pairwise wrapping keys (private keys non-extractable), key
 * wrapping bound to sender, recipient, KID and sequence, and the safety code. Pure: no DOM, no
 * signaling; runs in a page and in node.
 */
const subtle = () => globalThis.crypto.subtle;
const ENC = new TextEncoder();
export const KEY_BYTES = 16;
/** Ratchet generations per fresh key (the low byte of the KID). */
export const MAX_GENERATION = 255;
/**
 * How far ahead of the newest key it holds a receiver follows a sender's ratchet by itself (one
 * step per join: a sender nobody saw for a while, muted or hidden, may be many joins ahead).
 */
export const MAX_RATCHET_AHEAD = 64;

export function randomBytes(n) {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

/** KID = 24-bit key id × 256 + ratchet generation. */
export function kidOf(keyId, generation) {
  return keyId * 256 + generation;
}

export function splitKid(kid) {
  const n = Number(kid);
  return { keyId: Math.floor(n / 256), generation: n % 256 };
}

/** A fresh sending key: 16 random bytes, a random 24-bit key id, generation 0. */
export function freshSendingKey() {
  const keyId = (randomBytes(3).reduce((a, b) => a * 256 + b, 0)) || 1;
  return { keyId, generation: 0, kid: kidOf(keyId, 0), key: randomBytes(KEY_BYTES) };
}

async function hkdf(ikm, info, bytes) {
  const base = await subtle().importKey('raw', ikm, 'HKDF', false, ['deriveBits']);
  return new Uint8Array(await subtle().deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0),
    info: ENC.encode(info) }, base, bytes * 8));
}

/** The next generation of a sending key (HKDF-SHA256, one way: the next cannot give back this one). */
export async function ratchet(k) {
  if (k.generation >= MAX_GENERATION) throw new RangeError('ratchet exhausted: make a fresh key');
  const generation = k.generation + 1;
  return { keyId: k.keyId, generation, kid: kidOf(k.keyId, generation), key: await hkdf(k.key, 'Confero E2EE ratchet', KEY_BYTES) };
}

/** An ECDH P-256 key pair whose private key never leaves WebCrypto, and its raw public key. */
export async function identity() {
  const pair = await subtle().generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);
  const pub = new Uint8Array(await subtle().exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, pub };
}

/**
 * The AES-GCM key two participants share: ECDH between `self.privateKey` and `peerPub` (raw), then
 * HKDF over the secret bound to both ids (sorted), so the same two keys give the same wrapping key on
 * both sides and nothing else. Rejects a public key that is not a P-256 point.
 */
export async function pairwiseKey(self, selfId, peerPub, peerId) {
  const pub = await subtle().importKey('raw', peerPub, { name: 'ECDH', namedCurve: 'P-256' }, false, []);
  const secret = new Uint8Array(await subtle().deriveBits({ name: 'ECDH', public: pub }, self.privateKey, 256));
  const ids = [selfId, peerId].sort().join('|');
  const raw = await hkdf(secret, `Confero E2EE wrap|${ids}`, 16);
  return subtle().importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

function wrapAad(from, to, kid, seq) {
  return ENC.encode(`confero-e2ee-key|${from}|${to}|${kid}|${seq}`);
}

/** Wraps a sending key for one recipient: {kid, seq, iv, ct} (base64 fields). */
export async function wrapKey(pairKey, from, to, sending, seq) {
  const iv = randomBytes(12);
  const ct = new Uint8Array(await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: wrapAad(from, to, sending.kid, seq) },
    pairKey, sending.key));
  return { kid: sending.kid, seq, iv: b64(iv), ct: b64(ct) };
}

/** The key bytes of a wrapped key, or null when it was not wrapped for (from → to, kid, seq) with this pairwise key. */
export async function unwrapKey(pairKey, from, to, w) {
  try {
    const pt = await subtle().decrypt({ name: 'AES-GCM', iv: unb64(w.iv), additionalData: wrapAad(from, to, w.kid, w.seq) },
      pairKey, unb64(w.ct));
    return pt.byteLength === KEY_BYTES ? new Uint8Array(pt) : null;
  } catch {
    return null;
  }
}

/**
 * The safety code of a meeting: SHA-256 over every participant's id and public key, sorted by id,
 * as three groups of four digits. Equal on every screen unless a public key was substituted.
 */
export async function safetyCode(entries) {
  const sorted = [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const parts = [];
  for (const e of sorted) parts.push(ENC.encode(`${e.id}:${e.pub.length}:`), e.pub);
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let i = 0;
  for (const p of parts) {
    all.set(p, i);
    i += p.length;
  }
  const d = new Uint8Array(await subtle().digest('SHA-256', all));
  const groups = [];
  for (let g = 0; g < 3; g++) {
    const v = (d[4 * g] << 24 >>> 0) + (d[4 * g + 1] << 16) + (d[4 * g + 2] << 8) + d[4 * g + 3];
    groups.push(String(v % 10000).padStart(4, '0'));
  }
  return groups.join(' ');
}

export function b64(bytes) {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export function unb64(s) {
  if (typeof s !== 'string') throw new TypeError('not base64');
  const bin = atob(s);
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}
