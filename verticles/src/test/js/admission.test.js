import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fetchAdmitted, retryDelayMs } from '../../../../webroot/js/admission.js';

const response = (status, retryAfter) => ({ status, headers: { get: (h) => (h === 'Retry-After' ? retryAfter : null) } });

test('the wait is Retry-After plus up to as much again at random, bounded, 1 s when the header is missing or bad', () => {
  assert.equal(retryDelayMs('2', () => 0), 2000);
  assert.equal(retryDelayMs('2', () => 0.5), 3000);
  assert.equal(retryDelayMs('3600', () => 0), 60000);
  assert.equal(retryDelayMs(null, () => 0), 1000);
  assert.equal(retryDelayMs('soon', () => 0.999), 1999);
  assert.equal(retryDelayMs('-5', () => 0), 1000);
});

test('a 429 is retried after the jittered wait until the join is admitted', async () => {
  const answers = [response(429, '1'), response(429, '2'), response(200, null)];
  const slept = [];
  const waits = [];
  const resp = await fetchAdmitted('/j/x/join', { method: 'POST' }, {
    fetchFn: async () => answers.shift(), sleep: async (ms) => { slept.push(ms); }, random: () => 0.5,
    onWait: (ms) => waits.push(ms),
  });
  assert.equal(resp.status, 200);
  assert.deepEqual(slept, [1500, 3000]);
  assert.deepEqual(waits, slept);
});

test('after the last try the 429 is handed back; other statuses are not retried', async () => {
  let calls = 0;
  const busy = await fetchAdmitted('/j/x/join', {}, { attempts: 3, fetchFn: async () => { calls++; return response(429, '1'); }, sleep: async () => {} });
  assert.equal(busy.status, 429);
  assert.equal(calls, 3);
  calls = 0;
  const gone = await fetchAdmitted('/j/x/join', {}, { fetchFn: async () => { calls++; return response(404, null); }, sleep: async () => {} });
  assert.equal(gone.status, 404);
  assert.equal(calls, 1);
});
