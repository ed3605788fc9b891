package io.confero.media.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** RFC 8489 §5 (header, type), §14 (attributes) and RFC 8656 §18 (TURN attributes). */
class Rfc8489MessageTest {
    private static final byte[] TID = Hex.parse("0102030405060708090a0b0c");

    @ParameterizedTest(name = "method 0x{0} class {1} -> type 0x{2}")
    @CsvSource({
        "001, REQUEST, 0001", "001, SUCCESS_RESPONSE, 0101", "001, ERROR_RESPONSE, 0111", "001, INDICATION, 0011",
        "003, REQUEST, 0003", "003, SUCCESS_RESPONSE, 0103", "003, ERROR_RESPONSE, 0113",
        "004, REQUEST, 0004", "006, INDICATION, 0016", "007, INDICATION, 0017",
        "008, REQUEST, 0008", "009, REQUEST, 0009", "009, SUCCESS_RESPONSE, 0109",
        "000, REQUEST, 0000", "fff, ERROR_RESPONSE, 3fff", "fff, REQUEST, 3eef", "07f, REQUEST, 00ef"})
    void section5_messageTypeInterleaving(String method, StunClass cls, String type) {
        int m = Integer.parseInt(method, 16);
        int t = Integer.parseInt(type, 16);
        assertThat(StunMethod.messageType(m, cls)).isEqualTo(t);
        assertThat(StunMethod.methodOf(t)).isEqualTo(m);
        assertThat(StunMethod.classOf(t)).isEqualTo(cls);
    }

    @ParameterizedTest(name = "port {0}")
    @CsvSource({"0", "1", "32767", "32768", "65534", "65535"})
    void section14_2_xorAddressPortWrapTable(int port) throws Exception {
        for (String ip : new String[] {"203.0.113.7", "2001:db8::1", "::", "255.255.255.255"}) {
            InetSocketAddress a = new InetSocketAddress(InetAddress.getByName(ip), port);
            byte[] msg = new StunMessageBuilder(StunMethod.ALLOCATE, StunClass.SUCCESS_RESPONSE, TID)
                    .addXorAddress(StunAttributeType.XOR_RELAYED_ADDRESS, a)
                    .addAddress(StunAttributeType.MAPPED_ADDRESS, a)
                    .build();
            StunMessage m = StunMessage.parse(msg, 0, msg.length);
            assertThat(m.xorAddress(StunAttributeType.XOR_RELAYED_ADDRESS)).isEqualTo(a);
            assertThat(m.address(StunAttributeType.MAPPED_ADDRESS)).isEqualTo(a);
        }
    }

