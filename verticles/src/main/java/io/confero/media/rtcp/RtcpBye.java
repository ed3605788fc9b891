package io.confero.media.rtcp;

import io.confero.media.rtp.Bytes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Goodbye (RFC 3550 §6.6), PT=203: SSRC/CSRC list and an optional reason (length-prefixed
 * UTF-8, padded to 32 bits with zeros).
 *
 * @param reason the reason text, or {@code null} when absent
 */
public record RtcpBye(List<Integer> ssrcs, String reason) implements RtcpPacket {
    public RtcpBye {
        ssrcs = List.copyOf(ssrcs);
        if (ssrcs.size() > 31) {
            throw new IllegalArgumentException("at most 31 SSRCs");
        }
        if (reason != null && reason.getBytes(StandardCharsets.UTF_8).length > 255) {
            throw new IllegalArgumentException("reason longer than 255 bytes");
        }
    }

    public static RtcpBye parse(byte[] b, int off, int len) throws RtcpException {
        int total = RtcpHeader.check(b, off, len, RtcpHeader.BYE);
        int end = off + RtcpHeader.unpadded(b, off, total);
        int sc = RtcpHeader.count(b, off);
        int i = off + 4;
        if (i + 4 * sc > end) {
            throw new RtcpException("BYE shorter than its source count");
        }
        List<Integer> ssrcs = new ArrayList<>(sc);
        for (int k = 0; k < sc; k++, i += 4) {
            ssrcs.add(Bytes.i32(b, i));
        }
        String reason = null;
        if (i < end) {
            int n = b[i] & 0xFF;
            if (i + 1 + n > end) {
                throw new RtcpException("BYE reason truncated");
            }
            reason = new String(b, i + 1, n, StandardCharsets.UTF_8);
        }
        return new RtcpBye(ssrcs, reason);
    }

    private int reasonLength() {
        return reason == null ? 0 : reason.getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public int encodedLength() {
        int n = 4 + 4 * ssrcs.size();
        return reason == null ? n : n + ((1 + reasonLength() + 3) & ~3);
    }

    @Override
    public int writeTo(byte[] b, int off) {
        int n = encodedLength();
        RtcpHeader.checkSpace(b, off, n);
        Arrays.fill(b, off, off + n, (byte) 0);
        RtcpHeader.write(b, off, ssrcs.size(), RtcpHeader.BYE, n);
        int i = off + 4;
        for (int ssrc : ssrcs) {
            Bytes.put32(b, i, ssrc);
            i += 4;
        }
        if (reason != null) {
            byte[] text = reason.getBytes(StandardCharsets.UTF_8);
            b[i] = (byte) text.length;
            System.arraycopy(text, 0, b, i + 1, text.length);
        }
        return n;
    }
}
