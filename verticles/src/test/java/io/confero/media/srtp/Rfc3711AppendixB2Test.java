package io.confero.media.srtp;

import static io.confero.media.srtp.ReferenceSrtp.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * RFC 3711 Appendix B.2 (AES-CM keystream) and B.3 (key derivation), then the same session keys
 * checked through jitsi-srtp: a packet protected by {@link SrtpSession} from the B.3 master key must
 * equal the reference encryption under the B.3 session keys printed in the RFC.
 */
class Rfc3711AppendixB2Test {
    // B.2: session key, session salt (already shifted), keystream blocks at counter offsets
    private static final byte[] B2_KEY = hex("2B7E151628AED2A6ABF7158809CF4F3C");
    private static final byte[] B2_IV = hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000");

    // B.3: master key and salt, and the derived RTP session keys
    private static final byte[] B3_MASTER_KEY = hex("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static final byte[] B3_MASTER_SALT = hex("0EC675AD498AFEEBB6960B3AABE6");
    private static final byte[] B3_CIPHER_KEY = hex("C61E7A93744F39EE10734AFE3FF7A087");
    private static final byte[] B3_CIPHER_SALT = hex("30CBBC08863D8C85D49DB34A9AE1");
    private static final byte[] B3_AUTH_KEY = hex("""
            CEBE321F6FF7716B6FD4AB49AF256A15 6D38BAA48F0A0ACF3C34E2359E6CDBCE
            E049646C43D9327AD175578EF7227098 6371C10C9A369AC2F94A8C5FBCDDDC25
            6D6E919A48B610EF17C2041E47403576 6B68642C59BBFC2F34DB60DBDFB2""");

    @Test
    void b2KeystreamBlocks() throws Exception {
        byte[] keystream = ReferenceSrtp.aesCtr(B2_KEY, B2_IV, new byte[16 * 0xFF02]);
        assertThat(block(keystream, 0x0000)).isEqualTo("e03ead0935c95e80e166b16dd92b4eb4");
        assertThat(block(keystream, 0x0001)).isEqualTo("d23513162b02d0f72a43a2fe4a5f97ab");
        assertThat(block(keystream, 0x0002)).isEqualTo("41e95b3bb0a2e8dd477901e4fca894c0");
        assertThat(block(keystream, 0xFEFF)).isEqualTo("ec8cdf7398607cb0f2d21675ea9ea1e4");
        assertThat(block(keystream, 0xFF00)).isEqualTo("362b7c3c6773516318a077d7fc5073ae");
        assertThat(block(keystream, 0xFF01)).isEqualTo("6a2cc3787889374fbeb4c81b17ba6c44");
    }

    @Test
    void b3KeyDerivation() throws Exception {
        assertThat(ReferenceSrtp.kdf(B3_MASTER_KEY, B3_MASTER_SALT, 0x00, 16)).isEqualTo(B3_CIPHER_KEY);
        assertThat(ReferenceSrtp.kdf(B3_MASTER_KEY, B3_MASTER_SALT, 0x02, 14)).isEqualTo(B3_CIPHER_SALT);
        assertThat(ReferenceSrtp.kdf(B3_MASTER_KEY, B3_MASTER_SALT, 0x01, 94)).isEqualTo(B3_AUTH_KEY);
    }

    @Test
    void jitsiSessionUsesTheB3SessionKeys() throws Exception {
        // RTP: V=2, PT=96, seq=0x1234, ts=0xCAFEBABE, SSRC=0xDEADBEEF, 40 bytes of payload
        byte[] rtp = hex("80601234CAFEBABEDEADBEEF" + "00112233445566778899aabbccddeeff".repeat(2) + "0102030405060708");
        byte[] expected = ReferenceSrtp.protectCm80(B3_CIPHER_KEY, B3_CIPHER_SALT,
                Arrays.copyOf(B3_AUTH_KEY, 20), rtp, 12, 0);

        SrtpKeys keys = new SrtpKeys(SrtpProfile.AES_CM_128_HMAC_SHA1_80,
                B3_MASTER_KEY, B3_MASTER_SALT, hex("00000000000000000000000000000000"),
                hex("0000000000000000000000000000"));
        try (SrtpSession client = SrtpSession.forDtlsClient(keys);
             SrtpSession server = SrtpSession.forDtlsServer(keys)) {
            byte[] buf = Arrays.copyOf(rtp, rtp.length + 10);
            int len = client.protectRtp(buf, 0, rtp.length);
            assertThat(len).isEqualTo(expected.length);
            assertThat(hex(Arrays.copyOf(buf, len))).isEqualTo(hex(expected));

            int back = server.unprotectRtp(buf, 0, len);
            assertThat(back).isEqualTo(rtp.length);
            assertThat(Arrays.copyOf(buf, back)).isEqualTo(rtp);
        }
    }

    private static String block(byte[] keystream, int index) {
        return hex(Arrays.copyOfRange(keystream, 16 * index, 16 * index + 16));
    }
}
