import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NetStatus, MAX_BARS } from '../../../../webroot/js/netstatus.js';

test('video_paused marks a participant paused until every paused track resumed', () => {
  const n = new NetStatus(() => 'me');
  assert.equal(n.onMessage({ type: 'video_paused', participant_id: 'p1', track_id: 't1', paused: true, reason: 'poor_connection' }), true);
  n.onMessage({ type: 'video_paused', participant_id: 'p1', track_id: 't2', paused: true });
  assert.equal(n.isPaused('p1'), true);
  n.onMessage({ type: 'video_paused', participant_id: 'p1', track_id: 't1', paused: false });
  assert.equal(n.isPaused('p1'), true);
  n.onMessage({ type: 'video_paused', participant_id: 'p1', track_id: 't2', paused: false });
  assert.equal(n.isPaused('p1'), false);
  assert.equal(n.isPaused('p2'), false);
});

test('connection_quality sets bars (clamped, 3 when unknown) and our own low quality is unstable', () => {
  const n = new NetStatus(() => 'me');
  assert.equal(n.bars('me'), MAX_BARS);
  assert.equal(n.unstable, false);
  n.onMessage({ type: 'connection_quality', participant_id: 'p1', quality: 9 });
  assert.equal(n.bars('p1'), 3);
  n.onMessage({ type: 'connection_quality', participant_id: 'p1', quality: 0 });
  assert.equal(n.bars('p1'), 0);
  assert.equal(n.unstable, false, 'someone else’s connection is not ours');
  n.onMessage({ type: 'connection_quality', participant_id: 'me', quality: 1 });
  assert.equal(n.unstable, true);
  n.onMessage({ type: 'connection_quality', participant_id: 'me', quality: 2 });
  assert.equal(n.unstable, false);
  n.forget('p1');
  assert.equal(n.bars('p1'), 3);
});

test('malformed messages change nothing; other types are not ours', () => {
  const n = new NetStatus(() => 'me');
  n.onMessage({ type: 'connection_quality', participant_id: 'p1', quality: '1' });
  n.onMessage({ type: 'connection_quality', quality: 1 });
  n.onMessage({ type: 'video_paused', participant_id: 'p1', paused: true });
  assert.equal(n.bars('p1'), 3);
  assert.equal(n.isPaused('p1'), false);
  assert.equal(n.onMessage({ type: 'chat' }), false);
});
