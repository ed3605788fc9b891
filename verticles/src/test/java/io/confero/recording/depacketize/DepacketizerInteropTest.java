package io.confero.recording.depacketize;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.media.rtp.Bytes;
import io.confero.recording.Probe;
import io.confero.recording.format.TrackCodec;
import io.confero.recording.format.TrackRecord;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Depacketized real encoder output is what ffprobe and ffmpeg's decoders accept. */
class DepacketizerInteropTest {
  @TempDir
  Path dir;

  @Test
  void vp8FixtureBecomesAnIvfFfmpegDecodes() throws Exception {
    List<TrackRecord> records = RtpFixtures.read("vp8-camera.00000.cfrt");
    Depacketized d = TrackDepacketizer.depacketize(TrackCodec.VP8, RtpFixtures.VIDEO_SSRC, records);
    Path ivf = Files.write(dir.resolve("cam.ivf"), d.bytes());
    JsonObject v = Probe.stream(Probe.probe(ivf), "video");
    assertThat(v.getString("codec_name")).isEqualTo("vp8");
    assertThat(v.getInteger("width")).isEqualTo(160);
    assertThat(v.getString("nb_read_frames")).isEqualTo("45");
    assertThat(d.units()).isEqualTo(45);
    assertThat(d.dropped()).isZero();
    assertThat(Probe.decodeErrors(ivf)).isEmpty();
  }

  @Test
  void aLostPacketCostsFramesUpToTheNextKeyframeOnly() throws Exception {
    List<TrackRecord> records = new ArrayList<>(RtpFixtures.read("vp8-camera.00000.cfrt"));
    records.remove(200);
    Depacketized d = TrackDepacketizer.depacketize(TrackCodec.VP8, RtpFixtures.VIDEO_SSRC, records);
    assertThat(d.units()).isBetween(30, 44);
    Path ivf = Files.write(dir.resolve("lossy.ivf"), d.bytes());
    assertThat(Probe.decodeErrors(ivf)).isEmpty();
  }

  @Test
  void opusFixtureBecomesAnOggOpusOfTheSameLength() throws Exception {
    List<TrackRecord> records = RtpFixtures.read("opus-audio.00000.cfrt");
    Depacketized d = TrackDepacketizer.depacketize(TrackCodec.OPUS, RtpFixtures.AUDIO_SSRC, records);
    Path ogg = Files.write(dir.resolve("mic.ogg"), d.bytes());
    JsonObject probe = Probe.probe(ogg);
    assertThat(Probe.stream(probe, "audio").getString("codec_name")).isEqualTo("opus");
    assertThat(Double.parseDouble(probe.getJsonObject("format").getString("duration"))).isBetween(2.9, 3.1);
    assertThat(d.concealed()).isZero();
    assertThat(Probe.decodeErrors(ogg)).isEmpty();
  }

  @Test
  void opusGapsAreConcealedSoTheFileKeepsItsLength() throws Exception {
    List<TrackRecord> records = new ArrayList<>(RtpFixtures.read("opus-audio.00000.cfrt"));
    records.subList(40, 50).clear();
    Depacketized d = TrackDepacketizer.depacketize(TrackCodec.OPUS, RtpFixtures.AUDIO_SSRC, records);
    assertThat(d.concealed()).isBetween(9, 10);
    Path ogg = Files.write(dir.resolve("gappy.ogg"), d.bytes());
    assertThat(Double.parseDouble(Probe.probe(ogg).getJsonObject("format").getString("duration"))).isBetween(2.9, 3.1);
    assertThat(Probe.decodeErrors(ogg)).isEmpty();
  }

  @Test
  void h264FromLibx264ThroughStapAAndFuABecomesAnnexBFfmpegDecodes() throws Exception {
    Path es = dir.resolve("src.h264");
    Probe.ffmpeg(List.of("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=15", "-t", "2", "-c:v", "libx264",
        "-profile:v", "baseline", "-g", "15", "-bsf:v", "h264_mp4toannexb", "-f", "h264", es.toString()));
    List<byte[]> nals = annexBUnits(Files.readAllBytes(es));
    Depacketized d = TrackDepacketizer.depacketize(TrackCodec.H264, 9, H264Packetizer.packetize(nals, 9, 500));
    Path ivf = Files.write(dir.resolve("h264.ivf"), d.bytes());
    JsonObject v = Probe.stream(Probe.probe(ivf), "video");
    assertThat(v.getString("codec_name")).isEqualTo("h264");
    assertThat(v.getInteger("width")).isEqualTo(320);
    assertThat(v.getString("nb_read_frames")).isEqualTo("30");
    assertThat(Probe.decodeErrors(ivf)).isEmpty();
  }

  /** The NAL units of an Annex B stream (split at 3- or 4-byte start codes). */
  static List<byte[]> annexBUnits(byte[] b) {
    List<byte[]> out = new ArrayList<>();
    int start = -1;
    for (int i = 0; i + 3 <= b.length; i++) {
      if (b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 1) {
        if (start >= 0) {
          int end = i > 0 && b[i - 1] == 0 ? i - 1 : i;
          out.add(java.util.Arrays.copyOfRange(b, start, end));
        }
        start = i + 3;
        i += 2;
      }
    }
    out.add(java.util.Arrays.copyOfRange(b, start, b.length));
    return out;
  }

  /** RFC 6184 packetization mode 1 as a sender does it (test side only): parameter sets in STAP-A, big slices in FU-A. */
  static final class H264Packetizer {
    static List<TrackRecord> packetize(List<byte[]> nals, int ssrc, int mtu) {
      List<TrackRecord> out = new ArrayList<>();
      List<byte[]> stap = new ArrayList<>();
      int seq = 65_000;
      long ts = 0;
      for (byte[] nal : nals) {
        int type = nal[0] & 0x1F;
        if (type == 7 || type == 8 || type == 6) {
          stap.add(nal);
          continue;
        }
        if (!stap.isEmpty()) {
          out.add(record(seq++, ts, false, ssrc, stapA(stap)));
          stap.clear();
        }
        if (nal.length <= mtu) {
          out.add(record(seq++, ts, true, ssrc, nal));
        } else {
          for (int pos = 1; pos < nal.length; pos += mtu) {
            int n = Math.min(mtu, nal.length - pos);
            byte[] p = new byte[2 + n];
            p[0] = (byte) ((nal[0] & 0xE0) | 28);
            p[1] = (byte) ((pos == 1 ? 0x80 : 0) | (pos + n == nal.length ? 0x40 : 0) | type);
            System.arraycopy(nal, pos, p, 2, n);
            out.add(record(seq++, ts, pos + n == nal.length, ssrc, p));
          }
        }
        ts += 6000;
      }
      return out;
    }

    static byte[] stapA(List<byte[]> units) {
      int len = 1 + units.stream().mapToInt(u -> 2 + u.length).sum();
      byte[] p = new byte[len];
      p[0] = 24 | 0x60;
      int i = 1;
      for (byte[] u : units) {
        Bytes.put16(p, i, u.length);
        System.arraycopy(u, 0, p, i + 2, u.length);
        i += 2 + u.length;
      }
      return p;
    }

    static TrackRecord record(int seq, long ts, boolean marker, int ssrc, byte[] payload) {
      return new TrackRecord.Rtp(ts, RtpFixtures.rtp(102, marker, seq, ts, ssrc, payload));
    }
  }
}
