package io.confero.sfu.simulcast;

/**
 * What {@link LayerTable#classify} made of one incoming packet's SSRC.
 *
 * @param layer the layer index (0 = lowest), or -1 when {@link #outcome()} is a rejection
 * @param role whether the SSRC carries the layer's media or its RFC 4588 retransmissions; null on rejection
 */
public record LayerMatch(Outcome outcome, int layer, StreamRole role) {

    /** How the SSRC was placed, or why it was not. */
    public enum Outcome {
        /** Already bound (from SDP or an earlier packet). */
        KNOWN,
        /** Bound by this packet (its rid/rrid, or the only layer of a non-simulcast track). */
        LEARNED,
        /** Not bound, and the packet names no rid that could bind it. */
        UNKNOWN_SSRC,
        /** The packet names a rid (or rrid) the track did not negotiate. */
        UNKNOWN_RID,
        /** The packet names another layer or role than the one its SSRC is bound to. */
        CONFLICT;

        public boolean accepted() { return this == KNOWN || this == LEARNED; }
    }

    /** What an SSRC of a layer carries. */
    public enum StreamRole { MEDIA, RTX }

    public LayerMatch {
        if (outcome.accepted() != (layer >= 0 && role != null)) {
            throw new IllegalArgumentException("an accepted match has a layer and a role, a rejection neither");
        }
    }

    static LayerMatch accepted(Outcome outcome, int layer, StreamRole role) {
        return new LayerMatch(outcome, layer, role);
    }

    static LayerMatch rejected(Outcome outcome) {
        return new LayerMatch(outcome, -1, null);
    }

    public boolean accepted() { return outcome.accepted(); }

    public boolean isRtx() { return role == StreamRole.RTX; }
}
