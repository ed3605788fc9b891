package io.confero.media.stun;

import java.util.Arrays;

/**
 * TURN ChannelData message (RFC 8656 §12.4): 2-byte channel number (0x4000-0x4FFF), 2-byte
 * length, application data. Over UDP the padding is optional; over TCP/TLS the message is padded
 * to a multiple of 4 bytes (§12.5), so {@link #parse} accepts up to 3 trailing bytes.
 */
public record ChannelData(int channel, byte[] data) {
    public static final int HEADER_LENGTH = 4;
    public static final int MIN_CHANNEL = 0x4000;
    public static final int MAX_CHANNEL = 0x4FFF;

    public ChannelData {
        if (!isValidChannel(channel)) {
            throw new IllegalArgumentException("channel out of range: " + channel);
        }
        if (data.length > 0xFFFF) {
            throw new IllegalArgumentException("ChannelData longer than 65535");
        }
    }

    public static boolean isValidChannel(int channel) {
        return channel >= MIN_CHANNEL && channel <= MAX_CHANNEL;
    }

    /** RFC 7983 demux: first byte 64..79 and at least a header's worth of bytes. */
    public static boolean looksLikeChannelData(byte[] b, int off, int len) {
        return b != null && off >= 0 && len >= HEADER_LENGTH && off <= b.length - len
                && (b[off] & 0xF0) == 0x40;
    }

    /**
     * Total framed size of the ChannelData message starting at {@code off} when read from a stream
     * (header + data + padding to 4, RFC 8656 §12.5), or -1 if fewer than 4 bytes are available.
     */
    public static int streamFrameLength(byte[] b, int off, int available) {
        if (available < HEADER_LENGTH) {
            return -1;
        }
        int len = StunMessage.readShort(b, off + 2);
        return HEADER_LENGTH + ((len + 3) & ~3);
    }

    /** Parses a ChannelData datagram (or stream frame with padding). */
    public static ChannelData parse(byte[] buf, int off, int len) throws StunParseException {
        if (buf == null || off < 0 || len < 0 || off > buf.length - len) {
            throw new StunParseException("buffer bounds");
        }
        if (len < HEADER_LENGTH) {
            throw new StunParseException("shorter than a ChannelData header");
        }
        int channel = StunMessage.readShort(buf, off);
        if (!isValidChannel(channel)) {
            throw new StunParseException("channel number out of range: 0x" + Integer.toHexString(channel));
        }
        int dataLen = StunMessage.readShort(buf, off + 2);
        if (dataLen > len - HEADER_LENGTH || len - HEADER_LENGTH - dataLen > 3) {
            throw new StunParseException("ChannelData length " + dataLen + " does not match " + (len - HEADER_LENGTH));
        }
        return new ChannelData(channel, Arrays.copyOfRange(buf, off + HEADER_LENGTH, off + HEADER_LENGTH + dataLen));
    }

    /** Unpadded size (UDP). */
    public int encodedLength() {
        return HEADER_LENGTH + data.length;
    }

    /** Size padded to a multiple of 4 (TCP/TLS). */
    public int paddedLength() {
        return HEADER_LENGTH + ((data.length + 3) & ~3);
    }

    /** Writes the unpadded form. */
    public int writeTo(byte[] buf, int off) {
        return writeHeaderAndData(channel, data, 0, data.length, buf, off);
    }

    /** Writes the padded (stream) form, zero padding. */
    public int writePaddedTo(byte[] buf, int off) {
        int n = writeTo(buf, off);
        int padded = paddedLength();
        Arrays.fill(buf, off + n, off + padded, (byte) 0);
        return padded;
    }

    /** Writes header + data without building a record (hot relay path). */
    public static int writeHeaderAndData(int channel, byte[] data, int dataOff, int dataLen, byte[] buf, int off) {
        buf[off] = (byte) (channel >>> 8);
        buf[off + 1] = (byte) channel;
        buf[off + 2] = (byte) (dataLen >>> 8);
        buf[off + 3] = (byte) dataLen;
        System.arraycopy(data, dataOff, buf, off + HEADER_LENGTH, dataLen);
        return HEADER_LENGTH + dataLen;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelData c && c.channel == channel && Arrays.equals(c.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * channel + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "ChannelData[channel=0x" + Integer.toHexString(channel) + ", length=" + data.length + "]";
    }
}
