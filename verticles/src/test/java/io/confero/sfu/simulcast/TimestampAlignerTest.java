package io.confero.sfu.simulcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.confero.media.rtp.TimestampNum;
import io.confero.sfu.simulcast.TimestampAligner.Alignment;
import io.confero.sfu.simulcast.TimestampAligner.Method;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Layer switches keep one timeline: a publisher whose layers have independent random RTP bases
 * (RFC 3550 §5.1) but one wallclock, reported in sender reports at different times.
 */
class TimestampAlignerTest {
    static final int RATE = 90_000;
    static final long MS = 1_000_000L;
    /** The sender's wallclock origin: 2026 in NTP seconds. */
    static final long NTP_EPOCH_SECONDS = 3_976_000_000L;

    final TimestampAligner aligner = new TimestampAligner(RATE, 500);

    /** RTP timestamp of layer with {@code base} at sender wallclock {@code ms} after the origin. */
    static long ts(long base, long ms) {
        return TimestampNum.add(base, ms * 90);
    }

    /** A sender report of the layer with {@code base}, sent at wallclock {@code ms}. */
    static SenderClock report(long base, long ms) {
        long ntp = (NTP_EPOCH_SECONDS + ms / 1000) << 32 | ((ms % 1000) << 32) / 1000;
        return new SenderClock(ntp, ts(base, ms));
    }

    @ParameterizedTest(name = "bases {0} / {1}, outgoing offset {2}")
    @CsvSource({
        "1000, 5000, 0",
        "4294967295, 0, 0",
        "0, 4294967295, 4294967000",
        "2147483648, 2147483647, 2147483648",
        "4294960000, 123, 7",
        "77, 4294967200, 4294967295",
    })
    void sameCaptureInstantMapsToSameOutgoingTimeAcrossTheWrap(long baseA, long baseB, long offsetA) {
        SenderClock a = report(baseA, 10_000);
        SenderClock b = report(baseB, 10_517);
        long lastOut = TimestampNum.add(ts(baseA, 20_000), offsetA);
        // B's key frame was captured 33 ms after A's last sent frame; it arrived 45 ms later
        Alignment al = aligner.align(lastOut, 45 * MS, a, offsetA, b, ts(baseB, 20_033));
        assertThat(al.method()).isEqualTo(Method.SENDER_REPORTS);
        assertThat(al.timestamp()).isEqualTo(TimestampNum.add(lastOut, 33 * 90));
        assertThat(TimestampNum.add(ts(baseB, 20_033), al.offset())).isEqualTo(al.timestamp());
        // the following frames of B continue on A's timeline
        assertThat(TimestampNum.add(ts(baseB, 20_066), al.offset())).isEqualTo(TimestampNum.add(lastOut, 66 * 90));
        // and switching back to A lands where A itself would have been
        Alignment back = aligner.align(TimestampNum.add(lastOut, 66 * 90), 40 * MS, b, al.offset(), a, ts(baseA, 20_100));
        assertThat(back.method()).isEqualTo(Method.SENDER_REPORTS);
        assertThat(back.offset()).isEqualTo(offsetA);
    }

    @ParameterizedTest(name = "last out {0}, elapsed {1} ms")
    @CsvSource({"0, 33", "4294967295, 33", "4294967000, 100", "2147483647, 0", "100, -5"})
    void withoutReportsContinuesFromArrivalTime(long lastOut, long elapsedMs) {
        Alignment al = aligner.align(lastOut, elapsedMs * MS, null, 0, report(5, 0), 999);
        assertThat(al.method()).isEqualTo(Method.ARRIVAL_NO_REPORT);
        assertThat(al.timestamp()).isEqualTo(TimestampNum.add(lastOut, Math.max(1, elapsedMs * 90)));
        assertThat(TimestampNum.isNewer(al.timestamp(), lastOut)).isTrue();
        assertThat(TimestampNum.add(999, al.offset())).isEqualTo(al.timestamp());
        assertThat(aligner.align(lastOut, elapsedMs * MS, report(5, 0), 0, null, 999).method())
            .isEqualTo(Method.ARRIVAL_NO_REPORT);
    }

    @Test
    void aMappingThatIsNotNewerThanTheLastSentFallsBackToArrival() {
        long lastOut = ts(1000, 20_000);
        // B's key frame was captured before A's last sent frame
        Alignment al = aligner.align(lastOut, 30 * MS, report(1000, 10_000), 0, report(9, 10_000), ts(9, 19_950));
        assertThat(al.method()).isEqualTo(Method.ARRIVAL_REPORT_REJECTED);
        assertThat(al.timestamp()).isEqualTo(TimestampNum.add(lastOut, 30 * 90));
    }

    @Test
    void aReportFarFromArrivalTimeIsRejected() {
        long lastOut = ts(1000, 20_000);
        SenderClock wrongB = new SenderClock(report(9, 10_000).ntpTimestamp() - (3L << 32), ts(9, 10_000));
        Alignment al = aligner.align(lastOut, 33 * MS, report(1000, 10_000), 0, wrongB, ts(9, 20_033));
        assertThat(al.method()).isEqualTo(Method.ARRIVAL_REPORT_REJECTED);
        assertThat(al.timestamp()).isEqualTo(TimestampNum.add(lastOut, 33 * 90));
    }

    @Test
    void ntpTicksAreExact() {
        assertThat(new SenderClock(0x0000_0001_8000_0000L, 0).ntpTicks(RATE)).isEqualTo(135_000);
        assertThat(new SenderClock(0xFFFF_FFFF_0000_0000L, 0).ntpTicks(48_000)).isEqualTo(0xFFFF_FFFFL * 48_000);
        assertThatThrownBy(() -> new SenderClock(0, 1L << 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TimestampAligner(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
