package io.confero.sfu.forward;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.media.rtcp.RtcpTwcc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TwccRecorder: base seq, reference time, fb count, loss, wrap, reordering and splitting. */
class TwccRecorderTest {
    static final long T0 = 1_000_000_000L; // arrival clock in µs; 15625 × 64 ms exactly

    private static RtcpTwcc roundTrip(RtcpTwcc t) throws Exception {
        byte[] b = t.toBytes();
        return RtcpTwcc.parse(b, 0, b.length);
    }

    private static int[] symbols(RtcpTwcc t) {
        int[] s = new int[t.packetStatusCount()];
        for (int i = 0; i < s.length; i++) {
            s[i] = t.symbol(i);
        }
        return s;
    }

    @Test
    void reportsConsecutivePacketsWithReferenceTimeAndDeltas() throws Exception {
        TwccRecorder r = new TwccRecorder(7, 9);
        assertThat(r.buildFeedback()).isNull();
        for (int i = 0; i < 5; i++) {
            r.record(100 + i, T0 + 10_000 + 1000L * i);
        }
        RtcpTwcc fb = roundTrip(r.buildFeedback());
        assertThat(fb.senderSsrc()).isEqualTo(7);
        assertThat(fb.mediaSsrc()).isEqualTo(9);
        assertThat(fb.baseSeq()).isEqualTo(100);
        assertThat(fb.packetStatusCount()).isEqualTo(5);
        assertThat(fb.referenceTime()).isEqualTo(15625);
        assertThat(fb.fbPktCount()).isZero();
        assertThat(fb.deltaTicks()).containsExactly(40, 4, 4, 4, 4);
        assertThat(fb.arrivalMicros()).containsExactly(T0 + 10_000, T0 + 11_000, T0 + 12_000, T0 + 13_000, T0 + 14_000);
        assertThat(r.buildFeedback()).isNull();
        r.record(105, T0 + 20_000);
        RtcpTwcc next = r.buildFeedback();
        assertThat(next.baseSeq()).isEqualTo(105);
        assertThat(next.fbPktCount()).isEqualTo(1);
    }

    @Test
    void lostPacketsAreNotReceivedAndLargeGapsUseLargeDeltas() throws Exception {
        TwccRecorder r = new TwccRecorder(1, 2);
        r.record(10, T0);
        r.record(12, T0 + 100_000);
        r.record(13, T0 + 99_000);
        RtcpTwcc fb = roundTrip(r.buildFeedback());
        assertThat(symbols(fb)).containsExactly(1, 0, 2, 2);
        assertThat(fb.deltaTicks()).containsExactly(0, 400, -4);
    }

    @ParameterizedTest(name = "start {0}")
    @CsvSource({"0", "1", "32767", "32768", "65534", "65535"})
    void baseSequenceAcrossWrap(int start) throws Exception {
        TwccRecorder r = new TwccRecorder(1, 2);
        for (int i = 0; i < 4; i++) {
            r.record((start + i) & 0xFFFF, T0 + i * 500L);
        }
        RtcpTwcc fb = roundTrip(r.buildFeedback());
        assertThat(fb.baseSeq()).isEqualTo(start);
        assertThat(fb.packetStatusCount()).isEqualTo(4);
        r.record((start + 4) & 0xFFFF, T0 + 2000);
        assertThat(r.buildFeedback().baseSeq()).isEqualTo((start + 4) & 0xFFFF);
    }

    @Test
    void reorderingBeforeFirstFeedbackMovesBaseBack() {
        TwccRecorder r = new TwccRecorder(1, 2);
        r.record(1, T0 + 1000);
        r.record(0, T0 + 1500);
        r.record(65535, T0 + 1600);
        RtcpTwcc fb = r.buildFeedback();
        assertThat(fb.baseSeq()).isEqualTo(65535);
        assertThat(fb.packetStatusCount()).isEqualTo(3);
        assertThat(fb.deltaTicks()).containsExactly(6, 0, -2);
        assertThat(symbols(fb)).containsExactly(1, 1, 2);
    }

