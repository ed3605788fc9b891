package io.confero.loadgen;

import io.confero.media.rtp.Bytes;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One outgoing RTP stream of a load participant (RFC 3550 §5.1): random initial sequence number and
 * timestamp, and the one-byte header extensions (RFC 8285 §4.2) Chromium would send on it: the
 * {@code sdes:mid} and, on audio, the client-to-mixer audio level (RFC 6464). Used by one timer
 * thread at a time.
 */
final class RtpSender {
  private static final int HEADER = 12;
  private static final int EXTENSION = 8;

  private final int ssrc;
  private final int payloadType;
  private final byte mid;
  private final boolean audioLevel;
  private final byte[] buf = new byte[HEADER + EXTENSION + LoadParticipant.MAX_PAYLOAD + ClientTransport.SRTP_ROOM];
  private int sequence = ThreadLocalRandom.current().nextInt(1 << 16);
  private long timestamp = ThreadLocalRandom.current().nextInt() & 0xFFFFFFFFL;
  volatile long packets;
  volatile long frames;
  volatile boolean keyframeRequested;
  /** The RFC 6464 level written on audio packets, in -dBov (0 loudest … 127 silence). */
  private volatile int levelDbov = 30;
  int clipPosition;

  RtpSender(int ssrc, int payloadType, int clockRate, String mid, boolean audioLevel) {
    this.ssrc = ssrc;
    this.payloadType = payloadType;
    this.mid = (byte) mid.charAt(0);
    this.audioLevel = audioLevel;
  }

  /**
   * Sends one payload with the current timestamp; {@code advance} > 0 moves the timestamp on after
   * it (one audio frame), 0 leaves that to {@link #advance} (several packets of one video frame).
   */
  void send(ClientTransport transport, byte[] payload, boolean marker, int advance) {
    int len = write(payload, marker);
    if (transport != null) {
      transport.sendRtp(buf, len);
    }
    packets++;
    if (advance > 0) {
      advance(advance);
    }
  }

  /** The audio level from the next packet on, -dBov 0..127 (RFC 6464 §3). */
  void setLevel(int minusDbov) {
    if (minusDbov < 0 || minusDbov > 127) {
      throw new IllegalArgumentException("an audio level is 0..127 -dBov, not " + minusDbov);
    }
    levelDbov = minusDbov;
  }

  /** Moves the timestamp on by one frame's duration in clock units. */
  void advance(int units) {
    timestamp = (timestamp + units) & 0xFFFFFFFFL;
    frames++;
  }

  int write(byte[] payload, boolean marker) {
    buf[0] = (byte) 0x90; // V=2, X=1
    buf[1] = (byte) ((marker ? 0x80 : 0) | payloadType);
    Bytes.put16(buf, 2, sequence);
    sequence = (sequence + 1) & 0xFFFF;
    Bytes.put32(buf, 4, timestamp);
    Bytes.put32(buf, 8, ssrc);
    Bytes.put16(buf, 12, 0xBEDE);
    Bytes.put16(buf, 14, 1); // one 32-bit word of elements
    buf[16] = (byte) (SdpTemplates.EXT_MID << 4); // L=0: one byte of value
    buf[17] = mid;
    if (audioLevel) {
      buf[18] = (byte) (SdpTemplates.EXT_AUDIO_LEVEL << 4);
      buf[19] = (byte) (0x80 | levelDbov); // voice activity at the level this speaker talks at
    } else {
      buf[18] = 0;
      buf[19] = 0;
    }
    System.arraycopy(payload, 0, buf, HEADER + EXTENSION, payload.length);
    return HEADER + EXTENSION + payload.length;
  }
}
