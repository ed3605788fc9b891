package io.confero.sfu.ice;

import io.confero.sfu.metrics.DropReason;
import io.confero.media.stun.StunAttributeType;
import io.confero.media.stun.StunClass;
import io.confero.media.stun.StunErrorCode;
import io.confero.media.stun.StunMessage;
import io.confero.media.stun.StunMessageBuilder;
import io.confero.media.stun.StunMethod;
import io.confero.media.stun.StunParseException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The ICE-lite side of one transport (RFC 8445 §2.5): it sends no checks, answers the peer's
 * Binding requests (§7.3) and takes the controlled role. The source of a valid nominated check
 * (USE-CANDIDATE) becomes the selected address; a peer that signalled no candidates is learned
 * from its checks (peer-reflexive). Consent (RFC 7675 §5.1) is considered lost when no valid check
 * arrived from the selected address (or, before one is selected, at all) for the consent timeout.
 *
 * <p>Requests that fail FINGERPRINT, USERNAME or MESSAGE-INTEGRITY get no answer at all, so a forged
 * datagram cannot make us send anything. Time is passed in by the caller. Not thread-safe: owned by
 * the transport's event loop.
 */
public final class IceLiteAgent {
    /** RFC 7675 §5.1: consent expires 30 s after the last successful check. */
    public static final long DEFAULT_CONSENT_TIMEOUT_MILLIS = 30_000;
    /** RFC 8445 §7.3.1.1: role conflict. */
    public static final int ROLE_CONFLICT = 487;

    private static final int[] UNDERSTOOD = {
        StunAttributeType.USERNAME, StunAttributeType.MESSAGE_INTEGRITY, StunAttributeType.PRIORITY,
        StunAttributeType.USE_CANDIDATE, StunAttributeType.FINGERPRINT,
        StunAttributeType.ICE_CONTROLLED, StunAttributeType.ICE_CONTROLLING,
    };

    private final IceCredentials local;
    private final byte[] integrityKey;
    private final String usernamePrefix;
    private final long consentTimeoutMillis;
    private String remoteUfrag;
    private InetSocketAddress selected;
    private long lastValidMillis;

    /**
     * @param local our ufrag and pwd, as put into our SDP
     * @param nowMillis creation time; consent counts from here until the first valid check
     * @param consentTimeoutMillis how long without valid checks until {@link #isConsentExpired}
     */
    public IceLiteAgent(IceCredentials local, long nowMillis, long consentTimeoutMillis) {
        this.local = Objects.requireNonNull(local, "local");
        if (consentTimeoutMillis <= 0) {
            throw new IllegalArgumentException("consent timeout must be positive");
        }
        // RFC 8489 §9.1.1: the short-term key is OpaqueString(password); ice-chars are already that
        this.integrityKey = local.pwd().getBytes(StandardCharsets.UTF_8);
        this.usernamePrefix = local.ufrag() + ":";
        this.consentTimeoutMillis = consentTimeoutMillis;
        this.lastValidMillis = nowMillis;
    }

    /** An agent with the RFC 7675 30 s consent timeout. */
    public IceLiteAgent(IceCredentials local, long nowMillis) {
        this(local, nowMillis, DEFAULT_CONSENT_TIMEOUT_MILLIS);
    }

    public IceCredentials localCredentials() {
        return local;
    }

    /** Sets the peer's ice-ufrag from its SDP; once set, the USERNAME's second part must match it. */
    public void setRemoteUfrag(String ufrag) {
        this.remoteUfrag = ufrag;
    }

    /** The address media goes to, or null before the first nominated check. */
    public InetSocketAddress selectedAddress() {
        return selected;
    }

    /** When the last valid check that refreshes consent arrived (or the creation time). */
    public long lastValidCheckMillis() {
        return lastValidMillis;
    }

    /** RFC 7675 §5.1: true when no consent-refreshing check arrived for the consent timeout. */
    public boolean isConsentExpired(long nowMillis) {
        return nowMillis - lastValidMillis >= consentTimeoutMillis;
    }

