package io.confero.sfu.dtls;

import io.confero.media.srtp.SrtpProfile;
import java.util.List;

/**
 * Tunables of a {@link DtlsEndpoint}.
 *
 * @param sendLimit largest datagram we send (path MTU budget); BC fragments handshake messages to it
 * @param receiveLimit largest datagram we accept
 * @param handshakeTimeoutMillis give up the handshake after this long (BC's default is never)
 * @param initialRetransmitMillis first retransmission timer (RFC 6347 §4.2.4.1; BC defaults to 1 s)
 * @param queueCapacity datagrams buffered between the UDP demux and the DTLS worker; more are dropped
 * @param profiles SRTP profiles in our preference order: offered in this order as client, chosen in
 *     this order among the client's offer as server
 */
public record DtlsOptions(int sendLimit, int receiveLimit, int handshakeTimeoutMillis, int initialRetransmitMillis,
                          int queueCapacity, List<SrtpProfile> profiles) {

    /** Our default preference: AEAD_AES_128_GCM, then AES_CM_128_HMAC_SHA1_80, then AEAD_AES_256_GCM. */
    public static final List<SrtpProfile> DEFAULT_PROFILES = List.of(
            SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.AES_CM_128_HMAC_SHA1_80, SrtpProfile.AEAD_AES_256_GCM);

    public DtlsOptions {
        if (sendLimit < 256 || receiveLimit < sendLimit || receiveLimit > 65_535) {
            throw new IllegalArgumentException("bad datagram limits " + sendLimit + "/" + receiveLimit);
        }
        if (handshakeTimeoutMillis < 1 || initialRetransmitMillis < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("timeouts and queue capacity must be positive");
        }
        profiles = List.copyOf(profiles);
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException("at least one SRTP profile");
        }
    }

    /** MTU 1200, 10 s handshake timeout, 150 ms first retransmission, 64 queued datagrams, all profiles. */
    public static DtlsOptions defaults() {
        return new DtlsOptions(1200, 1500, 10_000, 150, 64, DEFAULT_PROFILES);
    }

    /** A copy restricted to the given profiles, in the given order. */
    public DtlsOptions withProfiles(List<SrtpProfile> newProfiles) {
        return new DtlsOptions(sendLimit, receiveLimit, handshakeTimeoutMillis, initialRetransmitMillis,
                queueCapacity, newProfiles);
    }

    /** A copy with another handshake timeout. */
    public DtlsOptions withHandshakeTimeoutMillis(int millis) {
        return new DtlsOptions(sendLimit, receiveLimit, millis, initialRetransmitMillis, queueCapacity, profiles);
    }
}
