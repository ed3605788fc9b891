package io.confero.codecs.sfu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every SFU message record round-trips through the wire codec; one golden vector pins the layout. */
class SfuCodecTest {
  static final TrackInfo TRACK = new TrackInfo("t1", "p1", "video", "camera", false);

  static Stream<Object> messages() {
    return Stream.of(
        new SfuRequest.Publish("m1", "p1", "v=0\r\n", Map.of("0", "microphone", "1", "camera")),
        new SfuRequest.Publish("m1", "p1", "v=0\r\n", Map.of("0", "microphone", "2", "screen"), List.of("2")),
        new SfuRequest.Subscribe("m1", "p1"),
        new SfuRequest.SubscribeAnswer("m1", "p1", "v=0\r\n"),
        new SfuRequest.SetMuted("m1", "p1", "audio", true),
        new SfuRequest.SetTrackPaused("m1", "p1", "t1", true),
        new SfuRequest.SetTrackHeight("m1", "p1", "t1", 720),
        new SfuRequest.Leave("m1", "p1"),
        new SfuRequest.Unpublish("m1", "p1"),
        new SfuRequest.Record("m1", "api:k", "r1", true),
        new SfuRequest.PublishAnswer("v=0\r\n", List.of(TRACK), List.of(TRACK.withMuted(true))),
        new SfuRequest.SubscribeOffer("", List.of(new SubscribedTrack("3", TRACK))),
        new SfuRequest.Ack(),
        new SfuEvent.TransportDown("m1", "p1", "consent expired"),
        new SfuEvent.TransportUp("m1", "p1"),
        new SfuEvent.ActiveSpeaker("m1", "p1"),
        new SfuEvent.EncodingsActive("m1", "p1", "t1", List.of(true, false, true)),
        new SfuEvent.AudioSlots("m1", "p1", List.of("4", "5"), List.of("p2", "")),
        new SfuEvent.VideoPaused("m1", "p1", "p2", "t1", true),
        new SfuEvent.VideoPaused("m1", "p1", "p2", "t1", false),
        new SfuEvent.ConnectionQuality("m1", "p1", 0),
        new SfuEvent.ConnectionQuality("m1", "p1", 3));
  }

  @ParameterizedTest
  @MethodSource("messages")
  @SuppressWarnings({"unchecked", "rawtypes"})
  void roundTrips(Object msg) throws Exception {
    var ctor = SfuCodec.class.getDeclaredConstructor(Class.class);
    ctor.setAccessible(true);
    SfuCodec codec = (SfuCodec) ctor.newInstance(msg.getClass());
    Buffer b = Buffer.buffer().appendString("junk");
    codec.encodeToWire(b, msg);
    assertThat(codec.decodeFromWire(4, b)).isEqualTo(msg);
    assertThat(codec.transform(msg)).isSameAs(msg);
  }

  @Test
  void goldenConnectionQualityVector() {
    Buffer b = Buffer.buffer();
    SfuCodec.encode(b, new SfuEvent.ConnectionQuality("m", "p", 2));
    // type 61, "m" "p" as int32 length + UTF-8, then the bars as one byte
    assertThat(HexFormat.of().formatHex(b.getBytes())).isEqualTo("3d" + "000000016d" + "0000000170" + "02");
  }

  @Test
  void aQualityOutsideZeroToThreeIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SfuEvent.ConnectionQuality("m", "p", 4))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void goldenDynacastVector() {
    Buffer b = Buffer.buffer();
    SfuCodec.encode(b, new SfuEvent.EncodingsActive("m", "p", "t", List.of(true, false)));
    // type 43, "m" "p" "t" as int32 length + UTF-8, then a list of 2 booleans
    assertThat(HexFormat.of().formatHex(b.getBytes()))
        .isEqualTo("2b" + "000000016d" + "0000000170" + "0000000174" + "00000002" + "01" + "00");
  }

  @Test
  void goldenAudioSlotsVector() {
    Buffer b = Buffer.buffer();
    SfuCodec.encode(b, new SfuEvent.AudioSlots("m", "p", List.of("4"), List.of("q")));
    // type 47, "m" "p", a list of one mid "4", a list of one holder "q"
    assertThat(HexFormat.of().formatHex(b.getBytes()))
        .isEqualTo("2f" + "000000016d" + "0000000170" + "00000001" + "0000000134" + "00000001" + "0000000171");
  }

  @Test
  void goldenLeaveVector() {
    Buffer b = Buffer.buffer();
    SfuCodec.encode(b, new SfuRequest.Leave("m1", "p1"));
    // type 5, then "m1" and "p1" as int32 length + UTF-8
    assertThat(HexFormat.of().formatHex(b.getBytes())).isEqualTo("05" + "000000026d31" + "000000027031");
  }

  @Test
  void goldenRecordVector() {
    Buffer b = Buffer.buffer();
    SfuCodec.encode(b, new SfuRequest.Record("m1", "p1", "r1", false));
    // type 8 (7 is SetTrackHeight), "m1", "p1", "r1", then on as one byte
    assertThat(HexFormat.of().formatHex(b.getBytes())).isEqualTo("08" + "000000026d31" + "000000027031" + "000000027231" + "00");
  }

  @Test
  void goldenPublishVectorEndsWithTheRefusedMids() {
    Buffer b = Buffer.buffer();
    SfuCodec.encode(b, new SfuRequest.Publish("m", "p", "s", Map.of("1", "screen"), List.of("1")));
    // type 1, "m", "p", the SDP "s", sources {"1": "screen"} (int32 count, then key, value), refused ["1"]
    assertThat(HexFormat.of().formatHex(b.getBytes())).isEqualTo("01" + "000000016d" + "0000000170" + "0000000173"
        + "00000001" + "0000000131" + "0000000673637265656e" + "00000001" + "0000000131");
  }

  @Test
  void unknownVersionIsRejected() throws Exception {
    var ctor = SfuCodec.class.getDeclaredConstructor(Class.class);
    ctor.setAccessible(true);
    SfuCodec<?> codec = (SfuCodec<?>) ctor.newInstance(SfuRequest.Ack.class);
    assertThatThrownBy(() -> codec.decodeFromWire(0, Buffer.buffer(new byte[] {9, 22})))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
