import { test } from 'node:test';
import assert from 'node:assert/strict';
import { videoCodecPreferences } from '../../../../webroot/js/publisher.js';

// RTCRtpSender.getCapabilities('video').codecs of Chromium 156, shortened
const CHROMIUM = [
  { mimeType: 'video/VP8' },
  { mimeType: 'video/rtx' },
  { mimeType: 'video/H264', sdpFmtpLine: 'level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f' },
  { mimeType: 'video/H264', sdpFmtpLine: 'level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42001f' },
  { mimeType: 'video/H264', sdpFmtpLine: 'level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f' },
  { mimeType: 'video/AV1', sdpFmtpLine: 'level-idx=5;profile=0;tier=0' },
  { mimeType: 'video/VP9', sdpFmtpLine: 'profile-id=0' },
  { mimeType: 'video/red' },
  { mimeType: 'video/ulpfec' },
];

test('an H.264 meeting sends H.264 in packetization-mode 1 and its rtx, nothing else', () => {
  const got = videoCodecPreferences(CHROMIUM, 'h264');
  assert.deepEqual(got.map((c) => `${c.mimeType} ${c.sdpFmtpLine || ''}`.trim()), [
    'video/rtx',
    'video/H264 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f',
    'video/H264 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f',
  ]);
});

test('a VP8 meeting (and end-to-end encryption) sends VP8 and its rtx', () => {
  assert.deepEqual(videoCodecPreferences(CHROMIUM, 'vp8').map((c) => c.mimeType), ['video/VP8', 'video/rtx']);
});

test('a browser that cannot send the codec keeps its own choice (null)', () => {
  const firefoxWithoutOpenH264 = [{ mimeType: 'video/VP8' }, { mimeType: 'video/VP9' }, { mimeType: 'video/rtx' }];
  assert.equal(videoCodecPreferences(firefoxWithoutOpenH264, 'h264'), null);
  assert.equal(videoCodecPreferences(CHROMIUM, 'av1'), null, 'an unknown codec name');
  assert.equal(videoCodecPreferences([], 'vp8'), null);
});
