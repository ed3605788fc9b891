import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmsDb, meterValue, holdPeak, FLOOR_DB } from '../../../../webroot/js/level.js';

test('a full-scale square wave is 0 dBFS, a sine about -3 dBFS, silence -Infinity', () => {
  assert.equal(rmsDb(new Float32Array([1, -1, 1, -1])), 0);
  const sine = Float32Array.from({ length: 4800 }, (_, i) => Math.sin((2 * Math.PI * i) / 48));
  assert.ok(Math.abs(rmsDb(sine) - -3.01) < 0.01, String(rmsDb(sine)));
  assert.equal(rmsDb(new Float32Array(128)), -Infinity);
  assert.equal(rmsDb([]), -Infinity);
});

test('the meter maps the 60 dB above the floor onto 0..1 and clamps both ends', () => {
  assert.equal(meterValue(-Infinity), 0);
  assert.equal(meterValue(FLOOR_DB - 10), 0);
  assert.equal(meterValue(FLOOR_DB), 0);
  assert.equal(meterValue(-30), 0.5);
  assert.equal(meterValue(0), 1);
  assert.equal(meterValue(6), 1);
  assert.equal(meterValue(NaN), 0);
});

test('the peak hold rises at once and falls step by step, never below zero', () => {
  assert.equal(holdPeak(0.2, 0.8), 0.8);
  assert.ok(Math.abs(holdPeak(0.8, 0) - 0.74) < 1e-9);
  assert.equal(holdPeak(0.03, 0), 0);
  let v = 1;
  for (let i = 0; i < 100; i++) v = holdPeak(v, 0);
  assert.equal(v, 0);
});
