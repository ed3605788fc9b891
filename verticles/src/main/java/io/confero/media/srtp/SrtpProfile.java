package io.confero.media.srtp;

/**
 * SRTP protection profiles negotiated through the DTLS {@code use_srtp} extension.
 *
 * <p>Identifiers from the IANA "DTLS-SRTP Protection Profiles" registry (RFC 5764 §4.1.2 and
 * RFC 7714 §14.2); key, salt and tag lengths from RFC 5764 §4.1.2 and RFC 7714 §12.
 */
public enum SrtpProfile {
    /** RFC 5764 §4.1.2: AES-128 counter mode, HMAC-SHA1 with an 80-bit tag (RTP and RTCP). */
    AES_CM_128_HMAC_SHA1_80(0x0001, 16, 14, 10, 20, false),
    /** RFC 7714 §12: AES-128 GCM, 16-octet tag, 96-bit salt. */
    AEAD_AES_128_GCM(0x0007, 16, 12, 16, 0, true),
    /** RFC 7714 §12: AES-256 GCM, 16-octet tag, 96-bit salt. */
    AEAD_AES_256_GCM(0x0008, 32, 12, 16, 0, true);

    private final int protectionProfileId;
    private final int keyLength;
    private final int saltLength;
    private final int tagLength;
    private final int authKeyLength;
    private final boolean aead;

    SrtpProfile(int id, int keyLength, int saltLength, int tagLength, int authKeyLength, boolean aead) {
        this.protectionProfileId = id;
        this.keyLength = keyLength;
        this.saltLength = saltLength;
        this.tagLength = tagLength;
        this.authKeyLength = authKeyLength;
        this.aead = aead;
    }

    /** The 16-bit SRTPProtectionProfile value carried in {@code use_srtp}. */
    public int protectionProfileId() {
        return protectionProfileId;
    }

    /** Master key length in bytes. */
    public int keyLength() {
        return keyLength;
    }

    /** Master salt length in bytes. */
    public int saltLength() {
        return saltLength;
    }

    /** Authentication tag length in bytes, the same for SRTP and SRTCP in all three profiles. */
    public int tagLength() {
        return tagLength;
    }

    /** Session authentication key length in bytes (0 for AEAD profiles). */
    public int authKeyLength() {
        return authKeyLength;
    }

    /** True for the RFC 7714 AEAD profiles. */
    public boolean isAead() {
        return aead;
    }

    /** Bytes of keying material to export for this profile: 2 * (key + salt), RFC 5764 §4.2. */
    public int exporterLength() {
        return 2 * (keyLength + saltLength);
    }

    /** Bytes protect adds to an RTP packet. */
    public int rtpOverhead() {
        return tagLength;
    }

    /** Bytes protect adds to an RTCP packet: the E flag + SRTCP index word and the tag (RFC 3711 §3.4). */
    public int rtcpOverhead() {
        return 4 + tagLength;
    }

    /**
     * The profile with the given {@code use_srtp} identifier.
     *
     * @return the profile, or {@code null} when the identifier is not one we support
     */
    public static SrtpProfile fromId(int id) {
        for (SrtpProfile p : values()) {
            if (p.protectionProfileId == id) {
                return p;
            }
        }
        return null;
    }
}
