package io.confero.sfu.forward;

import io.confero.media.rtcp.RtcpRemb;
import java.util.Arrays;

/** Builds a REMB (draft-alvestrand-rmcat-remb-03) announcing a chosen bitrate for some SSRCs. */
public final class RembFeedback {
    private RembFeedback() {
    }

    /** A REMB from {@code senderSsrc} capping the given media SSRCs at {@code bitrateBps}. */
    public static RtcpRemb build(int senderSsrc, long bitrateBps, int... mediaSsrcs) {
        return new RtcpRemb(senderSsrc, Math.max(0, bitrateBps), Arrays.stream(mediaSsrcs).boxed().toList());
    }
}
