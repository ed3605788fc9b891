import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyAgreement, SWITCH_DELAY_MS } from '../../../../webroot/js/e2eeagreement.js';
import { ratchet, splitKid, safetyCode, identity, b64, MAX_RATCHET_AHEAD } from '../../../../webroot/js/e2eekeys.js';

/** An in-memory relay that behaves as the server's: stamps `from`, delivers in order. */
class Meeting {
  constructor() {
    this.members = new Map(); // id → {agreement, known: Map(sender → [{kid, key}]), sending, code, rejected, log}
    this.inFlight = [];
    this.tap = null; // sees every relayed message
  }

  async join(id) {
    const m = { known: new Map(), sending: null, delay: null, code: null, rejected: [], gone: [] };
    m.agreement = new KeyAgreement(id, {
      send: (payload, to) => this.relay(id, payload, to),
      sendingKey: (k, delayMs) => { m.sending = k; m.delay = delayMs; },
      peerKey: (from, kid, key) => {
        const list = m.known.get(from) || [];
        list.push({ kid, key });
        m.known.set(from, list);
      },
      peerGone: (from) => { m.known.delete(from); m.gone.push(from); },
      code: (c) => { m.code = c; },
      rejected: (from, why) => m.rejected.push({ from, why }),
    });
    this.members.set(id, m);
    await m.agreement.start();
    await this.settle();
    return m;
  }

  relay(from, payload, to) {
    if (this.tap) this.tap({ from, payload, to });
    const targets = to ? [to] : [...this.members.keys()].filter((x) => x !== from);
    for (const t of targets) {
      const m = this.members.get(t);
      if (m) this.inFlight.push(m.agreement.onMessage(from, payload, !!to));
    }
  }

  async leave(id) {
    this.members.delete(id);
    for (const m of this.members.values()) this.inFlight.push(m.agreement.left(id));
    await this.settle();
  }

  async settle() {
    while (this.inFlight.length) {
      const batch = this.inFlight.splice(0);
      await Promise.all(batch);
    }
  }
}

/** Whether `receiver` can get `sender`'s current sending key from what it was handed (following the ratchet). */
async function canDecrypt(receiver, sender) {
  const cur = sender.sending;
  for (const { kid, key } of receiver.known.get(sender.agreement.selfId) || []) {
    const { keyId, generation } = splitKid(kid);
    if (keyId !== cur.keyId || generation > cur.generation || cur.generation - generation > MAX_RATCHET_AHEAD) continue;
    let k = { keyId, generation, kid, key };
    while (k.generation < cur.generation) k = await ratchet(k);
    if (Buffer.compare(Buffer.from(k.key), Buffer.from(cur.key)) === 0) return true;
  }
  return false;
}

async function allDecryptAll(meeting) {
  for (const [a, ma] of meeting.members) {
    for (const [b, mb] of meeting.members) {
      if (a !== b) assert.ok(await canDecrypt(ma, mb), `${a} decrypts ${b}`);
    }
  }
}

test('three participants all get each other keys and see the same safety code', async () => {
  const meeting = new Meeting();
  await meeting.join('alice');
  await meeting.join('bob');
  await meeting.join('carol');
  await allDecryptAll(meeting);
  const codes = new Set([...meeting.members.values()].map((m) => m.code));
  assert.equal(codes.size, 1);
  assert.match([...codes][0], /^\d{4} \d{4} \d{4}$/);
  for (const m of meeting.members.values()) assert.deepEqual(m.rejected, []);
});

test('a newcomer gets ratcheted keys only: never a key for what was sent before it joined', async () => {
  const meeting = new Meeting();
  const alice = await meeting.join('alice');
  await meeting.join('bob');
  const before = alice.sending;
  const dave = await meeting.join('dave');
  assert.equal(alice.sending.keyId, before.keyId);
  assert.equal(alice.sending.generation, before.generation + 1);
  assert.equal(alice.delay, 0); // a ratchet is used at once: the others follow it by themselves
  await allDecryptAll(meeting);
  for (const { kid } of dave.known.get('alice')) assert.ok(splitKid(kid).generation > before.generation);
});

test('after a leave everyone left moves to a fresh key the one who left never received', async () => {
  const meeting = new Meeting();
  const alice = await meeting.join('alice');
  const bob = await meeting.join('bob');
  const carol = await meeting.join('carol');
  const oldCode = alice.code;
  await meeting.leave('carol');
  assert.equal(alice.delay, SWITCH_DELAY_MS);
  await allDecryptAll(meeting);
  assert.equal(await canDecrypt(carol, alice), false);
  assert.equal(await canDecrypt(carol, bob), false);
  assert.ok(alice.gone.includes('carol'));
  assert.notEqual(alice.code, oldCode);
  assert.equal(alice.code, bob.code);
});

