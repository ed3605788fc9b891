package io.confero.media.stun;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A parsed STUN message (RFC 8489 §5, §14): header (type, length, magic cookie, 96-bit
 * transaction id) and attributes, held over a private copy of the wire bytes so that
 * MESSAGE-INTEGRITY and FINGERPRINT can be checked against exactly what was received.
 *
 * <p>Parsing is strict: the first two bits are zero, the cookie is 0x2112A442, the length is a
 * multiple of 4 and equals the bytes that follow the header, and every attribute with its padding
 * lies inside the message. Attributes after MESSAGE-INTEGRITY other than MESSAGE-INTEGRITY-SHA256
 * and FINGERPRINT, and anything after FINGERPRINT, are ignored (§14.5, §14.7). Typed accessors
 * return {@code null} when the attribute is absent and throw {@link StunParseException} when
 * its value is malformed.
 */
public final class StunMessage {
    public static final int MAGIC_COOKIE = 0x2112A442;
    public static final int HEADER_LENGTH = 20;

    private final byte[] bytes;
    private final int[] types;
    private final int[] offsets;
    private final int[] lengths;
    private final int count;
    private final int integrityIndex;
    private final int integritySha256Index;
    private final int fingerprintIndex;

    private StunMessage(byte[] bytes, int[] types, int[] offsets, int[] lengths, int count) {
        this.bytes = bytes;
        this.types = types;
        this.offsets = offsets;
        this.lengths = lengths;
        this.count = count;
        this.integrityIndex = indexOf(StunAttributeType.MESSAGE_INTEGRITY);
        this.integritySha256Index = indexOf(StunAttributeType.MESSAGE_INTEGRITY_SHA256);
        this.fingerprintIndex = indexOf(StunAttributeType.FINGERPRINT);
    }

    /**
     * RFC 7983 §7 demultiplexing plus the RFC 8489 §6 cookie check: first byte 0..3, at least a
     * header's worth of bytes, magic cookie in place.
     */
    public static boolean looksLikeStun(byte[] b, int off, int len) {
        if (b == null || off < 0 || len < HEADER_LENGTH || off > b.length - len) {
            return false;
        }
        return (b[off] & 0xFF) <= 3 && readInt(b, off + 4) == MAGIC_COOKIE;
    }

    /** Parses exactly {@code len} bytes as one STUN message. */
    public static StunMessage parse(byte[] buf, int off, int len) throws StunParseException {
        if (buf == null || off < 0 || len < 0 || off > buf.length - len) {
            throw new StunParseException("buffer bounds");
        }
        if (len < HEADER_LENGTH) {
            throw new StunParseException("shorter than a STUN header");
        }
        if ((buf[off] & 0xC0) != 0) {
            throw new StunParseException("first two bits not zero");
        }
        if (readInt(buf, off + 4) != MAGIC_COOKIE) {
            throw new StunParseException("bad magic cookie");
        }
        int bodyLen = readShort(buf, off + 2);
        if ((bodyLen & 3) != 0) {
            throw new StunParseException("length not a multiple of 4");
        }
        if (bodyLen != len - HEADER_LENGTH) {
            throw new StunParseException("length field " + bodyLen + " does not match " + (len - HEADER_LENGTH));
        }
        byte[] copy = Arrays.copyOfRange(buf, off, off + len);
        return parseAttributes(copy);
    }

    private static StunMessage parseAttributes(byte[] b) throws StunParseException {
        int max = (b.length - HEADER_LENGTH) / 4;
        int[] types = new int[max];
        int[] offsets = new int[max];
        int[] lengths = new int[max];
        int n = 0;
        int pos = HEADER_LENGTH;
        boolean afterIntegrity = false;
        while (pos < b.length) {
            if (b.length - pos < 4) {
                throw new StunParseException("truncated attribute header");
            }
            int type = readShort(b, pos);
            int len = readShort(b, pos + 2);
            int padded = (len + 3) & ~3;
            if (padded > b.length - pos - 4) {
                throw new StunParseException("attribute 0x" + Integer.toHexString(type) + " overruns message");
            }
            boolean keep = !afterIntegrity || type == StunAttributeType.MESSAGE_INTEGRITY_SHA256
                    || type == StunAttributeType.FINGERPRINT;
            if (keep) {
                types[n] = type;
                offsets[n] = pos + 4;
                lengths[n] = len;
                n++;
            }
            if (type == StunAttributeType.MESSAGE_INTEGRITY || type == StunAttributeType.MESSAGE_INTEGRITY_SHA256) {
                afterIntegrity = true;
            }
            pos += 4 + padded;
            if (type == StunAttributeType.FINGERPRINT) {
                break;
            }
        }
        return new StunMessage(b, types, offsets, lengths, n);
    }

    public int messageType() {
        return readShort(bytes, 0);
    }

    public int method() {
        return StunMethod.methodOf(messageType());
    }

    public StunClass messageClass() {
        return StunMethod.classOf(messageType());
    }

