import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from '../../../../webroot/js/store.js';

test('the view reads the store live and cannot write it', () => {
  const store = new Store({ iceTransportPolicy: 'relay' });
  const view = store.view();
  assert.equal(view.state, 'prejoin');
  assert.equal(view.iceTransportPolicy, 'relay');
  store.state = 'joined';
  store.selfId = 'p1';
  store.participants.set('p1', { display_name: 'Ada' });
  assert.equal(view.state, 'joined');
  assert.equal(view.selfId, 'p1');
  assert.equal(view.participants.get('p1').display_name, 'Ada');
  assert.throws(() => { 'use strict'; view.state = 'left'; }, TypeError);
  assert.throws(() => { view.extra = 1; }, TypeError);
  assert.equal(store.state, 'joined');
});

test('actions passed to the view are callable and the view lists every field', () => {
  const store = new Store();
  let called = 0;
  const view = store.view({ dropConnection: () => { called++; } });
  view.dropConnection();
  assert.equal(called, 1);
  for (const key of ['state', 'selfId', 'meeting', 'participants', 'remoteTracks', 'publisher', 'subscriber', 'layout',
    'activeSpeaker', 'audioSlots', 'timings', 'events', 'reconnects', 'resumed', 'restoredSession']) {
    assert.ok(Object.keys(view).includes(key), key);
  }
  for (const own of ['session', 'lostSeat', 'previewReady', 'wrongNodeRedirects']) assert.equal(view[own], undefined, own);
});