    @Test
    void rfc8656_section18_turnAttributesRoundTrip() throws Exception {
        InetSocketAddress peer = new InetSocketAddress(InetAddress.getByName("198.51.100.9"), 4000);
        InetSocketAddress peer6 = new InetSocketAddress(InetAddress.getByName("2001:db8::9"), 4001);
        byte[] key = {1, 2, 3};
        byte[] msg = new StunMessageBuilder(StunMethod.CHANNEL_BIND, StunClass.REQUEST, TID)
                .addChannelNumber(0x4FFF)
                .addUInt32(StunAttributeType.LIFETIME, 600)
                .addXorAddress(StunAttributeType.XOR_PEER_ADDRESS, peer)
                .addXorAddress(StunAttributeType.XOR_PEER_ADDRESS, peer6)
                .add(StunAttributeType.DATA, new byte[] {9, 8, 7, 6, 5})
                .addFirstByteOf4(StunAttributeType.REQUESTED_TRANSPORT, 17)
                .addFirstByteOf4(StunAttributeType.REQUESTED_ADDRESS_FAMILY, 2)
                .addFirstByteOf4(StunAttributeType.ADDITIONAL_ADDRESS_FAMILY, 2)
                .addEvenPort(true)
                .addFlag(StunAttributeType.DONT_FRAGMENT)
                .addFlag(StunAttributeType.USE_CANDIDATE)
                .addUInt64(StunAttributeType.RESERVATION_TOKEN, 0x0102030405060708L)
                .addUInt64(StunAttributeType.ICE_CONTROLLING, -1L)
                .addErrorCode(StunAttributeType.ADDRESS_ERROR_CODE, new StunErrorCode(2, 440, "fam"))
                .addErrorCode(438, "Stale Nonce")
                .addUnknownAttributes(0x0031, 0x7fff)
                .addMessageIntegrity(key)
                .addMessageIntegritySha256(key)
                .addFingerprint()
                .build();
        StunMessage m = StunMessage.parse(msg, 0, msg.length);
        assertThat(m.channelNumber()).isEqualTo(0x4FFF);
        assertThat(m.uint32(StunAttributeType.LIFETIME)).isEqualTo(600);
        assertThat(m.xorAddresses(StunAttributeType.XOR_PEER_ADDRESS)).containsExactly(peer, peer6);
        assertThat(m.value(StunAttributeType.DATA)).containsExactly(9, 8, 7, 6, 5);
        assertThat(m.firstByteOf4(StunAttributeType.REQUESTED_TRANSPORT)).isEqualTo(17);
        assertThat(m.firstByteOf4(StunAttributeType.REQUESTED_ADDRESS_FAMILY)).isEqualTo(2);
        assertThat(m.firstByteOf4(StunAttributeType.ADDITIONAL_ADDRESS_FAMILY)).isEqualTo(2);
        assertThat(m.evenPortReserve()).isTrue();
        assertThat(m.has(StunAttributeType.DONT_FRAGMENT)).isTrue();
        assertThat(m.has(StunAttributeType.USE_CANDIDATE)).isTrue();
        assertThat(m.uint64(StunAttributeType.RESERVATION_TOKEN)).isEqualTo(0x0102030405060708L);
        assertThat(m.uint64(StunAttributeType.ICE_CONTROLLING)).isEqualTo(-1L);
        assertThat(m.addressErrorCode()).isEqualTo(new StunErrorCode(2, 440, "fam"));
        assertThat(m.errorCode()).isEqualTo(StunErrorCode.of(438, "Stale Nonce"));
        assertThat(m.unknownAttributes()).containsExactly(0x0031, 0x7fff);
        assertThat(m.verifyMessageIntegrity(key)).isTrue();
        assertThat(m.verifyMessageIntegritySha256(key)).isTrue();
        assertThat(m.verifyMessageIntegritySha256(new byte[] {1})).isFalse();
        assertThat(m.verifyFingerprint()).isTrue();
        assertThat(m.uint32(StunAttributeType.PRIORITY)).isEqualTo(-1);
        assertThat(m.username()).isNull();
    }

    @Test
    void section6_3_1_unknownComprehensionRequiredAttributesAreReported() throws Exception {
        byte[] msg = new StunMessageBuilder(StunMethod.ALLOCATE, StunClass.REQUEST, TID)
                .addFirstByteOf4(StunAttributeType.REQUESTED_TRANSPORT, 17)
                .add(0x0031, new byte[] {1})
                .add(0x0031, new byte[] {2})
                .add(0xC001, new byte[] {1})
                .build();
        StunMessage m = StunMessage.parse(msg, 0, msg.length);
        assertThat(m.unknownComprehensionRequired(StunAttributeType.REQUESTED_TRANSPORT)).containsExactly(0x0031);
    }

