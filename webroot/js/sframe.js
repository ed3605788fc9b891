/**
 * SFrame (RFC 9605) for the encoded-frame transform of end-to-end encrypted meetings (docs/e2ee.md):
 * the header (§4.3), key and salt derivation (§4.4.2), and AEAD seal/open (§4.4.3-4.4.4) with the
 * cipher suite AES_128_GCM_SHA256_128 (0x0004), on WebCrypto. A media frame keeps a clear prefix
 * (the bytes the SFU and the receiving depacketizer read) that is authenticated as the RFC's
 * metadata: frame = prefix | header | ciphertext | tag. Pure: runs in a worker, a page and node.
 */
export const CIPHER_SUITE = 0x0004;
const NK = 16; // AES-128 key
const NN = 12; // nonce
const TAG_BITS = 128;
const subtle = () => globalThis.crypto.subtle;
const ENC = new TextEncoder();

/** Bytes left clear (docs/e2ee.md): VP8 key frame 10, VP8 delta frame 3, audio 1. */
export function clearPrefixLength(kind, frameType) {
  if (kind === 'audio') return 1;
  return frameType === 'key' ? 10 : 3;
}

/** The minimal big-endian bytes of a non-negative BigInt (one byte for 0). */
function minimalBytes(v) {
  const out = [];
  do {
    out.unshift(Number(v & 0xffn));
    v >>= 8n;
  } while (v > 0n);
  return out;
}

/** Encodes the SFrame header for `kid` and `ctr` (numbers or BigInts, < 2^64), RFC 9605 §4.3. */
export function encodeHeader(kid, ctr) {
  const k = BigInt(kid);
  const c = BigInt(ctr);
  if (k < 0n || c < 0n || k >= 1n << 64n || c >= 1n << 64n) throw new RangeError('KID and CTR must fit in 64 bits');
  let config = 0;
  const rest = [];
  if (k < 8n) {
    config |= Number(k) << 4;
  } else {
    const kb = minimalBytes(k);
    config |= 0x80 | ((kb.length - 1) << 4);
    rest.push(...kb);
  }
  if (c < 8n) {
    config |= Number(c);
  } else {
    const cb = minimalBytes(c);
    config |= 0x08 | (cb.length - 1);
    rest.push(...cb);
  }
  return Uint8Array.from([config, ...rest]);
}

function readUint(bytes, off, len) {
  let v = 0n;
  for (let i = 0; i < len; i++) v = (v << 8n) | BigInt(bytes[off + i]);
  return v;
}

/**
 * Parses the header at `bytes[off]`: {kid, ctr (BigInts), length}, or null when the bytes end
 * before the lengths the config byte announces. Never throws on network bytes.
 */
export function parseHeader(bytes, off = 0) {
  if (!(bytes instanceof Uint8Array) || off < 0 || off >= bytes.length) return null;
  const config = bytes[off];
  let i = off + 1;
  let kid;
  if (config & 0x80) {
    const n = ((config >> 4) & 0x07) + 1;
    if (i + n > bytes.length) return null;
    kid = readUint(bytes, i, n);
    i += n;
  } else {
    kid = BigInt((config >> 4) & 0x07);
  }
  let ctr;
  if (config & 0x08) {
    const n = (config & 0x07) + 1;
    if (i + n > bytes.length) return null;
    ctr = readUint(bytes, i, n);
    i += n;
  } else {
    ctr = BigInt(config & 0x07);
  }
  return { kid, ctr, length: i - off };
}

function label(prefix, kid) {
  const p = ENC.encode(prefix);
  const out = new Uint8Array(p.length + 10);
  out.set(p);
  const view = new DataView(out.buffer);
  view.setBigUint64(p.length, BigInt(kid));
  view.setUint16(p.length + 8, CIPHER_SUITE);
  return out;
}

/** The raw sframe_key and sframe_salt of `baseKey` (bytes) for `kid`, RFC 9605 §4.4.2. */
export async function deriveKeyBytes(baseKey, kid) {
  const ikm = await subtle().importKey('raw', baseKey, 'HKDF', false, ['deriveBits']);
  const params = (info) => ({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info });
  const key = new Uint8Array(await subtle().deriveBits(params(label('SFrame 1.0 Secret key ', kid)), ikm, NK * 8));
  const salt = new Uint8Array(await subtle().deriveBits(params(label('SFrame 1.0 Secret salt ', kid)), ikm, NN * 8));
  return { key, salt };
}

/** A context to seal and open frames of one KID: a non-extractable AES-GCM key and the salt. */
export async function sframeContext(baseKey, kid) {
  const { key, salt } = await deriveKeyBytes(baseKey, kid);
  const aes = await subtle().importKey('raw', key, 'AES-GCM', false, ['encrypt', 'decrypt']);
  key.fill(0);
  return { kid: BigInt(kid), key: aes, salt };
}

/** nonce = salt XOR CTR (big-endian, right-aligned), RFC 9605 §4.4.3. */
export function nonce(salt, ctr) {
  const out = Uint8Array.from(salt);
  let c = BigInt(ctr);
  for (let i = NN - 1; i >= 0 && c > 0n; i--) {
    out[i] ^= Number(c & 0xffn);
    c >>= 8n;
  }
  return out;
}

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let i = 0;
  for (const p of parts) {
    out.set(p, i);
    i += p.length;
  }
  return out;
}

/** header | ciphertext | tag of `plaintext` with `metadata` authenticated (RFC 9605 §4.4.3). */
export async function seal(ctx, ctr, metadata, plaintext) {
  const header = encodeHeader(ctx.kid, ctr);
  const ct = await subtle().encrypt({ name: 'AES-GCM', iv: nonce(ctx.salt, ctr), additionalData: concat(header, metadata),
    tagLength: TAG_BITS }, ctx.key, plaintext);
  return concat(header, new Uint8Array(ct));
}

/**
 * Opens an SFrame ciphertext (header first) with `metadata`; `lookup(kid)` gives the context (or a
 * promise of it, or null). Resolves to the plaintext, or null when the header does not parse, the
 * KID is unknown or the tag does not verify.
 */
export async function open(lookup, metadata, sframe) {
  const h = parseHeader(sframe, 0);
  if (!h || sframe.length < h.length + TAG_BITS / 8) return null;
  const ctx = await lookup(h.kid);
  if (!ctx) return null;
  const header = sframe.subarray(0, h.length);
  try {
    const pt = await subtle().decrypt({ name: 'AES-GCM', iv: nonce(ctx.salt, h.ctr), additionalData: concat(header, metadata),
      tagLength: TAG_BITS }, ctx.key, sframe.subarray(h.length));
    return new Uint8Array(pt);
  } catch {
    return null;
  }
}

/**
 * A media frame: its clear prefix, then the SFrame of the rest; null for a frame shorter than its
 * prefix (no valid VP8 or Opus frame is; a receiver could not tell where its SFrame starts).
 */
export async function encryptFrame(ctx, ctr, frame, clearLength) {
  if (frame.length < clearLength) return null;
  const prefix = frame.subarray(0, clearLength);
  return concat(prefix, await seal(ctx, ctr, prefix, frame.subarray(clearLength)));
}

/** The plain media frame of an encrypted one, or null when it cannot be opened. */
export async function decryptFrame(lookup, frame, clearLength) {
  if (frame.length <= clearLength) return null;
  const prefix = frame.subarray(0, clearLength);
  const pt = await open(lookup, prefix, frame.subarray(clearLength));
  return pt && concat(prefix, pt);
}
