package io.confero.recording.depacketize;

import io.confero.loadgen.MediaClip;
import io.confero.media.rtp.Bytes;
import io.confero.recording.format.TrackCodec;
import io.confero.recording.format.TrackFileFormat;
import io.confero.recording.format.TrackHeader;
import io.confero.recording.format.TrackKind;
import io.confero.recording.format.TrackRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the RTP fixtures under {@code src/test/resources/recording/}: the load generator's
 * ffmpeg-encoded clip (libvpx VP8, libopus Opus: real encoder output) packetized the way Chromium
 * does (VP8 descriptor with X=1, I=1 and a 15-bit PictureID; a one-byte header extension), with
 * sequence numbers that wrap, SRs every second, and a swapped pair of packets. Run
 * {@code main(outDir)} to regenerate; the tests read the committed files.
 */
public final class RtpFixtures {
  static final int VIDEO_SSRC = 0x1234_5678;
  static final int AUDIO_SSRC = 0x0BAD_CAFE;
  static final long START_MICROS = 1_780_000_000_000_000L;

  private RtpFixtures() {
  }

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    MediaClip clip = MediaClip.generate(Files.createTempDirectory("clip"), 160, 120, 15, 3);
    Files.write(out.resolve("vp8-camera.00000.cfrt"), file(new TrackHeader(TrackKind.CAMERA, TrackCodec.VP8,
        VIDEO_SSRC, "alice", "vp8-camera", 0, START_MICROS), vp8(clip)));
    Files.write(out.resolve("opus-audio.00000.cfrt"), file(new TrackHeader(TrackKind.AUDIO, TrackCodec.OPUS,
        AUDIO_SSRC, "alice", "opus-audio", 0, START_MICROS), opus(clip)));
  }

  static byte[] file(TrackHeader h, List<TrackRecord> records) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.writeBytes(TrackFileFormat.header(h));
    records.forEach(r -> o.writeBytes(TrackFileFormat.record(r)));
    return o.toByteArray();
  }

  static List<TrackRecord> vp8(MediaClip clip) {
    List<TrackRecord> out = new ArrayList<>();
    int seq = 65_500;
    long ts = 4_294_000_000L;
    for (int f = 0; f < clip.videoFrames().size(); f++) {
      long at = START_MICROS + f * clip.frameIntervalMillis() * 1000L;
      byte[] frame = clip.videoFrames().get(f);
      int chunk = 300;
      for (int pos = 0; pos < frame.length; pos += chunk) {
        int n = Math.min(chunk, frame.length - pos);
        byte[] payload = new byte[4 + n];
        payload[0] = (byte) (0x80 | (pos == 0 ? 0x10 : 0));
        payload[1] = (byte) 0x80;
        Bytes.put16(payload, 2, 0x8000 | (f & 0x7FFF));
        System.arraycopy(frame, pos, payload, 4, n);
        out.add(new TrackRecord.Rtp(at + pos, rtp(96, pos + n == frame.length, seq++, ts, VIDEO_SSRC, payload)));
      }
      if (f % 15 == 0) {
        out.add(new TrackRecord.SenderReport(at, ntp(at), ts & 0xFFFFFFFFL, out.size(), 0));
      }
      ts += 90L * clip.frameIntervalMillis();
    }
    TrackRecord a = out.get(10);
    out.set(10, out.get(11));
    out.set(11, a);
    return out;
  }

  static List<TrackRecord> opus(MediaClip clip) {
    List<TrackRecord> out = new ArrayList<>();
    int seq = 65_530;
    long ts = 4_294_960_000L;
    for (int i = 0; i < clip.opusPackets().size(); i++) {
      long at = START_MICROS + i * 20_000L;
      out.add(new TrackRecord.Rtp(at, rtp(111, i == 0, seq++, ts, AUDIO_SSRC, clip.opusPackets().get(i))));
      if (i % 50 == 0) {
        out.add(new TrackRecord.SenderReport(at, ntp(at), ts & 0xFFFFFFFFL, i, 0));
      }
      ts += 960;
    }
    return out;
  }

  /** An RTP packet with a one-byte header extension (RFC 8285 §4.2) holding a 3-byte abs-send-time. */
  public static byte[] rtp(int pt, boolean marker, int seq, long ts, int ssrc, byte[] payload) {
    byte[] p = new byte[12 + 8 + payload.length];
    p[0] = (byte) 0x90;
    p[1] = (byte) ((marker ? 0x80 : 0) | pt);
    Bytes.put16(p, 2, seq & 0xFFFF);
    Bytes.put32(p, 4, ts & 0xFFFFFFFFL);
    Bytes.put32(p, 8, ssrc);
    Bytes.put16(p, 12, 0xBEDE);
    Bytes.put16(p, 14, 1);
    p[16] = 0x32;
    Bytes.put24(p, 17, (int) (ts & 0xFFFFFF));
    System.arraycopy(payload, 0, p, 20, payload.length);
    return p;
  }

  /** NTP time (RFC 5905: seconds since 1900 in the upper 32 bits) of a Unix time in microseconds. */
  public static long ntp(long unixMicros) {
    long secs = unixMicros / 1_000_000 + 2_208_988_800L;
    long frac = ((unixMicros % 1_000_000) << 32) / 1_000_000;
    return secs << 32 | frac;
  }

  static List<TrackRecord> read(String name) throws IOException {
    try (var in = RtpFixtures.class.getResourceAsStream("/recording/" + name)) {
      byte[] b = in.readAllBytes();
      return io.confero.recording.format.TrackFileReader.read(b, 0, b.length).records();
    } catch (io.confero.recording.format.TrackFormatException e) {
      throw new IOException(e);
    }
  }
}
