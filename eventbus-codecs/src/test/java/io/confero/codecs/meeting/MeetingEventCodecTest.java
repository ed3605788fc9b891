package io.confero.codecs.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class MeetingEventCodecTest {
  @Test
  void recordingChangedRoundTripsAndHasAGoldenVector() {
    MeetingEvent.RecordingCodec codec = new MeetingEvent.RecordingCodec();
    MeetingEvent.RecordingChanged e = new MeetingEvent.RecordingChanged("m1", "r1", true);
    Buffer b = Buffer.buffer();
    codec.encodeToWire(b, e);
    // version 1, type 2, "m1", "r1" as int32 length + UTF-8, active as one byte
    assertThat(HexFormat.of().formatHex(b.getBytes())).isEqualTo("0102" + "000000026d31" + "000000027231" + "01");
    assertThat(codec.decodeFromWire(0, b)).isEqualTo(e);
    assertThat(codec.transform(e)).isSameAs(e);
  }

  @Test
  void relayedRoundTripsAndHasAGoldenVector() {
    MeetingEvent.RelayedCodec codec = new MeetingEvent.RelayedCodec();
    MeetingEvent.Relayed e = new MeetingEvent.Relayed("m1", "n1", "", true, "{}");
    Buffer b = Buffer.buffer();
    codec.encodeToWire(b, e);
    // version 1, type 3, "m1", "n1", "" (length 0), moderators 1, "{}"
    assertThat(HexFormat.of().formatHex(b.getBytes()))
        .isEqualTo("0103" + "000000026d31" + "000000026e31" + "00000000" + "01" + "000000027b7d");
    assertThat(codec.decodeFromWire(0, b)).isEqualTo(e);
    assertThat(codec.transform(e)).isSameAs(e);
  }

  @Test
  void rosterWantedRoundTripsAndHasAGoldenVector() {
    MeetingEvent.RosterCodec codec = new MeetingEvent.RosterCodec();
    MeetingEvent.RosterWanted e = new MeetingEvent.RosterWanted("m1", "n1");
    Buffer b = Buffer.buffer();
    codec.encodeToWire(b, e);
    assertThat(HexFormat.of().formatHex(b.getBytes())).isEqualTo("0104" + "000000026d31" + "000000026e31");
    assertThat(codec.decodeFromWire(0, b)).isEqualTo(e);
  }
}
