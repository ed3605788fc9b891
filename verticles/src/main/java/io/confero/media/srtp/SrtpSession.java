package io.confero.media.srtp;

import java.security.GeneralSecurityException;
import java.util.Objects;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.srtp.SrtpPolicy;
import org.jitsi.utils.logging2.Logger;

/**
 * SRTP and SRTCP for one transport in both directions (RFC 3711 §3, RFC 7714 for AEAD), over
 * jitsi-srtp.
 *
 * <p>Built from the DTLS-exported {@link SrtpKeys} and our DTLS role (RFC 5764 §4.2): as DTLS client
 * we protect with the client keys and unprotect with the server keys, and the other way round as
 * server. Packets are transformed in place in the caller's array; every method returns the new length
 * ({@code >= 0}) or a negative {@link SrtpStatus#code()}. No exception escapes for any input.
 *
 * <p>Per-SSRC crypto contexts are created lazily, at most {@code maxSsrcs} per direction and packet
 * kind. An inbound SSRC is remembered only once one of its packets authenticates, so forged packets
 * cannot use up the table. Not thread-safe: one owner (an event loop) uses a session at a time.
 */
public final class SrtpSession implements AutoCloseable {
    /** Default bound on inbound SSRCs per packet kind: what a peer may make us keep state for. */
    public static final int DEFAULT_MAX_SSRCS = 64;
    /**
     * Default bound on outbound SSRCs per packet kind: ours, one or two per stream a subscriber
     * receives (a 1,000-person audio meeting plus 49 videos with RTX), freed with {@link #forgetOutbound}.
     */
    public static final int DEFAULT_MAX_OUTBOUND_SSRCS = 4096;
    private static final int RTP_HEADER = 12;
    private static final int RTCP_HEADER = 8;
    private static final Logger QUIET = QuietLogger.create();

    private final SrtpProfile profile;
    private final SrtpContextFactory inbound;
    private final SrtpContextFactory outbound;
    private final SsrcTable<SrtpCryptoContext> rtpIn;
    private final SsrcTable<SrtpCryptoContext> rtpOut;
    private final SsrcTable<SrtcpCryptoContext> rtcpIn;
    private final SsrcTable<SrtcpCryptoContext> rtcpOut;
    private final long[] failures = new long[SrtpStatus.values().length];
    private final PacketBuffer view = new PacketBuffer();

    /**
     * @param keys the exported keys
     * @param localIsDtlsClient true when we were the DTLS client of the handshake
     * @param maxSsrcs bound on SSRC contexts per direction and per RTP/RTCP
     */
    public SrtpSession(SrtpKeys keys, boolean localIsDtlsClient, int maxSsrcs) {
        this(keys, localIsDtlsClient, maxSsrcs, maxSsrcs);
    }

    /**
     * @param keys the exported keys
     * @param localIsDtlsClient true when we were the DTLS client of the handshake
     * @param maxInboundSsrcs bound on the peer's SSRC contexts, per RTP/RTCP
     * @param maxOutboundSsrcs bound on our SSRC contexts, per RTP/RTCP
     */
    public SrtpSession(SrtpKeys keys, boolean localIsDtlsClient, int maxInboundSsrcs, int maxOutboundSsrcs) {
        Objects.requireNonNull(keys, "keys");
        if (maxInboundSsrcs < 1 || maxOutboundSsrcs < 1) {
            throw new IllegalArgumentException("SSRC bounds must be positive");
        }
        this.profile = keys.profile();
        SrtpPolicy policy = policyFor(profile);
        byte[] localKey = localIsDtlsClient ? keys.clientKey() : keys.serverKey();
        byte[] localSalt = localIsDtlsClient ? keys.clientSalt() : keys.serverSalt();
        byte[] remoteKey = localIsDtlsClient ? keys.serverKey() : keys.clientKey();
        byte[] remoteSalt = localIsDtlsClient ? keys.serverSalt() : keys.clientSalt();
        this.outbound = new SrtpContextFactory(true, localKey, localSalt, policy, policy, QUIET);
        this.inbound = new SrtpContextFactory(false, remoteKey, remoteSalt, policy, policy, QUIET);
        this.rtpIn = new SsrcTable<>(maxInboundSsrcs);
        this.rtpOut = new SsrcTable<>(maxOutboundSsrcs);
        this.rtcpIn = new SsrcTable<>(maxInboundSsrcs);
        this.rtcpOut = new SsrcTable<>(maxOutboundSsrcs);
    }

    /** A session for the DTLS client side with {@link #DEFAULT_MAX_SSRCS}. */
    public static SrtpSession forDtlsClient(SrtpKeys keys) {
        return new SrtpSession(keys, true, DEFAULT_MAX_SSRCS, DEFAULT_MAX_OUTBOUND_SSRCS);
    }

