package io.confero.sfu.cascade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.confero.media.sdp.MediaKind;
import io.confero.media.sdp.Msid;
import io.confero.media.sdp.PublishedTrack;
import io.confero.media.sdp.RtpCodec;
import io.confero.sfu.media.TrackSource;
import io.confero.sfu.pipe.PipeMessage;
import io.vertx.core.buffer.Buffer;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The cascade control codec: every message type round-trips, a pinned prefix, and corrupt bytes are refused. */
class CascadeCodecTest {
  static final PublishedTrack VIDEO = new PublishedTrack("1", MediaKind.VIDEO,
      List.of(new RtpCodec(96, "VP8", 90000, 0, null, 97, List.of("nack", "nack pli", "goog-remb"))),
      Map.of("urn:ietf:params:rtp-hdrext:sdes:mid", 4, "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id", 10),
      List.of(), Map.of(), List.of("q", "h", "f"), new Msid("s", "t"), "cname");
  static final PublishedTrack AUDIO = new PublishedTrack("0", MediaKind.AUDIO,
      List.of(new RtpCodec(111, "opus", 48000, 2, "minptime=10;useinbandfec=1", -1)), Map.of(),
      List.of(0xCAFEBABEL), Map.of(0xCAFEBABEL, 0x12345678L), List.of(), null, null);

  private final CascadeCodec codec = new CascadeCodec();

  private CascadeMessage roundTrip(CascadeMessage m) {
    Buffer b = Buffer.buffer();
    codec.encodeToWire(b, m);
    return codec.decodeFromWire(0, b);
  }

  @Test
  void everyControlMessageRoundTrips() {
    var keys = LinkKeys.generate(new SecureRandom());
    List<PipeMessage> bodies = List.of(new PipeMessage.Hello("m", 0), new PipeMessage.HelloAck("m", 0, true),
        new PipeMessage.Bye("m", 0),
        new PipeMessage.ProducerOpened("m", 0, "t1", "p1", VIDEO, TrackSource.CAMERA, true),
        new PipeMessage.ProducerOpened("m", 0, "t2", "p1", AUDIO, TrackSource.MICROPHONE, false),
        new PipeMessage.ProducerUpdated("m", "t1", AUDIO), new PipeMessage.ProducerMuted("m", "t1", true),
        new PipeMessage.ProducerClosed("m", "t1"), new PipeMessage.NeededLayers("m", 0, "t1", 5));
    for (PipeMessage body : bodies) {
      CascadeMessage m = new CascadeMessage("node-a", 1, "127.0.0.1", 40000, 32, keys, body);
      assertThat(roundTrip(m)).isEqualTo(m);
      CascadeMessage noKeys = new CascadeMessage("node-a", 1, "127.0.0.1", 40000, 0, null, body);
      assertThat(roundTrip(noKeys)).isEqualTo(noKeys);
    }
    assertThat(codec.transform(new CascadeMessage("n", 0, "h", 1, 0, null, bodies.get(0)))).isNotNull();
  }

  @Test
  void aHelloHasAPinnedLayout() {
    Buffer b = Buffer.buffer();
    codec.encodeToWire(b, new CascadeMessage("n", 2, "h", 0x1234, 0, null, new PipeMessage.Hello("m", 0)));
    // version 1, type HELLO, "n", worker 2, "h", port, stream base 0, no keys, "m"
    assertThat(HexFormat.of().formatHex(b.getBytes())).isEqualTo("0100" + "000000016e" + "00000002" + "0000000168"
        + "00001234" + "00000000" + "ff" + "000000016d");
  }

  @Test
  void mediaNeverTravelsOnTheEventBus() {
    assertThatThrownBy(() -> new CascadeMessage("n", 0, "h", 1, 0, null,
        new PipeMessage.KeyframeRequest("m", 0, "t", 0))).isInstanceOf(IllegalArgumentException.class);
  }

  @Property(tries = 2000)
  void corruptBytesAreRefusedNotAllocated(@ForAll @Size(max = 200) byte[] bytes) {
    Buffer b = Buffer.buffer();
    codec.encodeToWire(b, new CascadeMessage("node", 0, "127.0.0.1", 1, 16, null,
        new PipeMessage.ProducerOpened("m", 0, "t1", "p1", VIDEO, TrackSource.CAMERA, false)));
    byte[] valid = b.getBytes();
    for (int i = 0; i < Math.min(bytes.length, valid.length); i++) {
      valid[i] ^= bytes[i];
    }
    try {
      codec.decodeFromWire(0, Buffer.buffer(valid));
    } catch (IllegalArgumentException expected) {
      // refused: the event bus fails the delivery
    }
  }
}
