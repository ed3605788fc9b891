import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  encodeHeader, parseHeader, deriveKeyBytes, sframeContext, nonce, seal, open, encryptFrame, decryptFrame,
  clearPrefixLength,
} from '../../../../webroot/js/sframe.js';

const hex = (s) => Uint8Array.from(s.replace(/\s+/g, '').match(/../g).map((b) => parseInt(b, 16)));
const toHex = (b) => Buffer.from(b).toString('hex');

// RFC 9605 Appendix C.1 (header encoding): kid, ctr → header bytes
const HEADERS = [
  [0n, 0n, '00'], [0n, 1n, '01'], [0n, 0xffn, '08ff'], [0n, 0x100n, '090100'], [0n, 0xffffn, '09ffff'],
  [0n, 0x10000n, '0a010000'], [0n, 0xffffffn, '0affffff'], [0n, 0x1000000n, '0b01000000'],
  [0n, 0xffffffffn, '0bffffffff'], [0n, 0x100000000n, '0c0100000000'], [7n, 7n, '77'],
  [8n, 0n, '8008'], [0xffffffffffffffffn, 0xffffffffffffffffn, 'ffffffffffffffffffffffffffffffffff'],
  [0x123n, 0x4567n, '99' + '0123' + '4567'],
];

test('RFC 9605 C.1: headers encode to the vectors and parse back', () => {
  for (const [kid, ctr, h] of HEADERS) {
    assert.equal(toHex(encodeHeader(kid, ctr)), h, `kid ${kid} ctr ${ctr}`);
    const parsed = parseHeader(hex(h));
    assert.deepEqual(parsed, { kid, ctr, length: h.length / 2 });
  }
});

test('truncated and arbitrary headers parse to null or within bounds, never throw', () => {
  assert.equal(parseHeader(hex('99012345')), null); // CTR announced 2 bytes, 1 present
  assert.equal(parseHeader(hex('f0')), null);
  assert.equal(parseHeader(new Uint8Array(0)), null);
  assert.equal(parseHeader(hex('00'), 1), null);
  for (let i = 0; i < 2000; i++) {
    const b = globalThis.crypto.getRandomValues(new Uint8Array(i % 20));
    const h = parseHeader(b, 0);
    if (h) assert.ok(h.length <= b.length);
  }
});

// RFC 9605 Appendix C.4, cipher suite 0x0004 AES_128_GCM_SHA256_128
const V = {
  kid: 0x123n, ctr: 0x4567n, baseKey: hex('000102030405060708090a0b0c0d0e0f'),
  key: 'd34f547f4ca4f9a7447006fe7fcbf768', salt: '75234edefe07819026751816',
  metadata: hex('4945544620534672616d65205747'), nonce: '75234edefe07819026755d71',
  pt: hex('64726166742d696574662d736672616d652d656e63'),
  ct: '9901234567b7412c2513a1b66dbb48841bbaf17f598751176ad847681a69c6d0b091c07018ce4adb34eb',
};

test('RFC 9605 C.4 (0x0004): key, salt, nonce and ciphertext match the vector', async () => {
  const { key, salt } = await deriveKeyBytes(V.baseKey, V.kid);
  assert.equal(toHex(key), V.key);
  assert.equal(toHex(salt), V.salt);
  assert.equal(toHex(nonce(salt, V.ctr)), V.nonce);
  const ctx = await sframeContext(V.baseKey, V.kid);
  assert.equal(toHex(await seal(ctx, V.ctr, V.metadata, V.pt)), V.ct);
  assert.deepEqual(await open(() => ctx, V.metadata, hex(V.ct)), V.pt);
});

test('a changed bit, other metadata, a wrong or unknown key all fail to open (null, no throw)', async () => {
  const ctx = await sframeContext(V.baseKey, V.kid);
  const other = await sframeContext(hex('ffeeddccbbaa99887766554433221100'), V.kid);
  const ct = hex(V.ct);
  for (let i = 0; i < ct.length; i++) {
    const bad = Uint8Array.from(ct);
    bad[i] ^= 0x01;
    assert.equal(await open(() => ctx, V.metadata, bad), null, `bit flip at ${i}`);
  }
  assert.equal(await open(() => ctx, hex('00'), ct), null);
  assert.equal(await open(() => other, V.metadata, ct), null);
  assert.equal(await open(() => null, V.metadata, ct), null);
  assert.equal(await open(() => ctx, V.metadata, ct.subarray(0, 10)), null);
});

test('media frames keep their clear prefix and round-trip; the SFU-visible bytes are unchanged', async () => {
  const ctx = await sframeContext(V.baseKey, 0x0102ab00);
  const keyframe = Uint8Array.from([0x50, 0x42, 0x00, 0x9d, 0x01, 0x2a, 0x00, 0x05, 0xd0, 0x02, ...new Array(300).fill(7)]);
  const n = clearPrefixLength('video', 'key');
  assert.equal(n, 10);
  assert.equal(clearPrefixLength('video', 'delta'), 3);
  assert.equal(clearPrefixLength('audio', undefined), 1);
  const enc = await encryptFrame(ctx, 42, keyframe, n);
  assert.deepEqual(enc.subarray(0, n), keyframe.subarray(0, n));
  assert.notDeepEqual(enc.subarray(n, n + 20), keyframe.subarray(n, n + 20));
  assert.deepEqual(await decryptFrame(() => ctx, enc, n), keyframe);
  // a frame shorter than its prefix is no valid frame: not sent, and nothing to open
  assert.equal(await encryptFrame(ctx, 43, Uint8Array.from([1, 2]), n), null);
  assert.equal(await decryptFrame(() => ctx, Uint8Array.from([1, 2]), n), null);
  const exact = await encryptFrame(ctx, 44, keyframe.subarray(0, n), n);
  assert.deepEqual(await decryptFrame(() => ctx, exact, n), keyframe.subarray(0, n));
  // the prefix is authenticated
  enc[0] ^= 0x01;
  assert.equal(await decryptFrame(() => ctx, enc, n), null);
});