    /** A session for the DTLS server side with {@link #DEFAULT_MAX_SSRCS}. */
    public static SrtpSession forDtlsServer(SrtpKeys keys) {
        return new SrtpSession(keys, false, DEFAULT_MAX_SSRCS, DEFAULT_MAX_OUTBOUND_SSRCS);
    }

    /** The negotiated profile. */
    public SrtpProfile profile() {
        return profile;
    }

    /**
     * Encrypts and authenticates an RTP packet in place (RFC 3711 §3.3, RFC 7714 §8).
     * {@code buf} needs {@link SrtpProfile#rtpOverhead()} free bytes after the packet.
     *
     * @return the SRTP length, or a negative {@link SrtpStatus} code
     */
    public int protectRtp(byte[] buf, int off, int len) {
        if (!inBounds(buf, off, len) || rtpHeaderLength(buf, off, len) < 0) {
            return fail(SrtpStatus.MALFORMED);
        }
        if (buf.length - off - len < profile.rtpOverhead()) {
            return fail(SrtpStatus.BUFFER_TOO_SMALL);
        }
        int ssrc = readInt(buf, off + 8);
        SrtpCryptoContext ctx = rtpOut.get(ssrc);
        try {
            if (ctx == null) {
                if (rtpOut.isFull()) {
                    return fail(SrtpStatus.TOO_MANY_SSRCS);
                }
                ctx = outbound.deriveContext(ssrc, 0);
                rtpOut.put(ssrc, ctx);
            }
            return finish(ctx.transformPacket(view.wrap(buf, off, len)), SrtpStatus.CRYPTO_ERROR);
        } catch (GeneralSecurityException | RuntimeException e) {
            return fail(SrtpStatus.CRYPTO_ERROR);
        } finally {
            view.clear();
        }
    }

    /**
     * Authenticates, replay-checks and decrypts an SRTP packet in place (RFC 3711 §3.3).
     *
     * @return the RTP length, or a negative {@link SrtpStatus} code
     */
    public int unprotectRtp(byte[] buf, int off, int len) {
        if (!inBounds(buf, off, len)) {
            return fail(SrtpStatus.MALFORMED);
        }
        int header = rtpHeaderLength(buf, off, len);
        if (header < 0 || header + profile.tagLength() > len) {
            return fail(SrtpStatus.MALFORMED);
        }
        int ssrc = readInt(buf, off + 8);
        SrtpCryptoContext ctx = rtpIn.get(ssrc);
        boolean fresh = ctx == null;
        try {
            if (fresh) {
                if (rtpIn.isFull()) {
                    return fail(SrtpStatus.TOO_MANY_SSRCS);
                }
                ctx = inbound.deriveContext(ssrc, 0);
            }
            int result = finish(ctx.reverseTransformPacket(view.wrap(buf, off, len), false), SrtpStatus.MALFORMED);
            if (fresh && result >= 0) {
                rtpIn.put(ssrc, ctx);
            }
            return result;
        } catch (GeneralSecurityException | RuntimeException e) {
            return fail(SrtpStatus.MALFORMED);
        } finally {
            view.clear();
        }
    }

    /**
     * Protects an RTCP compound packet in place (RFC 3711 §3.4, RFC 7714 §9): encrypts, appends the
     * E flag and SRTCP index, then the tag. {@code buf} needs {@link SrtpProfile#rtcpOverhead()} free
     * bytes after the packet.
     *
     * @return the SRTCP length, or a negative {@link SrtpStatus} code
     */
    public int protectRtcp(byte[] buf, int off, int len) {
        if (!inBounds(buf, off, len) || !rtcpHeaderValid(buf, off, len, RTCP_HEADER)) {
            return fail(SrtpStatus.MALFORMED);
        }
        if (buf.length - off - len < profile.rtcpOverhead()) {
            return fail(SrtpStatus.BUFFER_TOO_SMALL);
        }
        int ssrc = readInt(buf, off + 4);
        SrtcpCryptoContext ctx = rtcpOut.get(ssrc);
        try {
            if (ctx == null) {
                if (rtcpOut.isFull()) {
                    return fail(SrtpStatus.TOO_MANY_SSRCS);
                }
                ctx = outbound.deriveControlContext(ssrc);
                rtcpOut.put(ssrc, ctx);
            }
            return finish(ctx.transformPacket(view.wrap(buf, off, len)), SrtpStatus.CRYPTO_ERROR);
        } catch (GeneralSecurityException | RuntimeException e) {
            return fail(SrtpStatus.CRYPTO_ERROR);
        } finally {
            view.clear();
        }
    }