test('replayed, forged and malformed key messages are rejected; a reload with a new identity is a newcomer', async () => {
  const meeting = new Meeting();
  const captured = [];
  meeting.tap = (m) => captured.push(m);
  const alice = await meeting.join('alice');
  const bob = await meeting.join('bob');
  const carol = await meeting.join('carol');
  meeting.tap = null;
  const toBob = captured.find((m) => m.from === 'alice' && m.to === 'bob' && JSON.parse(m.payload).t === 'key');
  // the server replays it
  await bob.agreement.onMessage('alice', toBob.payload, true);
  assert.match(bob.rejected.at(-1).why, /replayed/);
  // the server stamps another sender on it (carol's pairwise key with bob does not open it)
  const fresh = { ...JSON.parse(toBob.payload), seq: 1000 };
  await bob.agreement.onMessage('carol', JSON.stringify(fresh), true);
  assert.match(bob.rejected.at(-1).why, /not wrapped for us/);
  // a higher sequence number does not help either: the sequence is authenticated
  await bob.agreement.onMessage('alice', JSON.stringify(fresh), true);
  assert.match(bob.rejected.at(-1).why, /not wrapped for us/);
  for (const bad of ['', '{', '[]', '{"t":"nope"}', '{"t":"hello","pub":"AAAA"}', '{"t":"hello","pub":7}',
    '{"t":"key","kid":"x","seq":1}']) {
    await bob.agreement.onMessage('alice', bad, true);
  }
  assert.ok(bob.rejected.length >= 9);
  // a point that is not on the curve
  await bob.agreement.onMessage('mallory', JSON.stringify({ t: 'hello', pub: b64(new Uint8Array(65).fill(4)) }), false);
  assert.ok(bob.rejected.at(-1).from === 'mallory');
  await allDecryptAll(meeting);
  // carol reloads: a new identity announces itself, everyone hands her keys again
  const codeBefore = alice.code;
  meeting.members.delete('carol');
  const carol2 = await meeting.join('carol');
  assert.notEqual(alice.code, codeBefore);
  assert.equal(alice.code, carol2.code);
  await allDecryptAll(meeting);
});

test('the safety code changes when any public key is substituted, and not with the order', async () => {
  const [a, b, c] = await Promise.all([identity(), identity(), identity()]);
  const code = await safetyCode([{ id: 'a', pub: a.pub }, { id: 'b', pub: b.pub }]);
  assert.equal(await safetyCode([{ id: 'b', pub: b.pub }, { id: 'a', pub: a.pub }]), code);
  assert.notEqual(await safetyCode([{ id: 'a', pub: a.pub }, { id: 'b', pub: c.pub }]), code);
  assert.notEqual(await safetyCode([{ id: 'a', pub: b.pub }, { id: 'b', pub: a.pub }]), code);
});

test('the ratchet is deterministic, one way in effect, and keeps the key id', async () => {
  const k0 = { keyId: 5, generation: 0, kid: 1280, key: new Uint8Array(16).fill(1) };
  const k1 = await ratchet(k0);
  const again = await ratchet(k0);
  assert.deepEqual(k1.key, again.key);
  assert.equal(k1.kid, 1281);
  assert.notDeepEqual(k1.key, k0.key);
  await assert.rejects(ratchet({ ...k0, generation: 255 }), RangeError);
});

test('twenty participants: everyone decrypts everyone, a leave costs each of the others one message per peer', async () => {
  const meeting = new Meeting();
  for (let i = 0; i < 20; i++) await meeting.join(`p${String(i).padStart(2, '0')}`);
  await allDecryptAll(meeting);
  // the first participant's key was ratcheted once per later join: 19 generations, still followed
  assert.equal(meeting.members.get('p00').sending.generation, 19);
  let messages = 0;
  meeting.tap = () => { messages++; };
  await meeting.leave('p07');
  meeting.tap = null;
  assert.equal(messages, 19 * 18);
  await allDecryptAll(meeting);
  assert.equal(new Set([...meeting.members.values()].map((m) => m.code)).size, 1);
});

test('arbitrary relay payloads never throw and never yield a key (bounded fuzz)', async () => {
  const meeting = new Meeting();
  const alice = await meeting.join('alice');
  await meeting.join('bob');
  const keysBefore = alice.known.get('bob').length;
  const rnd = (n) => Math.floor(Math.random() * n);
  const values = () => [rnd(1e6), -1, 1.5, 'x', '', null, true, [], {}, 'AAAA', 2 ** 60][rnd(11)];
  for (let i = 0; i < 300; i++) {
    let payload;
    if (i % 3 === 0) {
      payload = String.fromCharCode(...Array.from({ length: rnd(40) }, () => rnd(256)));
    } else {
      const m = { t: ['hello', 'key', 'x'][rnd(3)] };
      for (const f of ['pub', 'kid', 'seq', 'iv', 'ct']) if (rnd(2)) m[f] = values();
      payload = JSON.stringify(m);
    }
    await alice.agreement.onMessage('bob', payload, rnd(2) === 0);
  }
  assert.equal(alice.known.get('bob').length, keysBefore);
  await allDecryptAll(meeting);
});
