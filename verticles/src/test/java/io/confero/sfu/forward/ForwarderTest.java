package io.confero.sfu.forward;

import io.confero.sfu.metrics.DropReason;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Forwarder: continuity of SSRC/seq/ts across starts, switches, pauses, loss, reordering and wrap. */
class ForwarderTest {
    static final int OUT = 0x0A0B0C0D;
    static final int A = 1111;
    static final int B = 2222;
    static final long MS = 1_000_000L;

    private static ForwardDecision video(Forwarder f, int ssrc, int seq, long ts, boolean key, long arrivalMs) {
        return f.decide(ssrc, seq, ts, false, key, arrivalMs * MS);
    }

    @Test
    void nothingSelectedDropsAsPaused() {
        Forwarder f = new Forwarder(OUT, 48000, false, 10, 20);
        assertThat(f.decide(A, 1, 1, false, false, 0).reason()).isEqualTo(DropReason.PAUSED);
        assertThat(f.isPaused()).isTrue();
    }

    @Test
    void audioStartsOnFirstPacketWithInitialSeqAndTs() {
        Forwarder f = new Forwarder(OUT, 48000, false, 500, 7000);
        f.switchTo(A);
        ForwardDecision d = f.decide(A, 40000, 123456, true, false, 0);
        assertThat(d.isForward()).isTrue();
        assertThat(d.ssrc()).isEqualTo(OUT);
        assertThat(d.sequenceNumber()).isEqualTo(500);
        assertThat(d.timestamp()).isEqualTo(7000);
        assertThat(d.marker()).isTrue();
        assertThat(d.sourceSwitched()).isTrue();
        ForwardDecision next = f.decide(A, 40001, 123456 + 960, false, false, 20 * MS);
        assertThat(next.sequenceNumber()).isEqualTo(501);
        assertThat(next.timestamp()).isEqualTo(7960);
        assertThat(next.sourceSwitched()).isFalse();
        assertThat(f.decide(B, 1, 1, false, false, 0).reason()).isEqualTo(DropReason.NOT_SELECTED);
    }

    @Test
    void videoWaitsForKeyframeAndAsksForOne() {
        Forwarder f = new Forwarder(OUT, 90000, true, 0, 0);
        f.switchTo(A);
        assertThat(f.keyframeNeeded()).isTrue();
        ForwardDecision waiting = video(f, A, 10, 1000, false, 0);
        assertThat(waiting.action()).isEqualTo(ForwardDecision.Action.DROP);
        assertThat(waiting.reason()).isEqualTo(DropReason.WAITING_FOR_KEYFRAME);
        assertThat(waiting.keyframeRequested()).isTrue();
        ForwardDecision key = video(f, A, 11, 4000, true, 33);
        assertThat(key.isForward()).isTrue();
        assertThat(key.sequenceNumber()).isZero();
        assertThat(f.keyframeNeeded()).isFalse();
        assertThat(video(f, A, 12, 4000, false, 34).sequenceNumber()).isEqualTo(1);
        assertThat(video(f, A, 10, 1000, false, 35).reason()).isEqualTo(DropReason.TOO_OLD);
    }

    @ParameterizedTest(name = "source seq {0}, initial out seq {1}")
    @CsvSource({
        "0, 0", "1, 65535", "32767, 32768", "32768, 1", "65534, 0", "65535, 65534",
        "65535, 32767", "0, 65535", "32768, 32767", "65534, 65535",
    })
    void sequenceContinuityAcrossWrap(int sourceStart, int initialSeq) {
        Forwarder f = new Forwarder(OUT, 90000, true, initialSeq, 0);
        f.switchTo(A);
        for (int i = 0; i < 70; i++) {
            ForwardDecision d = video(f, A, (sourceStart + i) & 0xFFFF, 3000L * i, i == 0, i);
            assertThat(d.sequenceNumber()).isEqualTo((initialSeq + i) & 0xFFFF);
            assertThat(d.timestamp()).isEqualTo(3000L * i);
        }
        assertThat(f.lastSequenceNumber()).isEqualTo((initialSeq + 69) & 0xFFFF);
    }

