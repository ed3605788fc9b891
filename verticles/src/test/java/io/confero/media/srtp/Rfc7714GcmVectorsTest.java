package io.confero.media.srtp;

import static io.confero.media.srtp.ReferenceSrtp.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 7714 §16 (SRTP) and §17 (SRTCP) example packets for AEAD_AES_128_GCM and AEAD_AES_256_GCM.
 *
 * <p>The RFC states its examples under session keys, below the key derivation that jitsi-srtp always
 * runs. So the reference AEAD construction is first pinned to the RFC packets, then jitsi-srtp, fed
 * the same master key, must produce byte-identical packets to the reference under the session keys
 * the RFC 3711 §4.3 KDF gives (itself pinned by {@link Rfc3711AppendixB2Test}).
 */
class Rfc7714GcmVectorsTest {
    private static final byte[] KEY_128 = hex("000102030405060708090a0b0c0d0e0f");
    private static final byte[] KEY_256 = hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    /** "Quid pro quo" */
    private static final byte[] SALT = hex("517569642070726f2071756f");

    /** §16: "Gallia est omnis divisa in partes tres", seq 0xf17b, SSRC 0x5501a0b2. */
    private static final byte[] RTP = hex("""
            8040f17b8041f8d35501a0b247616c6c696120657374206f6d6e6973206469766973612069
            6e207061727465732074726573""");
    private static final byte[] SRTP_128 = hex("""
            8040f17b8041f8d35501a0b2f24de3a3fb34de6cacba861c9d7e4bcabe633bd50d294e6f42a5f47a
            51c7d19b36de3adf8833899d7f27beb16a9152cf765ee4390cce""");
    private static final byte[] SRTP_256 = hex("""
            8040f17b8041f8d35501a0b232b1de78a822fe12ef9f78fa332e33aab18012389a58e2f3b50b2a02
            76ffae0f1ba63799b87b7aa3db36dfffd6b0f9bb7878d7a76c13""");

    /** §17.1–17.2: the RTCP packet of SSRC "Mars" at SRTCP index 0x5d4. */
    private static final byte[] RTCP = hex("""
            81c8000d4d6172734e5450314e545032525450200000042a0000e9304c756e61
            deadbeefdeadbeefdeadbeefdeadbeefdeadbeef""");
    private static final byte[] SRTCP_128 = hex("""
            81c8000d4d61727363e94885dcdab67ca727d7662f6b7e997ff5c0f76c06f32dc676a5f1730d6fda
            4ce09b4686303ded0bb9275bc84aa45896cf4d2fc5abf87245d9eade800005d4""");
    private static final byte[] SRTCP_256 = hex("""
            81c8000d4d617273d50ae4d1f5ce5d304ba297e47d470c282c3ece5dbffe0a50a2eaa5c1110555be
            8415f658c61de0476f1b6fad1d1eb30c4446839f57ff6f6cb26ac3be800005d4""");

    @ParameterizedTest
    @ValueSource(ints = {128, 256})
    void section16SrtpPacket(int bits) throws Exception {
        byte[] key = bits == 128 ? KEY_128 : KEY_256;
        byte[] expected = bits == 128 ? SRTP_128 : SRTP_256;
        assertThat(hex(ReferenceSrtp.protectGcmRtp(key, SALT, RTP, 12, 0))).isEqualTo(hex(expected));
    }

    @ParameterizedTest
    @ValueSource(ints = {128, 256})
    void section17SrtcpPacket(int bits) throws Exception {
        byte[] key = bits == 128 ? KEY_128 : KEY_256;
        byte[] expected = bits == 128 ? SRTCP_128 : SRTCP_256;
        assertThat(hex(ReferenceSrtp.protectGcmRtcp(key, SALT, RTCP, 0x5d4))).isEqualTo(hex(expected));
    }

    @ParameterizedTest
    @EnumSource(value = SrtpProfile.class, names = {"AEAD_AES_128_GCM", "AEAD_AES_256_GCM"})
    void jitsiSrtpMatchesReferenceUnderDerivedKeys(SrtpProfile profile) throws Exception {
        byte[] masterKey = profile == SrtpProfile.AEAD_AES_128_GCM ? KEY_128 : KEY_256;
        byte[] sessionKey = ReferenceSrtp.kdf(masterKey, SALT, 0x00, masterKey.length);
        byte[] sessionSalt = ReferenceSrtp.kdf(masterKey, SALT, 0x02, 12);
        byte[] expected = ReferenceSrtp.protectGcmRtp(sessionKey, sessionSalt, RTP, 12, 0);

        try (SessionPair pair = pair(profile, masterKey)) {
            byte[] buf = Arrays.copyOf(RTP, RTP.length + 16);
            int len = pair.sender().protectRtp(buf, 0, RTP.length);
            assertThat(hex(Arrays.copyOf(buf, len))).isEqualTo(hex(expected));
            assertThat(pair.receiver().unprotectRtp(buf, 0, len)).isEqualTo(RTP.length);
            assertThat(Arrays.copyOf(buf, RTP.length)).isEqualTo(RTP);
        }
    }

    @ParameterizedTest
    @EnumSource(value = SrtpProfile.class, names = {"AEAD_AES_128_GCM", "AEAD_AES_256_GCM"})
    void jitsiSrtcpMatchesReferenceUnderDerivedKeys(SrtpProfile profile) throws Exception {
        byte[] masterKey = profile == SrtpProfile.AEAD_AES_128_GCM ? KEY_128 : KEY_256;
        byte[] sessionKey = ReferenceSrtp.kdf(masterKey, SALT, 0x03, masterKey.length);
        byte[] sessionSalt = ReferenceSrtp.kdf(masterKey, SALT, 0x05, 12);

        try (SessionPair pair = pair(profile, masterKey)) {
            byte[] buf = Arrays.copyOf(RTCP, RTCP.length + 20);
            int len = pair.sender().protectRtcp(buf, 0, RTCP.length);
            int index = ReferenceSrtp.readInt(buf, len - 4) & 0x7FFFFFFF;
            byte[] expected = ReferenceSrtp.protectGcmRtcp(sessionKey, sessionSalt, RTCP, index);
            assertThat(hex(Arrays.copyOf(buf, len))).isEqualTo(hex(expected));
            assertThat(pair.receiver().unprotectRtcp(buf, 0, len)).isEqualTo(RTCP.length);
            assertThat(Arrays.copyOf(buf, RTCP.length)).isEqualTo(RTCP);
        }
    }

    /** The sender protects with the client keys (it is the DTLS client), the receiver is the server. */
    private static SessionPair pair(SrtpProfile profile, byte[] clientMasterKey) {
        return SessionPair.of(new SrtpKeys(profile, clientMasterKey, SALT, new byte[profile.keyLength()],
                new byte[profile.saltLength()]));
    }
}