    /**
     * Authenticates, replay-checks and decrypts an SRTCP packet in place (RFC 3711 §3.4).
     *
     * @return the RTCP length, or a negative {@link SrtpStatus} code
     */
    public int unprotectRtcp(byte[] buf, int off, int len) {
        if (!inBounds(buf, off, len) || !rtcpHeaderValid(buf, off, len, RTCP_HEADER + profile.rtcpOverhead())) {
            return fail(SrtpStatus.MALFORMED);
        }
        int ssrc = readInt(buf, off + 4);
        SrtcpCryptoContext ctx = rtcpIn.get(ssrc);
        boolean fresh = ctx == null;
        try {
            if (fresh) {
                if (rtcpIn.isFull()) {
                    return fail(SrtpStatus.TOO_MANY_SSRCS);
                }
                ctx = inbound.deriveControlContext(ssrc);
            }
            int result = finish(ctx.reverseTransformPacket(view.wrap(buf, off, len)), SrtpStatus.MALFORMED);
            if (fresh && result >= 0) {
                rtcpIn.put(ssrc, ctx);
            }
            return result;
        } catch (GeneralSecurityException | RuntimeException e) {
            return fail(SrtpStatus.MALFORMED);
        } finally {
            view.clear();
        }
    }

    /** How many packets failed with {@code status} since the session was built. */
    public long failureCount(SrtpStatus status) {
        return failures[status.ordinal()];
    }

    /**
     * Drops our outbound contexts of {@code ssrc} (RTP and RTCP), when the stream it carried ends, so a
     * long meeting with people coming and going never fills the table. A later packet on it starts
     * a fresh context (a stream that ended must not come back on the same SSRC anyway).
     */
    public void forgetOutbound(int ssrc) {
        rtpOut.remove(ssrc);
        rtcpOut.remove(ssrc);
    }

    /** SSRCs with an outbound SRTP context. */
    public int outboundRtpSsrcCount() {
        return rtpOut.size();
    }

    /** SSRCs with an inbound SRTP context (authenticated at least once). */
    public int inboundRtpSsrcCount() {
        return rtpIn.size();
    }

    /** Releases the crypto contexts. */
    @Override
    public void close() {
        rtpIn.clear();
        rtpOut.clear();
        rtcpIn.clear();
        rtcpOut.clear();
        inbound.close();
        outbound.close();
    }

    /** jitsi-srtp policy for a profile; receive replay protection on, send replay check off. */
    static SrtpPolicy policyFor(SrtpProfile profile) {
        SrtpPolicy policy = profile.isAead()
                ? new SrtpPolicy(SrtpPolicy.AESGCM_ENCRYPTION, profile.keyLength(),
                        SrtpPolicy.NULL_AUTHENTICATION, 0, profile.tagLength(), profile.saltLength())
                : new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, profile.keyLength(),
                        SrtpPolicy.HMACSHA1_AUTHENTICATION, profile.authKeyLength(), profile.tagLength(),
                        profile.saltLength());
        policy.setReceiveReplayEnabled(true);
        policy.setSendReplayEnabled(false);
        return policy;
    }

    private int finish(SrtpErrorStatus status, SrtpStatus otherwise) {
        switch (status) {
            case OK:
                return view.getLength();
            case AUTH_FAIL:
                return fail(SrtpStatus.AUTH_FAIL);
            case REPLAY_FAIL:
            case REPLAY_OLD:
                return fail(SrtpStatus.REPLAY);
            case INVALID_PACKET:
                return fail(SrtpStatus.MALFORMED);
            default:
                return fail(otherwise);
        }
    }

    private int fail(SrtpStatus status) {
        failures[status.ordinal()]++;
        return status.code();
    }

    private static boolean inBounds(byte[] buf, int off, int len) {
        return buf != null && off >= 0 && len >= 0 && off <= buf.length && len <= buf.length - off;
    }

    /** RTP header length including CSRCs and the extension (RFC 3550 §5.1, §5.3.1), or -1. */
    static int rtpHeaderLength(byte[] buf, int off, int len) {
        if (len < RTP_HEADER || (buf[off] & 0xC0) != 0x80) {
            return -1;
        }
        int header = RTP_HEADER + 4 * (buf[off] & 0x0F);
        if ((buf[off] & 0x10) != 0) {
            if (header + 4 > len) {
                return -1;
            }
            header += 4 + 4 * (((buf[off + header + 2] & 0xFF) << 8) | (buf[off + header + 3] & 0xFF));
        }
        return header <= len ? header : -1;
    }

    private static boolean rtcpHeaderValid(byte[] buf, int off, int len, int minLength) {
        return len >= minLength && (buf[off] & 0xC0) == 0x80;
    }

    private static int readInt(byte[] buf, int off) {
        return ((buf[off] & 0xFF) << 24) | ((buf[off + 1] & 0xFF) << 16) | ((buf[off + 2] & 0xFF) << 8)
                | (buf[off + 3] & 0xFF);
    }
}
