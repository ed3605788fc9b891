package io.confero.media.stun;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RFC 5769 "Test Vectors for Session Traversal Utilities for NAT (STUN)", §2.1-§2.4. */
class Rfc5769StunVectorsTest {
    private static final byte[] SHORT_TERM_KEY = "VOkJxbRl1RmTxUk/WvJxBt".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TID = Hex.parse("b7e7a701 bc34d686 fa87dfae");

    /** RFC 5769 §2.1 Sample Request. */
    static final byte[] REQUEST = Hex.parse("""
            00 01 00 58     // Request type and message length
            21 12 a4 42     // Magic cookie
            b7 e7 a7 01 bc 34 d6 86 fa 87 df ae  // Transaction ID
            80 22 00 10     // SOFTWARE attribute header
            53 54 55 4e 20 74 65 73 74 20 63 6c 69 65 6e 74  // "STUN test client"
            00 24 00 04     // PRIORITY attribute header
            6e 00 01 ff     // ICE priority value
            80 29 00 08     // ICE-CONTROLLED attribute header
            93 2f f9 b1 51 26 3b 36  // tie breaker
            00 06 00 09     // USERNAME attribute header
            65 76 74 6a 3a 68 36 76 59 20 20 20  // "evtj:h6vY" and padding (3 bytes)
            00 08 00 14     // MESSAGE-INTEGRITY attribute header
            9a ea a7 0c bf d8 cb 56 78 1e f2 b5 b2 d3 f2 49 c1 b5 71 a2  // HMAC-SHA1
            80 28 00 04     // FINGERPRINT attribute header
            e5 7a 3b cf     // CRC32 fingerprint
            """);

    /** RFC 5769 §2.2 Sample IPv4 Response. */
    static final byte[] IPV4_RESPONSE = Hex.parse("""
            01 01 00 3c 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
            80 22 00 0b 74 65 73 74 20 76 65 63 74 6f 72 20  // SOFTWARE "test vector"
            00 20 00 08 00 01 a1 47 e1 12 a6 43              // XOR-MAPPED-ADDRESS 192.0.2.1:32853
            00 08 00 14 2b 91 f5 99 fd 9e 90 c3 8c 74 89 f9 2a f9 ba 53 f0 6b e7 d7
            80 28 00 04 c0 7d 4c 96
            """);

    /** RFC 5769 §2.3 Sample IPv6 Response. */
    static final byte[] IPV6_RESPONSE = Hex.parse("""
            01 01 00 48 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
            80 22 00 0b 74 65 73 74 20 76 65 63 74 6f 72 20
            00 20 00 14 00 02 a1 47 01 13 a9 fa a5 d3 f1 79 bc 25 f4 b5 be d2 b9 d9  // 2001:db8:1234:5678:11:2233:4455:6677
            00 08 00 14 a3 82 95 4e 4b e6 7b f1 17 84 c9 7c 82 92 c2 75 bf e3 ed 41
            80 28 00 04 c8 fb 0b 4c
            """);

    /** RFC 5769 §2.4 Sample Request with Long-Term Authentication. */
    static final byte[] LONG_TERM_REQUEST = Hex.parse("""
            00 01 00 60 21 12 a4 42 78 ad 34 33 c6 ad 72 c0 29 da 41 2e
            00 06 00 12 e3 83 9e e3 83 88 e3 83 aa e3 83 83 e3 82 af e3 82 b9 00 00  // USERNAME
            00 15 00 1c 66 2f 2f 34 39 39 6b 39 35 34 64 36 4f 4c 33 34 6f 4c 39 46 53 54 76 79 36 34 73 41  // NONCE
            00 14 00 0b 65 78 61 6d 70 6c 65 2e 6f 72 67 00  // REALM "example.org"
            00 08 00 14 f6 70 24 65 6d d6 4a 3e 02 b8 e0 71 2e 85 c9 a2 8c a8 96 66  // MESSAGE-INTEGRITY
            """);

