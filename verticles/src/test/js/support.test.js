import { test } from 'node:test';
import assert from 'node:assert/strict';
import { missingFeatures } from '../../../../webroot/js/support.js';

const complete = () => ({
  RTCPeerConnection: function RTCPeerConnection() {},
  WebSocket: function WebSocket() {},
  isSecureContext: true,
  navigator: { mediaDevices: { getUserMedia: async () => ({}) } },
});

test('a current browser on a secure page lacks nothing', () => {
  assert.deepEqual(missingFeatures(complete()), []);
});

test('a browser without WebRTC or WebSocket is told which', () => {
  const w = complete();
  delete w.RTCPeerConnection;
  assert.deepEqual(missingFeatures(w), ['webrtc']);
  delete w.WebSocket;
  assert.deepEqual(missingFeatures(w), ['webrtc', 'websocket']);
});

test('a page over plain http on another host is insecure (no camera or microphone), not "no media"', () => {
  const w = complete();
  w.isSecureContext = false;
  delete w.navigator.mediaDevices; // what browsers do on insecure pages
  assert.deepEqual(missingFeatures(w), ['insecure']);
});

test('a secure page without getUserMedia lacks media devices', () => {
  const w = complete();
  w.navigator = {};
  assert.deepEqual(missingFeatures(w), ['media']);
  w.navigator = { mediaDevices: {} };
  assert.deepEqual(missingFeatures(w), ['media']);
});
