package io.confero.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The load participant's media formats from hand-built vectors: IVF frames, Ogg Opus packets (RFC
 * 7845 / RFC 3533 lacing), VP8 RTP packetization (RFC 7741 §4.2) and keyframe sizes (RFC 6386 §9.1).
 */
class LoadMediaFormatsTest {
  /** A VP8 keyframe start: frame tag (key frame, version 0, show), start code, 320x240. */
  static final byte[] VP8_KEYFRAME_320X240 = HexFormat.of().parseHex("502d009d012a4001f000" + "00112233");

  static byte[] ivf(byte[]... frames) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] header = HexFormat.of().parseHex("444b4946" + "0000" + "2000" + "56503830" + "4001" + "f000"
        + "0f000000" + "01000000" + "02000000" + "00000000");
    out.writeBytes(header);
    for (int i = 0; i < frames.length; i++) {
      byte[] size = {(byte) frames[i].length, (byte) (frames[i].length >> 8), 0, 0};
      out.writeBytes(size);
      out.writeBytes(new byte[] {(byte) i, 0, 0, 0, 0, 0, 0, 0});
      out.writeBytes(frames[i]);
    }
    return out.toByteArray();
  }

  /** One Ogg page holding {@code packets}, laced (RFC 3533 §6). */
  static byte[] oggPage(byte[]... packets) {
    ByteArrayOutputStream lacing = new ByteArrayOutputStream();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (byte[] p : packets) {
      int n = p.length;
      while (n >= 255) {
        lacing.write(255);
        n -= 255;
      }
      lacing.write(n);
      body.writeBytes(p);
    }
    ByteArrayOutputStream page = new ByteArrayOutputStream();
    page.writeBytes("OggS".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    page.writeBytes(new byte[22]); // version, type, granule, serial 0, sequence, crc
    page.write(lacing.size());
    page.writeBytes(lacing.toByteArray());
    page.writeBytes(body.toByteArray());
    return page.toByteArray();
  }

  @Test
  void ivfFramesAndHeaderFields() {
    byte[] file = ivf(VP8_KEYFRAME_320X240, new byte[] {1, 2, 3});
    IvfReader.Ivf ivf = IvfReader.parse(file, 0, file.length);
    assertThat(ivf.fourcc()).isEqualTo("VP80");
    assertThat(ivf.width()).isEqualTo(320);
    assertThat(ivf.height()).isEqualTo(240);
    assertThat(ivf.timebaseRate()).isEqualTo(15);
    assertThat(ivf.timebaseScale()).isEqualTo(1);
    assertThat(ivf.frames()).hasSize(2);
    assertThat(ivf.frames().get(0).data()).isEqualTo(VP8_KEYFRAME_320X240);
    assertThat(ivf.frames().get(1).pts()).isEqualTo(1);
    assertThat(ivf.frames().get(1).data()).containsExactly(1, 2, 3);
  }

  @Test
  void ivfRefusesWrongSignatureAndTruncation() {
    byte[] file = ivf(new byte[] {1, 2, 3});
    byte[] wrong = file.clone();
    wrong[0] = 'X';
    assertThatThrownBy(() -> IvfReader.parse(wrong, 0, wrong.length)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DKIF");
    assertThatThrownBy(() -> IvfReader.parse(file, 0, file.length - 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not fit");
    assertThatThrownBy(() -> IvfReader.parse(file, 0, 40)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void oggOpusSkipsTheTwoHeadersAndJoinsLacedSegments() {
    byte[] head = "OpusHead\u0001\u0002".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    byte[] tags = "OpusTags".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] big = new byte[600]; // three segments: 255 + 255 + 90
    big[599] = 7;
    byte[] exact = new byte[255]; // a 255-byte packet ends with a zero-length segment
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.writeBytes(oggPage(head));
    file.writeBytes(oggPage(tags));
    file.writeBytes(oggPage(new byte[] {(byte) 0xfc, 1}, big, exact));
    byte[] b = file.toByteArray();
    List<byte[]> packets = OggOpusReader.parse(b, 0, b.length);
    assertThat(packets).hasSize(3);
    assertThat(packets.get(0)).containsExactly(0xfc, 1);
    assertThat(packets.get(1)).hasSize(600).endsWith(7);
    assertThat(packets.get(2)).hasSize(255);
  }

  @Test
  void oggRefusesAStreamThatIsNotOpus() {
    byte[] b = oggPage("Speex   ".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> OggOpusReader.parse(b, 0, b.length)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("OpusHead");
    assertThatThrownBy(() -> OggOpusReader.parse(b, 0, 10)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "{0}-byte frame in payloads of {1}: {2} packets")
  @CsvSource({"0, 1100, 1", "1, 1100, 1", "1099, 1100, 1", "1100, 1100, 2", "2500, 1100, 3", "10000, 1200, 9"})
  void vp8PacketizationSplitsEvenlyAndMarksTheStart(int size, int maxPayload, int packets) {
    byte[] frame = new byte[size];
    for (int i = 0; i < size; i++) {
      frame[i] = (byte) i;
    }
    List<byte[]> out = Vp8Rtp.packetize(frame, maxPayload);
    assertThat(out).hasSize(packets);
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (int k = 0; k < out.size(); k++) {
      byte[] p = out.get(k);
      assertThat(p.length).isLessThanOrEqualTo(maxPayload);
      assertThat(p[0]).as("descriptor of packet " + k).isEqualTo((byte) (k == 0 ? 0x10 : 0x00));
      joined.write(p, 1, p.length - 1);
    }
    assertThat(joined.toByteArray()).isEqualTo(frame);
    int min = out.stream().mapToInt(p -> p.length).min().orElse(0);
    int max = out.stream().mapToInt(p -> p.length).max().orElse(0);
    assertThat(max - min).as("equal-sized packets").isLessThanOrEqualTo(1);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
      "10502d009d012a4001f000, 320x240",     // S=1, PID=0, key frame
      "9080ff10502d009d012a8002e001, 640x480", // X=1, I=1 with a 15-bit picture id
      "10512d009d012a4001f000, none",        // P=1: an interframe
      "00502d009d012a4001f000, none",        // not the start of a partition
      "10502d009d012b4001f000, none",        // wrong start code
      "10502d009d01, none"})                 // truncated
  void vp8KeyframeSizes(String hex, String expected) {
    byte[] b = HexFormat.of().parseHex(hex);
    int size = Vp8Rtp.keyframeSize(b, 0, b.length);
    assertThat(size < 0 ? "none" : (size >>> 16) + "x" + (size & 0xFFFF)).isEqualTo(expected);
  }
}
