package io.confero.sfu.forward;

import io.confero.media.rtcp.RtcpTwcc;
import io.confero.media.rtp.SeqNum;

/**
 * Records (transport-wide sequence number, arrival time) for packets from one sender and builds
 * transport-cc feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1) on demand; the
 * owner calls {@link #buildFeedback()} every 50-100 ms until it returns {@code null}.
 *
 * <p>Each feedback starts where the previous one ended (packets never seen are reported as not
 * received). A packet that arrives after its sequence number was reported as not received is
 * re-reported, as libwebrtc's feedback generator does: the next feedback starts at it again and
 * repeats the statuses after it, so the sender counts it as received instead of lost; that holds
 * while the packets after it arrived at most {@link #REREPORT_WINDOW_MICROS} before it (libwebrtc
 * keeps 500 ms of arrival history) and it is still in the ring. Duplicates are ignored. The reference
 * time is the first received packet's arrival in 64 ms units; deltas are kept on a 250 µs grid
 * without drift. A feedback ends early if a delta does not fit 16 bits or it would exceed
 * {@link #MAX_STATUSES} packets, and the rest goes into the next one. Single-threaded.
 */
public final class TwccRecorder {
    /** Most packet statuses per feedback packet, keeping it well under an MTU. */
    public static final int MAX_STATUSES = 500;
    /** How long after the packets that followed it a late packet is still re-reported. */
    public static final long REREPORT_WINDOW_MICROS = 500_000;
    private static final int WINDOW = 1 << 13;
    private static final long NONE = Long.MIN_VALUE;
    private static final int TICKS_PER_REFERENCE_UNIT = 256;

    private final int senderSsrc;
    private final int mediaSsrc;
    private final long[] arrivals = new long[WINDOW];
    private final long[] slotExt = new long[WINDOW];
    private long nextBase = NONE;
    private long highest = NONE;
    private boolean sentAny;
    private int fbPktCount;

    /**
     * @param senderSsrc our SSRC written as the feedback's packet sender
     * @param mediaSsrc the remote media SSRC the feedback refers to (libwebrtc ignores it)
     */
    public TwccRecorder(int senderSsrc, int mediaSsrc) {
        this.senderSsrc = senderSsrc;
        this.mediaSsrc = mediaSsrc;
        java.util.Arrays.fill(slotExt, NONE);
    }

    /** Records one received packet's transport-wide sequence number and arrival time (µs). */
    public void record(int transportSeq, long arrivalMicros) {
        long ext = highest == NONE ? transportSeq & 0xFFFF
            : highest + SeqNum.diff(transportSeq, (int) (highest & 0xFFFF));
        if (highest == NONE) {
            nextBase = ext;
            highest = ext;
        } else if (ext < nextBase) {
            if (highest - ext >= WINDOW || arrivalOf(ext) != NONE || (sentAny && !rereportable(ext, arrivalMicros))) {
                return;
            }
            nextBase = ext;
        } else if (arrivalOf(ext) != NONE) {
            return;
        } else if (ext > highest) {
            highest = ext;
            if (highest - nextBase >= WINDOW) {
                nextBase = highest - WINDOW + 1;
            }
        }
        int slot = (int) (ext & (WINDOW - 1));
        slotExt[slot] = ext;
        arrivals[slot] = arrivalMicros;
    }

    /**
     * True when the packets after late packet {@code ext} that were already reported arrived at
     * most {@link #REREPORT_WINDOW_MICROS} before it (none arrived: nothing limits it).
     */
    private boolean rereportable(long ext, long arrivalMicros) {
        for (long e = ext + 1; e < nextBase; e++) {
            long a = arrivalOf(e);
            if (a != NONE) {
                return arrivalMicros - a <= REREPORT_WINDOW_MICROS;
            }
        }
        return true;
    }

    /** Whether packets are waiting to be reported. */
    public boolean hasPending() {
        return highest != NONE && highest >= nextBase;
    }

    /** Builds the next feedback packet, or {@code null} when nothing new was received. */
    public RtcpTwcc buildFeedback() {
        if (!hasPending()) {
            return null;
        }
        long first = firstReceived();
        long refTime = Math.floorDiv(arrivalOf(first), 64_000L);
        long lastTicks = refTime * TICKS_PER_REFERENCE_UNIT;
        int max = (int) Math.min(MAX_STATUSES, highest - nextBase + 1);
        byte[] symbols = new byte[max];
        int[] deltas = new int[max];
        int count = 0;
        int k = 0;
        for (long ext = nextBase; count < max; ext++) {
            long arrival = arrivalOf(ext);
            if (arrival == NONE) {
                symbols[count++] = RtcpTwcc.NOT_RECEIVED;
                continue;
            }
            long ticks = Math.floorDiv(arrival + 125, 250L);
            long delta = ticks - lastTicks;
            if (delta < Short.MIN_VALUE || delta > Short.MAX_VALUE) {
                break;
            }
            symbols[count++] = (byte) (delta >= 0 && delta <= 255 ? RtcpTwcc.SMALL_DELTA : RtcpTwcc.LARGE_DELTA);
            deltas[k++] = (int) delta;
            lastTicks = ticks;
        }
        RtcpTwcc fb = new RtcpTwcc(senderSsrc, mediaSsrc, (int) (nextBase & 0xFFFF), (int) (refTime & 0xFFFFFF),
            fbPktCount, java.util.Arrays.copyOf(symbols, count), java.util.Arrays.copyOf(deltas, k));
        fbPktCount = (fbPktCount + 1) & 0xFF;
        nextBase += count;
        sentAny = true;
        return fb;
    }

    private long firstReceived() {
        for (long ext = nextBase; ext <= highest; ext++) {
            if (arrivalOf(ext) != NONE) {
                return ext;
            }
        }
        return highest;
    }

    private long arrivalOf(long ext) {
        int slot = (int) (ext & (WINDOW - 1));
        return slotExt[slot] == ext ? arrivals[slot] : NONE;
    }
}
