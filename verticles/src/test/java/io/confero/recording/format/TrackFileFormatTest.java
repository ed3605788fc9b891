package io.confero.recording.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrackFileFormatTest {
  static final TrackHeader HEADER = new TrackHeader(TrackKind.CAMERA, TrackCodec.VP8, 0x11223344, "p1", "p1-camera",
      0, 1_700_000_000_000_000L);
  static final List<TrackRecord> RECORDS = List.of(
      new TrackRecord.Rtp(1_700_000_000_000_100L, HexFormat.of().parseHex("80600001000000641122334410")),
      new TrackRecord.SenderReport(1_700_000_000_000_200L, 0xE8D4A51000000000L, 100, 1, 13),
      new TrackRecord.Rtp(1_700_000_000_000_300L, HexFormat.of().parseHex("80e00002000000641122334400")));

  static byte[] file(TrackHeader h, List<TrackRecord> records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(TrackFileFormat.header(h));
    records.forEach(r -> out.writeBytes(TrackFileFormat.record(r)));
    return out.toByteArray();
  }

  @Test
  void headerLayoutIsPinned() {
    // magic "CFRT", version 1, kind CAMERA(2), codec VP8(2), flags 0, ssrc, chunk 0, start micros,
    // "p1", "p1-camera", CRC-32 of all that
    assertThat(HexFormat.of().formatHex(TrackFileFormat.header(HEADER)))
        .startsWith("43465254" + "01" + "02" + "02" + "00" + "11223344" + "00000000" + "00060a24181e4000"
            + "02" + "7031" + "09" + "70312d63616d657261");
  }

  @Test
  void recordsRoundTrip() throws Exception {
    byte[] b = file(HEADER, RECORDS);
    TrackFile f = TrackFileReader.read(b, 0, b.length);
    assertThat(f.header()).isEqualTo(HEADER);
    assertThat(f.tail()).isEqualTo(TrackFile.Tail.CLEAN);
    assertThat(f.validBytes()).isEqualTo(b.length);
    assertThat(f.records()).hasSize(3);
    assertThat(((TrackRecord.Rtp) f.records().get(0)).packet()).isEqualTo(((TrackRecord.Rtp) RECORDS.get(0)).packet());
    assertThat(f.records().get(1)).isEqualTo(RECORDS.get(1));
  }

  @Test
  void eventsRoundTrip() throws Exception {
    TrackHeader h = new TrackHeader(TrackKind.EVENTS, TrackCodec.NONE, 0, "", "events", 0, 5);
    List<TrackRecord> events = List.of(new TrackRecord.Event(6, MeetingEventType.JOIN, "p1", "Zoë"),
        new TrackRecord.Event(7, MeetingEventType.SCREEN_SHARE_STARTED, "p1", ""));
    byte[] b = file(h, events);
    assertThat(TrackFileReader.read(b, 0, b.length).records()).isEqualTo(events);
  }

  @Test
  void everyTruncationKeepsTheWholeRecordsBeforeIt() throws Exception {
    byte[] b = file(HEADER, RECORDS);
    int headerLen = TrackFileFormat.header(HEADER).length;
    for (int cut = headerLen; cut < b.length; cut++) {
      TrackFile f = TrackFileReader.read(b, 0, cut);
      int whole = 0;
      int end = headerLen;
      for (TrackRecord r : RECORDS) {
        end += TrackFileFormat.record(r).length;
        if (end <= cut) {
          whole++;
        }
      }
      assertThat(f.records()).as("cut at %d", cut).hasSize(whole);
      assertThat(f.tail()).isIn(cut == headerLen || f.validBytes() == cut ? TrackFile.Tail.CLEAN : TrackFile.Tail.TRUNCATED);
    }
  }

  @Test
  void aCorruptRecordIsSkippedAndTheRestRead() throws Exception {
    byte[] b = file(HEADER, RECORDS);
    int second = TrackFileFormat.header(HEADER).length + TrackFileFormat.record(RECORDS.get(0)).length;
    b[second + 12] ^= 0x40; // inside the SR's body: its CRC no longer matches
    TrackFile f = TrackFileReader.read(b, 0, b.length);
    assertThat(f.tail()).isEqualTo(TrackFile.Tail.CORRUPT);
    assertThat(f.tailReason()).contains("byte " + second);
    assertThat(f.records()).hasSize(2).allMatch(r -> r instanceof TrackRecord.Rtp);
    assertThat(f.skippedBytes()).isEqualTo(TrackFileFormat.record(RECORDS.get(1)).length);
  }

  @Test
  void badHeadersAreRefusedWithAReason() {
    byte[] b = file(HEADER, RECORDS);
    byte[] wrongMagic = b.clone();
    wrongMagic[0] = 'X';
    assertThatThrownBy(() -> TrackFileReader.read(wrongMagic, 0, b.length)).hasMessageContaining("magic");
    byte[] flipped = b.clone();
    flipped[9] ^= 1;
    assertThatThrownBy(() -> TrackFileReader.read(flipped, 0, b.length)).hasMessageContaining("CRC");
    assertThatThrownBy(() -> TrackFileReader.read(b, 0, 10)).hasMessageContaining("shorter");
  }
}