    /** A copy of the 12-byte transaction id. */
    public byte[] transactionId() {
        return Arrays.copyOfRange(bytes, 8, HEADER_LENGTH);
    }

    public int attributeCount() {
        return count;
    }

    public int attributeType(int index) {
        return types[index];
    }

    /** A copy of the value of attribute {@code index} (without padding). */
    public byte[] attributeValue(int index) {
        return Arrays.copyOfRange(bytes, offsets[index], offsets[index] + lengths[index]);
    }

    /** Index of the first attribute of {@code type}, or -1. */
    public int indexOf(int type) {
        for (int i = 0; i < count; i++) {
            if (types[i] == type) {
                return i;
            }
        }
        return -1;
    }

    public boolean has(int type) {
        return indexOf(type) >= 0;
    }

    /** Value of the first attribute of {@code type}, or null. */
    public byte[] value(int type) {
        int i = indexOf(type);
        return i < 0 ? null : attributeValue(i);
    }

    /**
     * Comprehension-required attribute types (0x0000-0x7FFF) in this message that are not in
     * {@code understood}; a server answers 420 with UNKNOWN-ATTRIBUTES listing them (RFC 8489 §6.3.1).
     */
    public int[] unknownComprehensionRequired(int... understood) {
        int[] out = new int[count];
        int n = 0;
        for (int i = 0; i < count; i++) {
            int t = types[i];
            if (StunAttributeType.isComprehensionRequired(t) && !contains(understood, t) && !contains(out, n, t)) {
                out[n++] = t;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** UTF-8 value (USERNAME, REALM, NONCE, SOFTWARE, ...) or null; at most {@code maxBytes} bytes. */
    public String string(int type, int maxBytes) throws StunParseException {
        int i = indexOf(type);
        if (i < 0) {
            return null;
        }
        if (lengths[i] > maxBytes) {
            throw new StunParseException("attribute 0x" + Integer.toHexString(type) + " too long");
        }
        return new String(bytes, offsets[i], lengths[i], StandardCharsets.UTF_8);
    }

    public String username() throws StunParseException {
        return string(StunAttributeType.USERNAME, 513);
    }

    public String realm() throws StunParseException {
        return string(StunAttributeType.REALM, 763);
    }

    public String nonce() throws StunParseException {
        return string(StunAttributeType.NONCE, 763);
    }

    public String software() throws StunParseException {
        return string(StunAttributeType.SOFTWARE, 763);
    }

    /** A 32-bit unsigned value (PRIORITY, LIFETIME, FINGERPRINT) as a long, or -1 when absent. */
    public long uint32(int type) throws StunParseException {
        int i = requireLength(type, 4);
        return i < 0 ? -1 : readInt(bytes, offsets[i]) & 0xFFFFFFFFL;
    }

    /** A 64-bit value (ICE-CONTROLLING, ICE-CONTROLLED tie-breakers, RESERVATION-TOKEN); null when absent. */
    public Long uint64(int type) throws StunParseException {
        int i = requireLength(type, 8);
        if (i < 0) {
            return null;
        }
        return ((long) readInt(bytes, offsets[i]) << 32) | (readInt(bytes, offsets[i] + 4) & 0xFFFFFFFFL);
    }

    /** CHANNEL-NUMBER (RFC 8656 §18.1): the top 16 bits of a 4-byte value; -1 when absent. */
    public int channelNumber() throws StunParseException {
        int i = requireLength(StunAttributeType.CHANNEL_NUMBER, 4);
        return i < 0 ? -1 : readShort(bytes, offsets[i]);
    }

    /**
     * The first byte of a 4-byte value: REQUESTED-TRANSPORT protocol (RFC 8656 §18.10),
     * REQUESTED-ADDRESS-FAMILY / ADDITIONAL-ADDRESS-FAMILY family (§18.6, §18.11); -1 when absent.
     */
    public int firstByteOf4(int type) throws StunParseException {
        int i = requireLength(type, 4);
        return i < 0 ? -1 : bytes[offsets[i]] & 0xFF;
    }

    /** EVEN-PORT (RFC 8656 §18.7): null when absent, else whether the R bit is set. */
    public Boolean evenPortReserve() throws StunParseException {
        int i = requireLength(StunAttributeType.EVEN_PORT, 1);
        return i < 0 ? null : (bytes[offsets[i]] & 0x80) != 0;
    }

    /** MAPPED-ADDRESS / ALTERNATE-SERVER style plain address, or null. */
    public InetSocketAddress address(int type) throws StunParseException {
        int i = indexOf(type);
        return i < 0 ? null : StunAddress.read(bytes, offsets[i], lengths[i], null);
    }

    /** XOR-MAPPED-ADDRESS, XOR-PEER-ADDRESS (first), XOR-RELAYED-ADDRESS, or null. */
    public InetSocketAddress xorAddress(int type) throws StunParseException {
        int i = indexOf(type);
        return i < 0 ? null : StunAddress.read(bytes, offsets[i], lengths[i], transactionId());
    }

    /** Every XOR address of {@code type} in order (CreatePermission may carry several, RFC 8656 §9.1). */
    public InetSocketAddress[] xorAddresses(int type) throws StunParseException {
        InetSocketAddress[] out = new InetSocketAddress[count];
        int n = 0;
        byte[] tid = transactionId();
        for (int i = 0; i < count; i++) {
            if (types[i] == type) {
                out[n++] = StunAddress.read(bytes, offsets[i], lengths[i], tid);
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** ERROR-CODE, or null. */
    public StunErrorCode errorCode() throws StunParseException {
        int i = indexOf(StunAttributeType.ERROR_CODE);
        return i < 0 ? null : StunErrorCode.parse(bytes, offsets[i], lengths[i]);
    }

    /** ADDRESS-ERROR-CODE (RFC 8656 §18.13), or null. */
    public StunErrorCode addressErrorCode() throws StunParseException {
        int i = indexOf(StunAttributeType.ADDRESS_ERROR_CODE);
        return i < 0 ? null : StunErrorCode.parse(bytes, offsets[i], lengths[i]);
    }

    /** UNKNOWN-ATTRIBUTES (RFC 8489 §14.9) types, or null. */
    public int[] unknownAttributes() throws StunParseException {
        int i = indexOf(StunAttributeType.UNKNOWN_ATTRIBUTES);
        if (i < 0) {
            return null;
        }
        if ((lengths[i] & 1) != 0) {
            throw new StunParseException("UNKNOWN-ATTRIBUTES length odd");
        }
        int[] out = new int[lengths[i] / 2];
        for (int k = 0; k < out.length; k++) {
            out[k] = readShort(bytes, offsets[i] + 2 * k);
        }
        return out;
    }

    /** Whether MESSAGE-INTEGRITY is present and is the HMAC-SHA1 of the message under {@code key} (§14.5). */
    public boolean verifyMessageIntegrity(byte[] key) {
        return verifyHmac(integrityIndex, "HmacSHA1", 20, key);
    }

    /** Whether MESSAGE-INTEGRITY-SHA256 is present and matches (possibly truncated, §14.6). */
    public boolean verifyMessageIntegritySha256(byte[] key) {
        int i = integritySha256Index;
        if (i < 0 || lengths[i] < 16 || lengths[i] > 32 || (lengths[i] & 3) != 0) {
            return false;
        }
        return verifyHmac(i, "HmacSHA256", lengths[i], key);
    }

    private boolean verifyHmac(int i, String algorithm, int expectedLen, byte[] key) {
        if (i < 0 || lengths[i] != expectedLen) {
            return false;
        }
        int attrStart = offsets[i] - 4;
        int adjusted = attrStart + 4 + ((lengths[i] + 3) & ~3) - HEADER_LENGTH;
        byte[] mac = StunCrypto.hmacWithLength(algorithm, key, bytes, 0, attrStart, adjusted);
        byte[] got = Arrays.copyOfRange(bytes, offsets[i], offsets[i] + expectedLen);
        return MessageDigest.isEqual(Arrays.copyOf(mac, expectedLen), got);
    }

    public boolean hasMessageIntegrity() {
        return integrityIndex >= 0;
    }

    public boolean hasFingerprint() {
        return fingerprintIndex >= 0;
    }

    /** Whether FINGERPRINT is present, is the last attribute, and matches (§14.7). */
    public boolean verifyFingerprint() {
        int i = fingerprintIndex;
        if (i < 0 || lengths[i] != 4 || offsets[i] + 4 != bytes.length) {
            return false;
        }
        int attrStart = offsets[i] - 4;
        int expected = StunCrypto.fingerprint(bytes, 0, attrStart, bytes.length - HEADER_LENGTH);
        return expected == readInt(bytes, offsets[i]);
    }

    public int encodedLength() {
        return bytes.length;
    }

    /** Writes the message exactly as received. */
    public int writeTo(byte[] buf, int off) {
        System.arraycopy(bytes, 0, buf, off, bytes.length);
        return bytes.length;
    }

    /** A copy of the wire bytes. */
    public byte[] toBytes() {
        return bytes.clone();
    }

    private int requireLength(int type, int len) throws StunParseException {
        int i = indexOf(type);
        if (i >= 0 && lengths[i] != len) {
            throw new StunParseException("attribute 0x" + Integer.toHexString(type) + " length " + lengths[i]);
        }
        return i;
    }

    private static boolean contains(int[] a, int t) {
        return contains(a, a.length, t);
    }

    private static boolean contains(int[] a, int n, int t) {
        for (int k = 0; k < n; k++) {
            if (a[k] == t) {
                return true;
            }
        }
        return false;
    }

    static int readShort(byte[] b, int off) {
        return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    }

    static int readInt(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    @Override
    public String toString() {
        return "StunMessage[method=0x" + Integer.toHexString(method()) + ", class=" + messageClass()
                + ", attributes=" + count + ", length=" + bytes.length + "]";
    }
}