    @Test
    void section14_5_attributesAfterIntegrityAreIgnoredAndTamperingDetected() throws Exception {
        byte[] key = "k".getBytes(StandardCharsets.UTF_8);
        byte[] signed = new StunMessageBuilder(StunMethod.REFRESH, StunClass.REQUEST, TID)
                .addUInt32(StunAttributeType.LIFETIME, 0).addMessageIntegrity(key).build();
        byte[] extended = new StunMessageBuilder(StunMethod.REFRESH, StunClass.REQUEST, TID)
                .addUInt32(StunAttributeType.LIFETIME, 0).addMessageIntegrity(key)
                .add(StunAttributeType.DATA, new byte[] {1, 2, 3, 4}).build();
        StunMessage m = StunMessage.parse(extended, 0, extended.length);
        assertThat(m.has(StunAttributeType.DATA)).isFalse();
        assertThat(m.verifyMessageIntegrity(key)).isTrue();
        signed[27] ^= 1;
        assertThat(StunMessage.parse(signed, 0, signed.length).verifyMessageIntegrity(key)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "short header, 000100002112a442010203040506070809",
        "first bits set, 800100002112a442010203040506070809 0a0b0c",
        "bad cookie, 000100002112a443010203040506070809 0a0b0c",
        "length not multiple of 4, 000100022112a442010203040506070809 0a0b0c 0000",
        "length exceeds datagram, 000100082112a442010203040506070809 0a0b0c 80220000",
        "trailing bytes, 000100002112a442010203040506070809 0a0b0c 00000000",
        "attribute overruns, 000100082112a442010203040506070809 0a0b0c 80220005 61626364",
        "truncated attribute header, 000100042112a442010203040506070809 0a0b0c 8022 0000 ff"})
    void section6_strictFramingRejected(String name, String hex) {
        byte[] b = Hex.parse(hex);
        assertThatThrownBy(() -> StunMessage.parse(b, 0, b.length)).isInstanceOf(StunParseException.class);
    }

    @Test
    void malformedAttributeValuesThrowParseException() throws Exception {
        byte[] msg = new StunMessageBuilder(StunMethod.ALLOCATE, StunClass.REQUEST, TID)
                .add(StunAttributeType.LIFETIME, new byte[] {1, 2})
                .add(StunAttributeType.XOR_PEER_ADDRESS, new byte[] {0, 3, 0, 0, 1, 2, 3, 4})
                .add(StunAttributeType.ERROR_CODE, new byte[] {0, 0, 7, 0})
                .add(StunAttributeType.UNKNOWN_ATTRIBUTES, new byte[] {0, 1, 2})
                .add(StunAttributeType.CHANNEL_NUMBER, new byte[] {0x40})
                .build();
        StunMessage m = StunMessage.parse(msg, 0, msg.length);
        assertThatThrownBy(() -> m.uint32(StunAttributeType.LIFETIME)).isInstanceOf(StunParseException.class);
        assertThatThrownBy(() -> m.xorAddress(StunAttributeType.XOR_PEER_ADDRESS)).isInstanceOf(StunParseException.class);
        assertThatThrownBy(m::errorCode).isInstanceOf(StunParseException.class);
        assertThatThrownBy(m::unknownAttributes).isInstanceOf(StunParseException.class);
        assertThatThrownBy(m::channelNumber).isInstanceOf(StunParseException.class);
        assertThat(m.verifyMessageIntegrity(new byte[0])).isFalse();
        assertThat(m.verifyFingerprint()).isFalse();
    }

    @Test
    void rfc7983_demultiplexing() {
        byte[] stun = new StunMessageBuilder(StunMethod.BINDING, StunClass.REQUEST, TID).build();
        assertThat(StunMessage.looksLikeStun(stun, 0, stun.length)).isTrue();
        assertThat(StunMessage.looksLikeStun(stun, 0, 19)).isFalse();
        assertThat(StunMessage.looksLikeStun(stun, 1, stun.length)).isFalse();
        assertThat(StunMessage.looksLikeStun(null, 0, 20)).isFalse();
        byte[] dtls = stun.clone();
        dtls[0] = 22;
        assertThat(StunMessage.looksLikeStun(dtls, 0, dtls.length)).isFalse();
        byte[] ch = {0x40, 0, 0, 0};
        assertThat(ChannelData.looksLikeChannelData(ch, 0, 4)).isTrue();
        assertThat(ChannelData.looksLikeChannelData(stun, 0, stun.length)).isFalse();
    }
}
