package io.confero.recording.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The reader never throws past the header, whatever the bytes, and never loses records before damage. */
class TrackFileReaderFuzzTest {
  @Property(tries = 500)
  void arbitraryBytesAreRefusedOrRead(@ForAll @Size(max = 300) byte[] b) {
    try {
      TrackFile f = TrackFileReader.read(b, 0, b.length);
      assertThat(f.validBytes()).isBetween(0L, (long) b.length);
    } catch (TrackFormatException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @Property(tries = 500)
  void damageAfterTheHeaderNeverThrowsAndKeepsEarlierRecords(@ForAll("records") List<TrackRecord> records,
      @ForAll @IntRange(min = 0, max = 10_000) int where, @ForAll byte value, @ForAll @IntRange(min = 0, max = 400) int cut)
      throws TrackFormatException {
    byte[] b = TrackFileFormatTest.file(TrackFileFormatTest.HEADER, records);
    int headerLen = TrackFileFormat.header(TrackFileFormatTest.HEADER).length;
    int pos = headerLen + where % Math.max(1, b.length - headerLen);
    if (pos < b.length) {
      b[pos] = value;
    }
    int len = Math.max(headerLen, b.length - cut);
    TrackFile f = TrackFileReader.read(b, 0, len);
    int intact = 0;
    int end = headerLen;
    for (TrackRecord r : records) {
      end += TrackFileFormat.record(r).length;
      if (end > Math.min(pos, len)) {
        break;
      }
      intact++;
    }
    assertThat(f.records().size()).isGreaterThanOrEqualTo(intact);
  }

  @Provide
  Arbitrary<List<TrackRecord>> records() {
    Arbitrary<TrackRecord> rtp = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(60)
        .map(p -> new TrackRecord.Rtp(1, p));
    Arbitrary<TrackRecord> sr = Arbitraries.longs().map(n -> new TrackRecord.SenderReport(2, n, 3, 4, 5));
    return Arbitraries.oneOf(rtp, sr).list().ofMaxSize(8);
  }
}
