package io.confero.sfu.simulcast;

import io.confero.media.rtp.TimestampNum;

/**
 * Chooses the outgoing RTP timestamp of the first packet after a layer switch, so that a
 * subscriber's timeline continues as if one camera had sent all along (mediasoup's
 * {@code SimulcastConsumer} and LiveKit's forwarder do the same): the new layer's timestamp is
 * mapped through both layers' sender reports into the old layer's timeline, then through the old
 * layer's outgoing offset. Frames captured at the same instant then get the same outgoing
 * timestamp on every layer, so lip sync with the audio track survives switches.
 *
 * <p>Without a sender report for both layers yet, or when the mapped value is not newer than the
 * last timestamp sent or strays more than {@code maxSkewTicks} from what the arrival time
 * predicts (a stale or wrong report), the timestamp continues from arrival time: last sent + the
 * elapsed arrival time in ticks, at least one tick. The result is always newer than the last
 * timestamp sent (RFC 1982 order, 32-bit wrap), so the subscriber's jitter buffer never sees
 * time run backwards.
 */
public final class TimestampAligner {
    private final int clockRate;
    private final long maxSkewTicks;

    /**
     * @param clockRate RTP clock rate of the track (90000 for video)
     * @param maxSkewMillis how far the report-based timestamp may stray from the arrival-based one
     */
    public TimestampAligner(int clockRate, long maxSkewMillis) {
        if (clockRate <= 0 || maxSkewMillis <= 0) {
            throw new IllegalArgumentException("clockRate and maxSkewMillis must be positive");
        }
        this.clockRate = clockRate;
        this.maxSkewTicks = maxSkewMillis * clockRate / 1000;
    }

    /** How an {@link Alignment} was found. */
    public enum Method {
        /** Mapped through both layers' sender reports. */
        SENDER_REPORTS,
        /** A layer has no sender report yet: continued from arrival time. */
        ARRIVAL_NO_REPORT,
        /** The reports' mapping was not newer than the last sent or too far from arrival time. */
        ARRIVAL_REPORT_REJECTED
    }

    /**
     * @param timestamp the outgoing timestamp for the switching packet (unsigned 32-bit)
     * @param offset what to add (mod 2^32) to every timestamp of the new layer from now on
     */
    public record Alignment(long timestamp, long offset, Method method) {
    }

    /**
     * @param lastOutTs the last timestamp sent to the subscriber
     * @param elapsedNanos arrival time of the switching packet minus that of the last packet sent
     * @param from the old layer's clock, or null without a report
     * @param fromOffset the old layer's outgoing offset (out = source + offset, mod 2^32)
     * @param to the new layer's clock, or null without a report
     * @param toTs the switching packet's own timestamp on the new layer
     */
    public Alignment align(long lastOutTs, long elapsedNanos, SenderClock from, long fromOffset, SenderClock to,
                           long toTs) {
        long expected = TimestampNum.add(lastOutTs, elapsedTicks(elapsedNanos));
        if (from == null || to == null) {
            return alignment(expected, toTs, Method.ARRIVAL_NO_REPORT);
        }
        long sinceToReport = TimestampNum.diff(toTs, to.rtpTimestamp());
        long wallclockGap = to.ntpTicks(clockRate) - from.ntpTicks(clockRate);
        long inFromTimeline = TimestampNum.add(from.rtpTimestamp(), sinceToReport + wallclockGap);
        long aligned = TimestampNum.add(inFromTimeline, fromOffset);
        boolean newer = TimestampNum.isNewer(aligned, lastOutTs);
        if (newer && Math.abs(TimestampNum.diff(aligned, expected)) <= maxSkewTicks) {
            return alignment(aligned, toTs, Method.SENDER_REPORTS);
        }
        return alignment(expected, toTs, Method.ARRIVAL_REPORT_REJECTED);
    }

    private static Alignment alignment(long out, long toTs, Method method) {
        return new Alignment(out, TimestampNum.add(out, -toTs), method);
    }

    private long elapsedTicks(long elapsedNanos) {
        if (elapsedNanos <= 0) {
            return 1;
        }
        long ticks = elapsedNanos > Long.MAX_VALUE / clockRate ? Integer.MAX_VALUE : elapsedNanos * clockRate / 1_000_000_000L;
        return Math.max(1, Math.min(ticks, Integer.MAX_VALUE));
    }
}
