package io.confero.media.stun;

import java.nio.charset.StandardCharsets;

/**
 * ERROR-CODE attribute value (RFC 8489 §14.8): 21 reserved bits, class (3 bits, 3..6), number
 * (0..99), UTF-8 reason phrase. Also the value format of ADDRESS-ERROR-CODE (RFC 8656 §18.13),
 * which carries the address family in its first byte ({@link #family}, 0 for ERROR-CODE).
 */
public record StunErrorCode(int family, int code, String reason) {
    public static final int TRY_ALTERNATE = 300;
    public static final int BAD_REQUEST = 400;
    public static final int UNAUTHENTICATED = 401;
    public static final int FORBIDDEN = 403;
    public static final int UNKNOWN_ATTRIBUTE = 420;
    public static final int ALLOCATION_MISMATCH = 437;
    public static final int STALE_NONCE = 438;
    public static final int ADDRESS_FAMILY_NOT_SUPPORTED = 440;
    public static final int WRONG_CREDENTIALS = 441;
    public static final int UNSUPPORTED_TRANSPORT_PROTOCOL = 442;
    public static final int PEER_ADDRESS_FAMILY_MISMATCH = 443;
    public static final int ALLOCATION_QUOTA_REACHED = 486;
    public static final int SERVER_ERROR = 500;
    public static final int INSUFFICIENT_CAPACITY = 508;

    public StunErrorCode {
        if (code < 300 || code > 699) {
            throw new IllegalArgumentException("error code out of range: " + code);
        }
        if (family < 0 || family > 0xFF) {
            throw new IllegalArgumentException("family out of range: " + family);
        }
        reason = reason == null ? "" : reason;
    }

    /** An ERROR-CODE value. */
    public static StunErrorCode of(int code, String reason) {
        return new StunErrorCode(0, code, reason);
    }

    public int encodedLength() {
        return 4 + reason.getBytes(StandardCharsets.UTF_8).length;
    }

    public int writeTo(byte[] buf, int off) {
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        buf[off] = (byte) family;
        buf[off + 1] = 0;
        buf[off + 2] = (byte) (code / 100);
        buf[off + 3] = (byte) (code % 100);
        System.arraycopy(r, 0, buf, off + 4, r.length);
        return 4 + r.length;
    }

    public static StunErrorCode parse(byte[] buf, int off, int len) throws StunParseException {
        if (len < 4 || len > 4 + 763) {
            throw new StunParseException("ERROR-CODE length " + len);
        }
        int cls = buf[off + 2] & 0x07;
        int number = buf[off + 3] & 0xFF;
        if (cls < 3 || cls > 6 || number > 99) {
            throw new StunParseException("ERROR-CODE out of range");
        }
        String reason = new String(buf, off + 4, len - 4, StandardCharsets.UTF_8);
        return new StunErrorCode(buf[off] & 0xFF, cls * 100 + number, reason);
    }
}
