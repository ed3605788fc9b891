package io.confero.codecs.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SeatEndedCodecTest {
  private final SeatEnded.Codec codec = new SeatEnded.Codec();

  @Test
  void oneSeatRoundTripsAndHasAGoldenVector() {
    SeatEnded e = new SeatEnded("m1", "p1", 0x0102030405L);
    Buffer b = Buffer.buffer();
    codec.encodeToWire(b, e);
    // version 1, "m1", "p1" as int32 length + UTF-8, the time as int64
    assertThat(HexFormat.of().formatHex(b.getBytes())).isEqualTo("01" + "000000026d31" + "000000027031" + "0000000102030405");
    assertThat(codec.decodeFromWire(0, b)).isEqualTo(e);
    assertThat(e.turnUser()).isEqualTo("m1.p1");
  }

  @Test
  void aWholeMeetingHasNoParticipantAndNoTurnUser() {
    SeatEnded e = SeatEnded.wholeMeeting("m1", 7);
    Buffer b = Buffer.buffer();
    codec.encodeToWire(b, e);
    assertThat(codec.decodeFromWire(0, b)).isEqualTo(e);
    assertThat(e.turnUser()).isNull();
  }

  @Test
  void anotherVersionIsRefused() {
    assertThatThrownBy(() -> codec.decodeFromWire(0, Buffer.buffer(new byte[] {2})))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
