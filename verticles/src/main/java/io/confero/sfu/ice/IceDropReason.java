package io.confero.sfu.ice;

/** Why {@link IceLiteAgent} sent nothing back for a datagram; each is a counted drop. */
public enum IceDropReason {
    /** Not a STUN message (RFC 7983 first byte / magic cookie) or not parseable. */
    NOT_STUN,
    /** A STUN message but not a Binding request (a Binding indication keepalive lands here too). */
    NOT_BINDING_REQUEST,
    /** No FINGERPRINT, which RFC 8445 §7.1/§7.3 requires on connectivity checks. */
    MISSING_FINGERPRINT,
    /** FINGERPRINT present but wrong (RFC 8489 §14.7). */
    BAD_FINGERPRINT,
    /** No USERNAME or no MESSAGE-INTEGRITY: not a check of ours; no answer, so no amplification. */
    MISSING_CREDENTIALS,
    /** USERNAME is not {@code <our ufrag>:<their ufrag>} (RFC 8445 §7.3). */
    WRONG_UFRAG,
    /** MESSAGE-INTEGRITY does not verify under our ice-pwd (RFC 8489 §9.1.3). */
    BAD_INTEGRITY
}
