package io.confero.media.sdp;

import java.util.Objects;

/** A subscriber offer and the state to keep for the next one (and for answer validation). */
public record SubscribeOffer(SessionDescription offer, SubscribeState state) {
    public SubscribeOffer {
        Objects.requireNonNull(offer, "offer");
        Objects.requireNonNull(state, "state");
    }

    /** The offer as SDP text (CRLF). */
    public String sdp() {
        return SdpWriter.write(offer);
    }
}
