package io.confero.sfu.forward;

import io.confero.sfu.metrics.DropReason;
import io.confero.media.rtp.SeqNum;
import io.confero.media.rtp.TimestampNum;

/**
 * Rewrites one source track into one subscriber's outgoing stream (one instance per subscriber
 * and track; single-threaded). The outgoing stream has a fixed SSRC and continuous sequence
 * numbers and timestamps across source switches (simulcast layer change, republish):
 *
 * <ul>
 *   <li>sequence numbers: the first packet of a new source continues at last-sent + 1; within a
 *       source the offset is fixed, so gaps (losses) and reordering are preserved and NACKable;
 *   <li>timestamps: at a switch the new offset makes the first packet's timestamp equal the last
 *       sent one plus the elapsed arrival time × clock rate (at least 1 tick);
 *   <li>video waits for a keyframe on the new source; until then the old source keeps flowing
 *       (seamless layer switch) and packets of the new one are dropped with
 *       {@link DropReason#WAITING_FOR_KEYFRAME} and {@code keyframeRequested}.
 * </ul>
 *
 * Pure: no I/O and no clock; arrival time comes with each packet.
 */
public final class Forwarder {
    private final int outSsrc;
    private final int clockRate;
    private final boolean video;

    private boolean hasCurrent;
    private int current;
    private boolean hasTarget;
    private int target;

    private boolean started;
    private long lastOutExt;
    private long lastOutTs;
    private long lastOutArrival;

    private long segmentStartExt;
    private long seqOffset;
    private long tsOffset;
    private long highestInExt;
    /** The outgoing timestamp for the first packet of the pending source, when the owner aligned it. */
    private boolean hasAlignedTs;
    private long alignedTs;