    @ParameterizedTest(name = "source ts {0}, initial out ts {1}")
    @CsvSource({
        "0, 4294967295", "4294967295, 0", "4294960000, 100", "100, 4294960000", "2147483648, 2147483647",
    })
    void timestampContinuityAcrossWrap(long sourceTs, long initialTs) {
        Forwarder f = new Forwarder(OUT, 90000, false, 0, initialTs);
        f.switchTo(A);
        for (int i = 0; i < 5; i++) {
            long ts = (sourceTs + 3000L * i) & 0xFFFFFFFFL;
            ForwardDecision d = f.decide(A, i, ts, false, false, i * 33 * MS);
            assertThat(d.timestamp()).isEqualTo((initialTs + 3000L * i) & 0xFFFFFFFFL);
        }
    }

    @Test
    void lossAndReorderingAreMappedNotHidden() {
        Forwarder f = new Forwarder(OUT, 48000, false, 100, 0);
        f.switchTo(A);
        assertThat(f.decide(A, 65534, 0, false, false, 0).sequenceNumber()).isEqualTo(100);
        assertThat(f.decide(A, 1, 0, false, false, 0).sequenceNumber()).isEqualTo(103);
        assertThat(f.decide(A, 65535, 0, false, false, 0).sequenceNumber()).isEqualTo(101);
        assertThat(f.lastSequenceNumber()).isEqualTo(103);
        assertThat(f.decide(A, 3, 0, false, false, 0).sequenceNumber()).isEqualTo(105);
        assertThat(f.toSourceSequence(104)).isEqualTo(2);
        assertThat(f.toSourceSequence(100)).isEqualTo(65534);
        assertThat(f.toSourceSequence(99)).isEqualTo(-1);
        assertThat(f.toSourceSequence(106)).isEqualTo(-1);
    }

    @Test
    void simulcastSwitchKeepsOldLayerUntilKeyframeThenContinues() {
        Forwarder f = new Forwarder(OUT, 90000, true, 1000, 50000);
        f.switchTo(A);
        video(f, A, 7000, 900000, true, 0);
        video(f, A, 7001, 903000, false, 33);
        f.switchTo(B);
        assertThat(f.targetSource()).isEqualTo(B);
        assertThat(f.currentSource()).isEqualTo(A);
        assertThat(video(f, B, 300, 10, false, 40).reason()).isEqualTo(DropReason.WAITING_FOR_KEYFRAME);
        ForwardDecision stillA = video(f, A, 7002, 906000, false, 66);
        assertThat(stillA.sequenceNumber()).isEqualTo(1002);
        assertThat(stillA.timestamp()).isEqualTo(56000);
        ForwardDecision switched = video(f, B, 301, 20, true, 76);
        assertThat(switched.sourceSwitched()).isTrue();
        assertThat(switched.sequenceNumber()).isEqualTo(1003);
        assertThat(switched.timestamp()).isEqualTo(56000 + 10 * 90);
        assertThat(f.currentSource()).isEqualTo(B);
        assertThat(video(f, A, 7003, 909000, false, 99).reason()).isEqualTo(DropReason.NOT_SELECTED);
        assertThat(video(f, B, 302, 3020, false, 109).timestamp()).isEqualTo(56000 + 900 + 3000);
        assertThat(video(f, B, 300, 10, false, 110).reason()).isEqualTo(DropReason.TOO_OLD);
    }

    @Test
    void switchTimestampAdvancesAtLeastOneTickAndWrapsTo32Bits() {
        Forwarder f = new Forwarder(OUT, 48000, false, 0, 0xFFFFFFFFL);
        f.switchTo(A);
        f.decide(A, 5, 77, false, false, 1000 * MS);
        f.switchTo(B);
        ForwardDecision d = f.decide(B, 9, 123, false, false, 1000 * MS);
        assertThat(d.timestamp()).isZero();
        assertThat(d.sequenceNumber()).isEqualTo(1);
        f.switchTo(A);
        ForwardDecision back = f.decide(A, 6, 1037, false, false, 999 * MS);
        assertThat(back.timestamp()).isEqualTo(1);
        ForwardDecision later = f.decide(A, 7, 1037 + 960, false, false, 1019 * MS);
        assertThat(later.timestamp()).isEqualTo(961);
        assertThat(later.sequenceNumber()).isEqualTo(3);
    }

