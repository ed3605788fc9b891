package io.confero.sfu.bwe;

import io.confero.media.rtcp.RtcpTwcc;
import io.confero.media.rtp.SeqNum;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Send times and sizes of the packets we stamped with transport-wide sequence numbers toward one
 * subscriber, matched against that subscriber's transport-cc feedback
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1). A ring of {@value #WINDOW} entries keyed
 * by the extended sequence number; feedback for packets older than the ring, never sent, or already
 * reported as received is ignored (a packet first reported lost and later received counts once, as
 * received). Single-threaded.
 */
public final class SendHistory {
    /** Packets remembered: several seconds at video rates. */
    public static final int WINDOW = 1 << 13;
    private static final long NONE = Long.MIN_VALUE;

    private final long[] slotExt = new long[WINDOW];
    private final long[] sendMicros = new long[WINDOW];
    private final int[] sizes = new int[WINDOW];
    private final int[] clusters = new int[WINDOW];
    private final boolean[] acked = new boolean[WINDOW];
    private long highest = NONE;

    public SendHistory() {
        Arrays.fill(slotExt, NONE);
    }

    /** Records a media packet sent now with transport-wide sequence number {@code seq} (16 bits). */
    public void onSent(int seq, int sizeBytes, long nowMicros) {
        onSent(seq, sizeBytes, nowMicros, PacketResult.NO_PROBE);
    }

    /** Records a packet of probe cluster {@code probeCluster} ({@link PacketResult#NO_PROBE} for media). */
    public void onSent(int seq, int sizeBytes, long nowMicros, int probeCluster) {
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("negative size " + sizeBytes);
        }
        long ext = extend(seq);
        if (highest == NONE || ext > highest) {
            highest = ext;
        }
        int slot = (int) (ext & (WINDOW - 1));
        slotExt[slot] = ext;
        sendMicros[slot] = nowMicros;
        sizes[slot] = sizeBytes;
        clusters[slot] = probeCluster;
        acked[slot] = false;
    }

    /** The packets a feedback reports on, in sequence order, with their send times and sizes. */
    public List<PacketResult> onFeedback(RtcpTwcc feedback) {
        List<PacketResult> out = new ArrayList<>(feedback.packetStatusCount());
        if (highest == NONE) {
            return out;
        }
        long[] arrivals = feedback.arrivalMicros();
        long base = extend(feedback.baseSeq());
        for (int i = 0; i < arrivals.length; i++) {
            long ext = base + i;
            int slot = (int) (ext & (WINDOW - 1));
            if (ext > highest || slotExt[slot] != ext || acked[slot]) {
                continue;
            }
            boolean received = arrivals[i] != Long.MIN_VALUE;
            acked[slot] |= received;
            out.add(new PacketResult(sendMicros[slot], received ? arrivals[i] : PacketResult.LOST, sizes[slot],
                clusters[slot]));
        }
        return out;
    }

    private long extend(int seq) {
        int s = seq & 0xFFFF;
        return highest == NONE ? s : highest + SeqNum.diff(s, (int) (highest & 0xFFFF));
    }
}
