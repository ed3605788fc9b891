// Failover across nodes: which signaling URL each reconnect attempt uses.
import test from 'node:test';
import assert from 'node:assert/strict';
import { signalingUrl } from '../../../../webroot/js/reconnecting.js';

test('without alternates every attempt goes to our node', () => {
  const ms = { url: 'ws://a/ws' };
  for (let attempt = 1; attempt <= 4; attempt++) assert.equal(signalingUrl(ms, attempt), 'ws://a/ws');
});

test('with alternates the attempts go round our node and then each other node', () => {
  const ms = { url: 'ws://a/ws', alternates: ['ws://b/ws', 'ws://c/ws'] };
  assert.deepEqual([1, 2, 3, 4, 5].map((n) => signalingUrl(ms, n)),
    ['ws://a/ws', 'ws://b/ws', 'ws://c/ws', 'ws://a/ws', 'ws://b/ws']);
});

test('no media server at all means the page origin', () => {
  assert.equal(signalingUrl(undefined, 1), '/ws');
  assert.equal(signalingUrl({}, 3), '/ws');
});
