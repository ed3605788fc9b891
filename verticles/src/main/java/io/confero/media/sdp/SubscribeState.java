package io.confero.media.sdp;

import java.util.List;
import java.util.Objects;

/**
 * The negotiation state of one subscriber PeerConnection between offers: our o= session id and
 * last version, and every m-section ever offered, in order (RFC 8829 §5.2.2: m-sections are never
 * removed or reordered). Immutable; {@link SubscribeOfferer#offer} returns the next state.
 */
public record SubscribeState(long sessionId, long sessionVersion, List<Slot> slots) {

    /** What an m-section currently carries. */
    public enum SlotState {
        /** Sending a track. */
        ACTIVE,
        /** Track ended, but the section is the BUNDLE tag, so it stays bundled with {@code a=inactive}. */
        INACTIVE,
        /** Track ended: port 0, {@code a=inactive}, out of the BUNDLE group (RFC 8843 §7.5.3 style). */
        STOPPED
    }

    /** One m-section: its mid, kind, the codecs it was offered with, and its state. */
    public record Slot(String mid, MediaKind kind, List<RtpCodec> codecs, SlotState state) {
        public Slot {
            Objects.requireNonNull(mid, "mid");
            Objects.requireNonNull(kind, "kind");
            codecs = List.copyOf(codecs);
            if (codecs.isEmpty()) {
                throw new IllegalArgumentException("slot " + mid + " has no codec");
            }
            Objects.requireNonNull(state, "state");
        }
    }

    public SubscribeState {
        slots = List.copyOf(slots);
    }

    /** The state before the first offer: version 0, so the first offer has version 1. */
    public static SubscribeState initial(long sessionId) {
        return new SubscribeState(sessionId, 0, List.of());
    }
}
