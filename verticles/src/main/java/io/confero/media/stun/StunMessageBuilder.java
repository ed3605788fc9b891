package io.confero.media.stun;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes a STUN message (RFC 8489 §5, §14). Attributes are appended in call order, each padded
 * to 4 bytes (zero padding by default, §14; {@link #paddingByte} exists so RFC 5769's
 * space-padded vectors can be reproduced). {@link #addMessageIntegrity}, {@link
 * #addMessageIntegritySha256} and {@link #addFingerprint} compute their values over what has been
 * written so far with the length field adjusted as §14.5-§14.7 require, so call them last.
 */
public final class StunMessageBuilder {
    private static final int MAX_LENGTH = 0xFFFF + StunMessage.HEADER_LENGTH;

    private byte[] buf = new byte[128];
    private int pos = StunMessage.HEADER_LENGTH;
    private byte padding;
    private final byte[] transactionId;

    public StunMessageBuilder(int method, StunClass cls, byte[] transactionId) {
        if (transactionId == null || transactionId.length != 12) {
            throw new IllegalArgumentException("transaction id must be 12 bytes");
        }
        this.transactionId = transactionId.clone();
        int type = StunMethod.messageType(method, cls);
        buf[0] = (byte) (type >>> 8);
        buf[1] = (byte) type;
        writeInt(4, StunMessage.MAGIC_COOKIE);
        System.arraycopy(transactionId, 0, buf, 8, 12);
    }

    /** Byte used to pad attribute values (0 by default; RFC 8489 §14 says receivers ignore it). */
    public StunMessageBuilder paddingByte(int b) {
        this.padding = (byte) b;
        return this;
    }

    /** Appends a raw attribute. */
    public StunMessageBuilder add(int type, byte[] value) {
        return add(type, value, 0, value.length);
    }

    public StunMessageBuilder add(int type, byte[] value, int off, int len) {
        int start = begin(type, len);
        System.arraycopy(value, off, buf, start, len);
        return end(start, len);
    }

    public StunMessageBuilder addString(int type, String value) {
        return add(type, value.getBytes(StandardCharsets.UTF_8));
    }

    public StunMessageBuilder addUInt32(int type, long value) {
        int start = begin(type, 4);
        writeInt(start, (int) value);
        return end(start, 4);
    }

    public StunMessageBuilder addUInt64(int type, long value) {
        int start = begin(type, 8);
        writeInt(start, (int) (value >>> 32));
        writeInt(start + 4, (int) value);
        return end(start, 8);
    }

    /** A 4-byte value whose first byte is {@code b} (REQUESTED-TRANSPORT, REQUESTED-ADDRESS-FAMILY). */
    public StunMessageBuilder addFirstByteOf4(int type, int b) {
        return addUInt32(type, (b & 0xFFL) << 24);
    }

    /** CHANNEL-NUMBER (RFC 8656 §18.1). */
    public StunMessageBuilder addChannelNumber(int channel) {
        return addUInt32(StunAttributeType.CHANNEL_NUMBER, (channel & 0xFFFFL) << 16);
    }

    /** An attribute with an empty value (USE-CANDIDATE, DONT-FRAGMENT). */
    public StunMessageBuilder addFlag(int type) {
        return add(type, new byte[0]);
    }

    /** EVEN-PORT (RFC 8656 §18.7). */
    public StunMessageBuilder addEvenPort(boolean reserve) {
        return add(StunAttributeType.EVEN_PORT, new byte[] {(byte) (reserve ? 0x80 : 0)});
    }

    public StunMessageBuilder addAddress(int type, InetSocketAddress address) {
        int len = StunAddress.valueLength(address);
        int start = begin(type, len);
        StunAddress.write(address, null, buf, start);
        return end(start, len);
    }

    public StunMessageBuilder addXorAddress(int type, InetSocketAddress address) {
        int len = StunAddress.valueLength(address);
        int start = begin(type, len);
        StunAddress.write(address, transactionId, buf, start);
        return end(start, len);
    }

    public StunMessageBuilder addErrorCode(int code, String reason) {
        return addErrorCode(StunAttributeType.ERROR_CODE, StunErrorCode.of(code, reason));
    }

    public StunMessageBuilder addErrorCode(int type, StunErrorCode error) {
        int len = error.encodedLength();
        int start = begin(type, len);
        error.writeTo(buf, start);
        return end(start, len);
    }

    /** UNKNOWN-ATTRIBUTES (RFC 8489 §14.9). */
    public StunMessageBuilder addUnknownAttributes(int... attributeTypes) {
        int len = 2 * attributeTypes.length;
        int start = begin(StunAttributeType.UNKNOWN_ATTRIBUTES, len);
        for (int k = 0; k < attributeTypes.length; k++) {
            buf[start + 2 * k] = (byte) (attributeTypes[k] >>> 8);
            buf[start + 2 * k + 1] = (byte) attributeTypes[k];
        }
        return end(start, len);
    }

    /** MESSAGE-INTEGRITY: HMAC-SHA1 with the length covering this attribute (§14.5). */
    public StunMessageBuilder addMessageIntegrity(byte[] key) {
        return addHmac(StunAttributeType.MESSAGE_INTEGRITY, "HmacSHA1", key);
    }

    /** MESSAGE-INTEGRITY-SHA256, untruncated (§14.6). */
    public StunMessageBuilder addMessageIntegritySha256(byte[] key) {
        return addHmac(StunAttributeType.MESSAGE_INTEGRITY_SHA256, "HmacSHA256", key);
    }

    private StunMessageBuilder addHmac(int type, String algorithm, byte[] key) {
        int macLen = type == StunAttributeType.MESSAGE_INTEGRITY ? 20 : 32;
        int before = pos;
        byte[] mac = StunCrypto.hmacWithLength(algorithm, key, buf, 0, before, before + 4 + macLen - StunMessage.HEADER_LENGTH);
        return add(type, mac);
    }

    /** FINGERPRINT: CRC-32 XOR 0x5354554E with the length covering this attribute (§14.7). */
    public StunMessageBuilder addFingerprint() {
        int before = pos;
        int crc = StunCrypto.fingerprint(buf, 0, before, before + 8 - StunMessage.HEADER_LENGTH);
        return addUInt32(StunAttributeType.FINGERPRINT, crc & 0xFFFFFFFFL);
    }

    public int encodedLength() {
        return pos;
    }

    public int writeTo(byte[] out, int off) {
        System.arraycopy(buf, 0, out, off, pos);
        return pos;
    }

    public byte[] build() {
        return Arrays.copyOf(buf, pos);
    }

    private int begin(int type, int len) {
        int padded = (len + 3) & ~3;
        if (pos + 4 + padded > MAX_LENGTH) {
            throw new IllegalArgumentException("STUN message would exceed 65535 bytes of attributes");
        }
        if (pos + 4 + padded > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + 4 + padded));
        }
        buf[pos] = (byte) (type >>> 8);
        buf[pos + 1] = (byte) type;
        buf[pos + 2] = (byte) (len >>> 8);
        buf[pos + 3] = (byte) len;
        return pos + 4;
    }

    private StunMessageBuilder end(int start, int len) {
        int padded = (len + 3) & ~3;
        Arrays.fill(buf, start + len, start + padded, padding);
        pos = start + padded;
        int bodyLen = pos - StunMessage.HEADER_LENGTH;
        buf[2] = (byte) (bodyLen >>> 8);
        buf[3] = (byte) bodyLen;
        return this;
    }

    private void writeInt(int off, int v) {
        buf[off] = (byte) (v >>> 24);
        buf[off + 1] = (byte) (v >>> 16);
        buf[off + 2] = (byte) (v >>> 8);
        buf[off + 3] = (byte) v;
    }
}