    /**
     * Late and repeated packets, as libwebrtc's transport feedback generator treats them. Each
     * script is a list of {@code seq@ms} arrivals (ms after T0) and {@code F} (build every pending
     * feedback); the expectation is the last feedback's base sequence and symbols (1 small delta,
     * 2 large or negative delta, 0 not received), or {@code none} when the script's last {@code F}
     * had nothing to report.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "in order                                    | 1@0 2@1 3@2 F              | 1 | 1 1 1",
        "late packet re-reported with what followed  | 5@0 7@1 F 6@2 F            | 6 | 1 2",
        "late packet past the 500 ms window is lost  | 5@0 7@1 F 6@700 F          | none |",
        "late packet at the window's edge            | 5@0 7@1 F 6@501 F          | 6 | 1 2",
        "duplicate of a reported packet is ignored   | 5@0 6@1 F 6@3 F            | none |",
        "duplicate before the report keeps the first | 5@0 6@1 6@300 F            | 5 | 1 1",
        "reordering before the first feedback        | 7@0 5@1 F                  | 5 | 1 0 2",
        "re-report then new packets continue         | 5@0 7@1 F 6@2 F 8@3 F      | 8 | 1",
        "wrap: late 65535 after 0 was reported       | 65534@0 0@1 F 65535@2 F    | 65535 | 1 2",
        "wrap: late 0 after 1 was reported           | 65535@0 1@1 F 0@2 F        | 0 | 1 2",
        "late 32768 after 32769 was reported         | 32767@0 32769@1 F 32768@2 F | 32768 | 1 2",
        "late 1 after 2 was reported                 | 0@0 2@1 F 1@2 F            | 1 | 1 2",
    })
    void latePacketsTable(String name, String script, String base, String expected) {
        TwccRecorder r = new TwccRecorder(1, 2);
        RtcpTwcc last = null;
        for (String step : script.trim().split("\\s+")) {
            if (step.equals("F")) {
                last = null;
                for (RtcpTwcc fb = r.buildFeedback(); fb != null; fb = r.buildFeedback()) {
                    last = fb;
                }
            } else {
                String[] p = step.split("@");
                r.record(Integer.parseInt(p[0]), T0 + Long.parseLong(p[1]) * 1000);
            }
        }
        if (base.trim().equals("none")) {
            assertThat(last).as(name).isNull();
            return;
        }
        assertThat(last).as(name).isNotNull();
        assertThat(last.baseSeq()).as(name).isEqualTo(Integer.parseInt(base.trim()));
        assertThat(symbols(last)).as(name)
            .containsExactly(java.util.Arrays.stream(expected.trim().split(" ")).mapToInt(Integer::parseInt).toArray());
    }

    @ParameterizedTest(name = "start {0}")
    @CsvSource({"0", "1", "32767", "32768", "65534", "65535"})
    void latePacketIsReReportedAcrossTheSixteenBitWrap(int start) {
        TwccRecorder r = new TwccRecorder(1, 2);
        r.record(start, T0);
        r.record((start + 2) & 0xFFFF, T0 + 1000);
        assertThat(symbols(r.buildFeedback())).containsExactly(1, 0, 1);
        r.record((start + 1) & 0xFFFF, T0 + 2000);
        RtcpTwcc again = r.buildFeedback();
        assertThat(again.baseSeq()).isEqualTo((start + 1) & 0xFFFF);
        assertThat(symbols(again)).containsExactly(1, 2);
        r.record((start + 3) & 0xFFFF, T0 + 3000);
        assertThat(r.buildFeedback().baseSeq()).isEqualTo((start + 3) & 0xFFFF);
    }

    @Test
    void latePacketTooOldForTheRingIsIgnored() {
        TwccRecorder r = new TwccRecorder(1, 2);
        r.record(0, T0);
        for (int i = 2; i < 9000; i++) {
            r.record(i, T0 + i);
        }
        while (r.buildFeedback() != null) {
            // drain
        }
        r.record(1, T0 + 9000);
        assertThat(r.hasPending()).isFalse();
    }

    @Test
    void deltaBeyondSixteenBitsSplitsFeedback() {
        TwccRecorder r = new TwccRecorder(1, 2);
        r.record(1, T0);
        r.record(2, T0 + 9_000_000);
        RtcpTwcc first = r.buildFeedback();
        assertThat(first.packetStatusCount()).isEqualTo(1);
        RtcpTwcc second = r.buildFeedback();
        assertThat(second.baseSeq()).isEqualTo(2);
        assertThat(second.referenceTime()).isEqualTo((int) ((T0 + 9_000_000) / 64_000));
        assertThat(second.fbPktCount()).isEqualTo(1);
        assertThat(r.buildFeedback()).isNull();
    }

    @Test
    void longRunsAreSplitAtMaxStatuses() {
        TwccRecorder r = new TwccRecorder(1, 2);
        for (int i = 0; i < 1200; i++) {
            r.record(i, T0 + i * 100L);
        }
        assertThat(r.buildFeedback().packetStatusCount()).isEqualTo(TwccRecorder.MAX_STATUSES);
        assertThat(r.buildFeedback().baseSeq()).isEqualTo(500);
        RtcpTwcc last = r.buildFeedback();
        assertThat(last.baseSeq()).isEqualTo(1000);
        assertThat(last.packetStatusCount()).isEqualTo(200);
        assertThat(last.toBytes().length).isLessThan(1200);
    }

    @Test
    void feedbackCountWrapsAfter255() {
        TwccRecorder r = new TwccRecorder(1, 2);
        for (int i = 0; i < 257; i++) {
            r.record(i, T0 + i);
            assertThat(r.buildFeedback().fbPktCount()).isEqualTo(i & 0xFF);
        }
    }

    @Test
    void roundingStaysOnTheTickGridWithoutDrift() {
        TwccRecorder r = new TwccRecorder(1, 2);
        for (int i = 0; i < 100; i++) {
            r.record(i, T0 + i * 333L);
        }
        long[] arrivals = r.buildFeedback().arrivalMicros();
        for (int i = 0; i < 100; i++) {
            assertThat(Math.abs(arrivals[i] - (T0 + i * 333L))).isLessThanOrEqualTo(125);
        }
    }
}
