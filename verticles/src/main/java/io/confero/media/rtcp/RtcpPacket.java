package io.confero.media.rtcp;

/**
 * Common shape of every RTCP packet codec in this package (RFC 3550 §6): a value that knows its
 * encoded size and writes itself; the matching {@code static parse(byte[], int, int)} lives on
 * each class.
 */
public interface RtcpPacket {
    /** Encoded size in bytes, a multiple of 4. */
    int encodedLength();

    /**
     * Writes the packet at {@code off}.
     *
     * @return bytes written, equal to {@link #encodedLength()}
     * @throws IllegalArgumentException if the buffer is too small
     */
    int writeTo(byte[] buf, int off);

    /** Convenience: a new array holding the encoded packet. */
    default byte[] toBytes() {
        byte[] out = new byte[encodedLength()];
        writeTo(out, 0);
        return out;
    }
}