    /**
     * @param outSsrc the SSRC announced to the subscriber
     * @param clockRate RTP clock rate of the track (90000 for video, 48000 for Opus)
     * @param video whether to wait for keyframes when starting or switching
     * @param initialSeq first outgoing sequence number (random per RFC 3550 §5.1)
     * @param initialTs first outgoing timestamp (random per RFC 3550 §5.1)
     */
    public Forwarder(int outSsrc, int clockRate, boolean video, int initialSeq, long initialTs) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clockRate " + clockRate);
        }
        this.outSsrc = outSsrc;
        this.clockRate = clockRate;
        this.video = video;
        this.lastOutExt = (initialSeq & 0xFFFF) - 1L;
        this.lastOutTs = initialTs & 0xFFFFFFFFL;
    }

    /**
     * Selects {@code sourceSsrc} as the track to forward. Video switches when a keyframe of the new
     * source arrives; audio on its first packet. Selecting the current source cancels a pending
     * switch.
     */
    public void switchTo(int sourceSsrc) {
        hasAlignedTs = false;
        if (hasCurrent && sourceSsrc == current) {
            hasTarget = false;
            return;
        }
        hasTarget = true;
        target = sourceSsrc;
    }

    /**
     * As {@link #switchTo(int)}, with the outgoing timestamp the new source's first packet should
     * get (e.g. aligned through both sources' sender reports by a simulcast timestamp aligner)
     * instead of the one its arrival time suggests. Ignored for the very first source.
     */
    public void switchTo(int sourceSsrc, long firstOutTimestamp) {
        switchTo(sourceSsrc);
        if (hasTarget) {
            hasAlignedTs = true;
            alignedTs = firstOutTimestamp & 0xFFFFFFFFL;
        }
    }

    /** Whether anything was forwarded yet (the timestamp and arrival of the last one are valid). */
    public boolean hasStarted() { return started; }

    /** Arrival time of the last packet forwarded (valid after {@link #hasStarted()}). */
    public long lastArrivalNanos() { return lastOutArrival; }

    /** What is added (mod 2^32) to the current source's timestamps (valid with a current source). */
    public long timestampOffset() { return tsOffset; }

    /** Stops forwarding until the next {@link #switchTo(int)}. */
    public void pause() {
        hasCurrent = false;
        hasTarget = false;
    }

    /** Whether a video switch is waiting for a keyframe from the pending source. */
    public boolean keyframeNeeded() { return video && hasTarget; }

    public boolean isPaused() { return !hasCurrent && !hasTarget; }

    public int outSsrc() { return outSsrc; }

    /** The source being forwarded, valid when {@link #hasCurrentSource()}. */
    public int currentSource() { return current; }

    public boolean hasCurrentSource() { return hasCurrent; }

    /** The source being switched to, or the current one when no switch is pending. */
    public int targetSource() { return hasTarget ? target : current; }

    /** Last sequence number sent (valid after the first forward). */
    public int lastSequenceNumber() { return (int) (lastOutExt & 0xFFFF); }

    /** Last timestamp sent. */
    public long lastTimestamp() { return lastOutTs; }

    /**
     * Maps an outgoing sequence number (from a subscriber's NACK) back to the current source's
     * sequence number, for a {@link PacketCache} lookup.
     *
     * @return the source sequence number, or -1 when {@code outSeq} was not sent from the current
     *     source (before its segment, not yet sent, or paused)
     */
    public int toSourceSequence(int outSeq) {
        if (!hasCurrent || !started) {
            return -1;
        }
        long outExt = lastOutExt + SeqNum.diff(outSeq, (int) (lastOutExt & 0xFFFF));
        long ext = outExt - seqOffset;
        return ext < segmentStartExt || outExt > lastOutExt ? -1 : (int) (ext & 0xFFFF);
    }

    /**
     * Maps a source RTP timestamp (e.g. from the source's sender report, RFC 3550 §6.4.1) into the
     * outgoing timestamp space, so the subscriber can pair it with the report's NTP time.
     *
     * @return the outgoing timestamp, or -1 when {@code sourceSsrc} is not the source being
     *     forwarded or nothing was sent from it yet
     */
    public long toOutgoingTimestamp(int sourceSsrc, long sourceTs) {
        if (!hasCurrent || !started || sourceSsrc != current) {
            return -1;
        }
        return TimestampNum.add(sourceTs & 0xFFFFFFFFL, tsOffset);
    }

    /** Decides what to do with one incoming packet of the subscribed track. */
    public ForwardDecision decide(int ssrc, int seq, long ts, boolean marker, boolean keyframe, long arrivalNanos) {
        if (hasTarget && ssrc == target) {
            if (video && !keyframe) {
                return ForwardDecision.drop(DropReason.WAITING_FOR_KEYFRAME);
            }
            startSegment(ssrc, seq, ts, arrivalNanos);
            return emit(seq, ts, marker, arrivalNanos, true);
        }
        if (!hasCurrent) {
            return ForwardDecision.drop(hasTarget ? DropReason.NOT_SELECTED : DropReason.PAUSED);
        }
        if (ssrc != current) {
            return ForwardDecision.drop(DropReason.NOT_SELECTED);
        }
        return emit(seq, ts, marker, arrivalNanos, false);
    }

    private void startSegment(int ssrc, int seq, long ts, long arrivalNanos) {
        long outTs = !started ? lastOutTs
            : hasAlignedTs ? alignedTs : TimestampNum.add(lastOutTs, elapsedTicks(arrivalNanos));
        hasAlignedTs = false;
        hasCurrent = true;
        current = ssrc;
        hasTarget = false;
        segmentStartExt = seq & 0xFFFF;
        highestInExt = segmentStartExt;
        seqOffset = lastOutExt + 1 - segmentStartExt;
        tsOffset = (outTs - (ts & 0xFFFFFFFFL)) & 0xFFFFFFFFL;
    }

    private long elapsedTicks(long arrivalNanos) {
        long elapsed = arrivalNanos - lastOutArrival;
        if (elapsed <= 0) {
            return 1;
        }
        if (elapsed > Long.MAX_VALUE / clockRate) {
            return Integer.MAX_VALUE;
        }
        return Math.max(1, Math.min(elapsed * clockRate / 1_000_000_000L, Integer.MAX_VALUE));
    }

    private ForwardDecision emit(int seq, long ts, boolean marker, long arrivalNanos, boolean switched) {
        long ext = highestInExt + SeqNum.diff(seq, (int) (highestInExt & 0xFFFF));
        if (ext < segmentStartExt) {
            return ForwardDecision.drop(DropReason.TOO_OLD);
        }
        long outExt = ext + seqOffset;
        long outTs = TimestampNum.add(ts, tsOffset);
        if (ext > highestInExt) {
            highestInExt = ext;
        }
        if (!started || outExt > lastOutExt) {
            lastOutExt = outExt;
            lastOutTs = outTs;
            lastOutArrival = arrivalNanos;
            started = true;
        }
        return ForwardDecision.forward(outSsrc, (int) (outExt & 0xFFFF), outTs, marker, switched);
    }
}