    @Test
    void section2_1_sampleRequest() throws Exception {
        StunMessage m = StunMessage.parse(REQUEST, 0, REQUEST.length);
        assertThat(m.method()).isEqualTo(StunMethod.BINDING);
        assertThat(m.messageClass()).isEqualTo(StunClass.REQUEST);
        assertThat(m.transactionId()).isEqualTo(TID);
        assertThat(m.software()).isEqualTo("STUN test client");
        assertThat(m.uint32(StunAttributeType.PRIORITY)).isEqualTo(0x6e0001ffL);
        assertThat(m.uint64(StunAttributeType.ICE_CONTROLLED)).isEqualTo(0x932ff9b151263b36L);
        assertThat(m.username()).isEqualTo("evtj:h6vY");
        assertThat(m.verifyMessageIntegrity(SHORT_TERM_KEY)).isTrue();
        assertThat(m.verifyMessageIntegrity("wrong".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(m.verifyFingerprint()).isTrue();
        assertThat(StunMessage.looksLikeStun(REQUEST, 0, REQUEST.length)).isTrue();

        byte[] again = new StunMessageBuilder(StunMethod.BINDING, StunClass.REQUEST, TID).paddingByte(0x20)
                .addString(StunAttributeType.SOFTWARE, "STUN test client")
                .addUInt32(StunAttributeType.PRIORITY, 0x6e0001ffL)
                .addUInt64(StunAttributeType.ICE_CONTROLLED, 0x932ff9b151263b36L)
                .addString(StunAttributeType.USERNAME, "evtj:h6vY")
                .addMessageIntegrity(SHORT_TERM_KEY)
                .addFingerprint()
                .build();
        assertThat(again).isEqualTo(REQUEST);
    }

    @Test
    void section2_2_sampleIpv4Response() throws Exception {
        StunMessage m = StunMessage.parse(IPV4_RESPONSE, 0, IPV4_RESPONSE.length);
        assertThat(m.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(m.software()).isEqualTo("test vector");
        InetSocketAddress mapped = new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853);
        assertThat(m.xorAddress(StunAttributeType.XOR_MAPPED_ADDRESS)).isEqualTo(mapped);
        assertThat(m.verifyMessageIntegrity(SHORT_TERM_KEY)).isTrue();
        assertThat(m.verifyFingerprint()).isTrue();

        byte[] again = new StunMessageBuilder(StunMethod.BINDING, StunClass.SUCCESS_RESPONSE, TID).paddingByte(0x20)
                .addString(StunAttributeType.SOFTWARE, "test vector")
                .addXorAddress(StunAttributeType.XOR_MAPPED_ADDRESS, mapped)
                .addMessageIntegrity(SHORT_TERM_KEY)
                .addFingerprint()
                .build();
        assertThat(again).isEqualTo(IPV4_RESPONSE);
    }

    @Test
    void section2_3_sampleIpv6Response() throws Exception {
        StunMessage m = StunMessage.parse(IPV6_RESPONSE, 0, IPV6_RESPONSE.length);
        InetSocketAddress mapped = new InetSocketAddress(
                InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853);
        assertThat(m.xorAddress(StunAttributeType.XOR_MAPPED_ADDRESS)).isEqualTo(mapped);
        assertThat(m.verifyMessageIntegrity(SHORT_TERM_KEY)).isTrue();
        assertThat(m.verifyFingerprint()).isTrue();

        byte[] again = new StunMessageBuilder(StunMethod.BINDING, StunClass.SUCCESS_RESPONSE, TID).paddingByte(0x20)
                .addString(StunAttributeType.SOFTWARE, "test vector")
                .addXorAddress(StunAttributeType.XOR_MAPPED_ADDRESS, mapped)
                .addMessageIntegrity(SHORT_TERM_KEY)
                .addFingerprint()
                .build();
        assertThat(again).isEqualTo(IPV6_RESPONSE);
    }

    @Test
    void section2_4_longTermAuthentication() throws Exception {
        StunMessage m = StunMessage.parse(LONG_TERM_REQUEST, 0, LONG_TERM_REQUEST.length);
        String username = "\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9";
        assertThat(m.username()).isEqualTo(username);
        assertThat(m.nonce()).isEqualTo("f//499k954d6OL34oL9FSTvy64sA");
        assertThat(m.realm()).isEqualTo("example.org");
        assertThat(m.hasFingerprint()).isFalse();
        assertThat(m.verifyFingerprint()).isFalse();

        // Password as given in the RFC, before SASLprep: "The<U+00AD>M<U+00AA>tr<U+2168>".
        byte[] key = StunCrypto.longTermKey(username, "example.org", "The\u00ADM\u00AAtr\u2168");
        assertThat(key).isEqualTo(StunCrypto.longTermKey(username, "example.org", "TheMatrIX"));
        assertThat(m.verifyMessageIntegrity(key)).isTrue();
        assertThat(m.verifyMessageIntegrity(StunCrypto.longTermKey(username, "example.org", "thematrix"))).isFalse();

        byte[] tid = Hex.parse("78ad3433 c6ad72c0 29da412e");
        byte[] again = new StunMessageBuilder(StunMethod.BINDING, StunClass.REQUEST, tid)
                .addString(StunAttributeType.USERNAME, username)
                .addString(StunAttributeType.NONCE, "f//499k954d6OL34oL9FSTvy64sA")
                .addString(StunAttributeType.REALM, "example.org")
                .addMessageIntegrity(key)
                .build();
        assertThat(again).isEqualTo(LONG_TERM_REQUEST);
    }
}
