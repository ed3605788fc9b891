package io.confero.sfu.forward;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.media.rtcp.ReportBlock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 3550 Appendix A.1/A.3/A.8 and §6.4.1 LSR/DLSR, as the SFU reports on what publishers send. */
class ReceptionStatsTest {
    static final long MS = 1_000_000L;

    /** Packets 0..count-1 from {@code first}, skipping the listed offsets; 20 ms apart, 960 ticks (Opus). */
    static ReceptionStats audio(int first, int count, int... skipped) {
        ReceptionStats s = new ReceptionStats(42, 48000);
        outer:
        for (int i = 0; i < count; i++) {
            for (int k : skipped) {
                if (k == i) {
                    continue outer;
                }
            }
            s.onPacket((first + i) & 0xFFFF, 1000L + 960L * i, 20 * MS * i);
        }
        return s;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // case, first seq, packets, skipped offsets, fraction lost, cumulative lost, extended highest
        "'in order, no loss',        100,   10, '',    0,  0, 109",
        "'2 of 10 lost',             100,   10, '3 7', 51, 2, 109",
        "'sequence wrap',            65534, 4,  '',    0,  0, 65537",
        "'loss across the wrap',     65530, 10, '6',   25, 1, 65539",
    })
    void lossAndExtendedHighestSequence(String name, int first, int count, String skipped, int fraction,
            int cumulative, long highest) {
        int[] skip = skipped.isBlank() ? new int[0]
            : java.util.Arrays.stream(skipped.trim().split(" ")).mapToInt(Integer::parseInt).toArray();
        ReportBlock b = audio(first, count, skip).report(0);
        assertThat(b.ssrc()).isEqualTo(42);
        assertThat(b.fractionLost()).isEqualTo(fraction);
        assertThat(b.cumulativeLost()).isEqualTo(cumulative);
        assertThat(b.extendedHighestSeq()).isEqualTo(highest);
    }

    @Test
    void fractionIsPerIntervalAndDuplicatesNeverMakeItNegative() {
        ReceptionStats s = audio(0, 10, 5);
        assertThat(s.report(0).fractionLost()).isEqualTo(25);
        for (int i = 10; i < 20; i++) {
            s.onPacket(i, 1000L + 960L * i, 20 * MS * i);
        }
        s.onPacket(15, 1000L + 960L * 15, 20 * MS * 20);
        ReportBlock second = s.report(0);
        assertThat(second.fractionLost()).as("no loss in the second interval, one duplicate").isZero();
        assertThat(second.cumulativeLost()).as("duplicate makes up for the earlier loss (RFC 3550 A.3)").isZero();
    }

    @Test
    void reorderedPacketBeforeTheFirstLowersTheBase() {
        ReceptionStats s = new ReceptionStats(1, 90000);
        s.onPacket(10, 0, 0);
        s.onPacket(9, 0, MS);
        ReportBlock b = s.report(0);
        assertThat(b.cumulativeLost()).isZero();
        assertThat(b.extendedHighestSeq()).isEqualTo(10);
    }

    @Test
    void jitterIsZeroAtConstantTransitAndGrowsWithVariation() {
        assertThat(audio(0, 50).report(0).jitter()).isZero();
        ReceptionStats s = new ReceptionStats(1, 48000);
        for (int i = 0; i < 50; i++) {
            long wobble = (i % 2 == 0) ? 0 : 10 * MS; // every other packet 10 ms late = 480 ticks
            s.onPacket(i, 960L * i, 20 * MS * i + wobble);
        }
        // J converges towards |D| = 480 ticks (RFC 3550 A.8: J += (|D| - J) / 16)
        assertThat(s.report(0).jitter()).isBetween(400L, 480L);
    }

    @Test
    void lsrIsTheMiddleOfTheNtpTimeAndDlsrCountsSixtyFourKthsOfASecond() {
        ReceptionStats s = audio(0, 3);
        assertThat(s.report(0).lastSr()).as("no SR yet").isZero();
        s.onSenderReport(0x1122_3344_5566_7788L, 1_000 * MS);
        ReportBlock b = s.report(2_500 * MS);
        assertThat(b.lastSr()).isEqualTo(0x3344_5566L);
        assertThat(b.delaySinceLastSr()).isEqualTo(98_304L); // 1.5 s × 65536
    }

    @Test
    void cumulativeLossIsClampedTo24BitsSigned() {
        ReceptionStats s = new ReceptionStats(1, 90000);
        s.onPacket(0, 0, 0);
        for (long ext = 1; ext <= 300; ext++) { // 30 000 ahead each time: 9 000 000 expected, 301 received
            s.onPacket((int) ((ext * 30_000) & 0xFFFF), 0, 0);
        }
        ReportBlock b = s.report(0);
        assertThat(b.extendedHighestSeq()).isEqualTo(9_000_000L);
        assertThat(b.cumulativeLost()).isEqualTo((1 << 23) - 1);
        assertThat(b.fractionLost()).isEqualTo(255);
    }
}
