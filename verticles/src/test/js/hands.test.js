import { test } from 'node:test';
import assert from 'node:assert/strict';
import { raisedInOrder, handWentUp } from '../../../../webroot/js/hands.js';

test('hands are listed in the order they went up, lowered ones left out, ties by id', () => {
  const people = new Map([
    ['c', { hand_raised_at: 300 }],
    ['a', { hand_raised_at: null }],
    ['d', { hand_raised_at: 100 }],
    ['b', { hand_raised_at: 300 }],
    ['e', {}],
  ]);
  assert.deepEqual(raisedInOrder(people), ['d', 'b', 'c']);
  assert.deepEqual(raisedInOrder(new Map()), []);
});

test('a hand went up when it was down before, or was raised again at another time', () => {
  assert.equal(handWentUp(null, { hand_raised_at: 5 }), true);
  assert.equal(handWentUp({ hand_raised_at: null }, { hand_raised_at: 5 }), true);
  assert.equal(handWentUp({ hand_raised_at: 5 }, { hand_raised_at: 5 }), false, 'an echo of the same raise');
  assert.equal(handWentUp({ hand_raised_at: 5 }, { hand_raised_at: 9 }), true, 'lowered and raised again meanwhile');
  assert.equal(handWentUp({ hand_raised_at: 5 }, { hand_raised_at: null }), false);
  assert.equal(handWentUp(undefined, undefined), false);
});
