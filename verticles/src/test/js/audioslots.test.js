import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from '../../../../webroot/js/store.js';
import { onAudioSlots, slotHolder } from '../../../../webroot/js/audioslots.js';

globalThis.document ??= { getElementById: () => null };

const subscriber = {
  byMid: new Map([
    ['4', { track_id: 'slot-0', participant_id: '', kind: 'audio', source: 'slot' }],
    ['5', { track_id: 'slot-1', participant_id: '', kind: 'audio', source: 'slot' }],
    ['6', { track_id: 'cam-1', participant_id: 'p9', kind: 'video', source: 'camera' }],
  ]),
};

test('audio_slots says whose voice each slot carries; a silent slot is nobody', () => {
  const store = new Store();
  onAudioSlots(store, subscriber, { type: 'audio_slots', slots: [{ mid: '4', participant_id: 'p1' }, { mid: '5', participant_id: null }] });
  assert.equal(store.view().audioSlots.get('4'), 'p1');
  assert.equal(store.audioSlots.get('5'), null);
  assert.equal(slotHolder(store, subscriber, 'slot-0'), 'p1');
  assert.equal(slotHolder(store, subscriber, 'slot-1'), '');
  assert.equal(slotHolder(store, null, 'slot-0'), '');
  onAudioSlots(store, subscriber, { type: 'audio_slots', slots: [{ mid: '4', participant_id: 'p2' }, { mid: '5', participant_id: 'p1' }] });
  assert.equal(slotHolder(store, subscriber, 'slot-0'), 'p2');
  assert.equal(slotHolder(store, subscriber, 'slot-1'), 'p1');
});

test('a malformed audio_slots leaves no bogus entries', () => {
  const store = new Store();
  onAudioSlots(store, null, { type: 'audio_slots', slots: 'nope' });
  assert.equal(store.audioSlots.size, 0);
  onAudioSlots(store, null, { type: 'audio_slots', slots: [null, { mid: 4, participant_id: 'p1' }, { mid: '7', participant_id: 3 }] });
  assert.deepEqual([...store.audioSlots], [['7', null]]);
});
