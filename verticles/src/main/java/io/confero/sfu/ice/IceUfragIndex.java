package io.confero.sfu.ice;

import io.confero.media.stun.StunAttributeType;
import io.confero.media.stun.StunMessage;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds the transport a STUN check belongs to when many transports share one UDP socket: the
 * USERNAME of a check is {@code <receiver ufrag>:<sender ufrag>} (RFC 8445 §7.2.2), so its part
 * before ':' is one of our local ufrags. The scan reads attribute headers only, without a full parse.
 * Not thread-safe: owned by one worker.
 *
 * @param <T> the transport type
 */
public final class IceUfragIndex<T> {
    private static final int MAX_UFRAG_BYTES = 256;

    private final Map<String, T> byUfrag = new HashMap<>();

    /** Registers a transport under its local ufrag; a previous holder of the ufrag is replaced. */
    public void register(String localUfrag, T transport) {
        byUfrag.put(localUfrag, transport);
    }

    /** Forgets a ufrag. */
    public void unregister(String localUfrag) {
        byUfrag.remove(localUfrag);
    }

    public int size() {
        return byUfrag.size();
    }

    /** The transport whose local ufrag the STUN message in {@code buf} names, or null. */
    public T lookup(byte[] buf, int off, int len) {
        String ufrag = localUfragOf(buf, off, len);
        return ufrag == null ? null : byUfrag.get(ufrag);
    }

    /**
     * The USERNAME's part before the first ':' (or all of it without one), or null when the
     * datagram is not STUN, has no USERNAME, or is malformed. Never throws.
     */
    public static String localUfragOf(byte[] buf, int off, int len) {
        if (!StunMessage.looksLikeStun(buf, off, len)) {
            return null;
        }
        int end = off + Math.min(len, StunMessage.HEADER_LENGTH + u16(buf, off + 2));
        int pos = off + StunMessage.HEADER_LENGTH;
        while (end - pos >= 4) {
            int type = u16(buf, pos);
            int attrLen = u16(buf, pos + 2);
            if (attrLen > end - pos - 4) {
                return null;
            }
            if (type == StunAttributeType.USERNAME) {
                return ufragIn(buf, pos + 4, attrLen);
            }
            pos += 4 + ((attrLen + 3) & ~3);
        }
        return null;
    }

    private static String ufragIn(byte[] buf, int start, int attrLen) {
        int n = 0;
        while (n < attrLen && buf[start + n] != ':') {
            n++;
        }
        if (n == 0 || n > MAX_UFRAG_BYTES) {
            return null;
        }
        return new String(buf, start, n, StandardCharsets.UTF_8);
    }

    private static int u16(byte[] b, int off) {
        return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    }
}