    @Test
    void republishAfterPauseContinuesSequenceAndWaitsForKeyframe() {
        Forwarder f = new Forwarder(OUT, 90000, true, 65535, 0);
        f.switchTo(A);
        video(f, A, 1, 0, true, 0);
        f.pause();
        assertThat(video(f, A, 2, 3000, false, 33).reason()).isEqualTo(DropReason.PAUSED);
        assertThat(f.toSourceSequence(65535)).isEqualTo(-1);
        f.switchTo(A);
        assertThat(video(f, A, 3, 6000, false, 66).reason()).isEqualTo(DropReason.WAITING_FOR_KEYFRAME);
        ForwardDecision d = video(f, A, 4, 9000, true, 2000);
        assertThat(d.sequenceNumber()).isZero();
        assertThat(d.timestamp()).isEqualTo(2000 * 90);
    }

    @Test
    void switchingToTheCurrentSourceCancelsPendingSwitch() {
        Forwarder f = new Forwarder(OUT, 90000, true, 0, 0);
        f.switchTo(A);
        video(f, A, 1, 0, true, 0);
        f.switchTo(B);
        assertThat(f.keyframeNeeded()).isTrue();
        f.switchTo(A);
        assertThat(f.keyframeNeeded()).isFalse();
        assertThat(video(f, B, 1, 0, true, 1).reason()).isEqualTo(DropReason.NOT_SELECTED);
        assertThat(video(f, A, 2, 0, false, 1).isForward()).isTrue();
    }

    @Test
    void hugeElapsedTimeIsClamped() {
        Forwarder f = new Forwarder(OUT, 90000, false, 0, 0);
        f.switchTo(A);
        f.decide(A, 1, 0, false, false, 0);
        f.switchTo(B);
        ForwardDecision d = f.decide(B, 1, 0, false, false, Long.MAX_VALUE);
        assertThat(d.timestamp()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void senderReportTimestampsFollowTheCurrentSegmentAcrossWrap() {
        Forwarder f = new Forwarder(OUT, 90000, true, 0, 0xFFFF_FF00L);
        assertThat(f.toOutgoingTimestamp(A, 5000)).as("nothing sent yet").isEqualTo(-1);
        f.switchTo(A);
        video(f, A, 100, 1000, true, 0);
        assertThat(f.toOutgoingTimestamp(A, 1000)).isEqualTo(0xFFFF_FF00L);
        assertThat(f.toOutgoingTimestamp(A, 1000 + 0x200)).as("wraps to 32 bits").isEqualTo(0x100L);
        assertThat(f.toOutgoingTimestamp(A, 0)).as("report older than the first packet").isEqualTo(0xFFFF_FF00L - 1000);
        assertThat(f.toOutgoingTimestamp(B, 1000)).as("not the forwarded source").isEqualTo(-1);
        f.pause();
        assertThat(f.toOutgoingTimestamp(A, 1000)).isEqualTo(-1);
    }

    @Test
    void anAlignedSwitchUsesTheGivenTimestampAndKeepsSequenceNumbersContinuous() {
        Forwarder f = new Forwarder(OUT, 90000, true, 100, 4294967000L);
        f.switchTo(A);
        video(f, A, 7, 50_000, true, 0);
        video(f, A, 8, 53_000, false, 33);
        assertThat(f.hasStarted()).isTrue();
        assertThat(f.lastArrivalNanos()).isEqualTo(33 * MS);
        assertThat(f.timestampOffset()).isEqualTo((4294967000L - 50_000) & 0xFFFFFFFFL);
        // the owner aligned B's key frame through sender reports to last sent + 2970 (across the 32-bit wrap)
        long aligned = (4294967000L + 3000 + 2970) & 0xFFFFFFFFL;
        f.switchTo(B, aligned);
        ForwardDecision first = video(f, B, 60_000, 777, true, 80);
        assertThat(first.sequenceNumber()).isEqualTo(102);
        assertThat(first.timestamp()).isEqualTo(aligned);
        assertThat(first.sourceSwitched()).isTrue();
        assertThat(video(f, B, 60_001, 777 + 3000, false, 113).timestamp()).isEqualTo((aligned + 3000) & 0xFFFFFFFFL);
        // a plain switch afterwards falls back to arrival time again
        f.switchTo(A);
        assertThat(video(f, A, 9, 56_000, true, 146).timestamp()).isEqualTo((aligned + 3000 + 33 * 90) & 0xFFFFFFFFL);
    }
}
