package io.confero.media.stun;

/**
 * STUN method numbers (RFC 8489 §18.2, RFC 8656 §17) and the message-type arithmetic of
 * RFC 8489 §5: the 12 method bits M11..M0 are interleaved with the class bits C1 C0 as
 * {@code M11..M7 C1 M6..M4 C0 M3..M0}.
 */
public final class StunMethod {
    public static final int BINDING = 0x001;
    public static final int ALLOCATE = 0x003;
    public static final int REFRESH = 0x004;
    public static final int SEND = 0x006;
    public static final int DATA = 0x007;
    public static final int CREATE_PERMISSION = 0x008;
    public static final int CHANNEL_BIND = 0x009;

    private StunMethod() {
    }

    /** Builds the 14-bit message type from a 12-bit method and a class (RFC 8489 §5). */
    public static int messageType(int method, StunClass cls) {
        if (method < 0 || method > 0xFFF) {
            throw new IllegalArgumentException("method out of range: " + method);
        }
        int c = cls.bits();
        return (method & 0x000F) | ((method & 0x0070) << 1) | ((method & 0x0F80) << 2)
                | ((c & 0b01) << 4) | ((c & 0b10) << 7);
    }

    /** Extracts the 12-bit method from a message type. */
    public static int methodOf(int messageType) {
        return (messageType & 0x000F) | ((messageType & 0x00E0) >> 1) | ((messageType & 0x3E00) >> 2);
    }

    /** Extracts the class from a message type. */
    public static StunClass classOf(int messageType) {
        return StunClass.ofBits(((messageType >> 4) & 0b01) | ((messageType >> 7) & 0b10));
    }
}