    /**
     * Handles one datagram that demultiplexed as STUN (RFC 7983) from {@code from}.
     *
     * @return the response to send back to {@code from} with flags, or a drop reason; never throws
     *     for any datagram content
     */
    public IceCheckResult handleBindingRequest(byte[] buf, int off, int len, InetSocketAddress from, long nowMillis) {
        Objects.requireNonNull(from, "from");
        StunMessage msg = parseOrNull(buf, off, len);
        if (msg == null) {
            return drop(DropReason.NOT_STUN);
        }
        if (msg.method() != StunMethod.BINDING || msg.messageClass() != StunClass.REQUEST) {
            return drop(DropReason.NOT_BINDING_REQUEST);
        }
        DropReason rejected = authenticate(msg);
        if (rejected != null) {
            return drop(rejected);
        }
        int[] unknown = msg.unknownComprehensionRequired(UNDERSTOOD);
        if (unknown.length > 0) {
            return IceCheckResult.error(errorResponse(msg, StunErrorCode.UNKNOWN_ATTRIBUTE, unknown),
                    StunErrorCode.UNKNOWN_ATTRIBUTE);
        }
        if (msg.has(StunAttributeType.ICE_CONTROLLED)) {
            // RFC 8445 §7.3.1.1: the peer also claims the controlled role. A lite agent never takes
            // the controlling role (§6.1.1), so it keeps its role as if its tie-breaker were larger.
            return IceCheckResult.error(errorResponse(msg, ROLE_CONFLICT, null), ROLE_CONFLICT);
        }
        return accept(msg, from, nowMillis);
    }

    private IceCheckResult accept(StunMessage msg, InetSocketAddress from, long nowMillis) {
        boolean nominated = msg.has(StunAttributeType.USE_CANDIDATE);
        boolean changed = false;
        if (nominated && !from.equals(selected)) {
            selected = from;
            changed = true;
        }
        if (selected == null || selected.equals(from)) {
            lastValidMillis = nowMillis;
        }
        byte[] response = new StunMessageBuilder(StunMethod.BINDING, StunClass.SUCCESS_RESPONSE, msg.transactionId())
                .addXorAddress(StunAttributeType.XOR_MAPPED_ADDRESS, from)
                .addMessageIntegrity(integrityKey)
                .addFingerprint()
                .build();
        return IceCheckResult.success(response, nominated, changed);
    }

    /** RFC 8445 §7.3 / RFC 8489 §9.1.3 checks; null when the request is ours and authentic. */
    private DropReason authenticate(StunMessage msg) {
        if (!msg.hasFingerprint()) {
            return DropReason.MISSING_FINGERPRINT;
        }
        if (!msg.verifyFingerprint()) {
            return DropReason.BAD_FINGERPRINT;
        }
        String username;
        try {
            username = msg.username();
        } catch (StunParseException e) {
            return DropReason.MISSING_CREDENTIALS;
        }
        if (username == null || !msg.hasMessageIntegrity()) {
            return DropReason.MISSING_CREDENTIALS;
        }
        if (!username.startsWith(usernamePrefix)
                || remoteUfrag != null && !remoteUfrag.equals(username.substring(usernamePrefix.length()))) {
            return DropReason.WRONG_UFRAG;
        }
        if (!msg.verifyMessageIntegrity(integrityKey)) {
            return DropReason.BAD_INTEGRITY;
        }
        return null;
    }

    private byte[] errorResponse(StunMessage request, int code, int[] unknown) {
        StunMessageBuilder b = new StunMessageBuilder(StunMethod.BINDING, StunClass.ERROR_RESPONSE,
                request.transactionId());
        b.addErrorCode(code, code == ROLE_CONFLICT ? "Role Conflict" : "Unknown Attribute");
        if (unknown != null) {
            b.addUnknownAttributes(unknown);
        }
        return b.addMessageIntegrity(integrityKey).addFingerprint().build();
    }

    private IceCheckResult drop(DropReason reason) {
        return IceCheckResult.drop(reason);
    }

    private static StunMessage parseOrNull(byte[] buf, int off, int len) {
        if (!StunMessage.looksLikeStun(buf, off, len)) {
            return null;
        }
        try {
            return StunMessage.parse(buf, off, len);
        } catch (StunParseException | RuntimeException e) {
            return null;
        }
    }
}
