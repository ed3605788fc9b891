package io.confero.media.srtp;

import org.jitsi.utils.ByteArrayBuffer;

/**
 * A fixed-capacity {@link ByteArrayBuffer} over a caller's array, reused for every packet of a
 * session. jitsi-srtp grows a packet by the tag length when protecting; this view allows growth only
 * into the room the caller left after the packet and never reallocates, so the result always lands
 * in the caller's array. {@link SrtpSession} checks the room before calling jitsi-srtp.
 */
final class PacketBuffer implements ByteArrayBuffer {
    private byte[] buffer;
    private int offset;
    private int length;

    /** Points this view at a packet. */
    PacketBuffer wrap(byte[] buf, int off, int len) {
        this.buffer = buf;
        this.offset = off;
        this.length = len;
        return this;
    }

    /** Drops the reference to the caller's array. */
    void clear() {
        this.buffer = null;
    }

    @Override
    public byte[] getBuffer() {
        return buffer;
    }

    @Override
    public int getOffset() {
        return offset;
    }

    @Override
    public int getLength() {
        return length;
    }

    @Override
    public void setLength(int len) {
        if (len < 0 || offset + len > buffer.length) {
            throw new IndexOutOfBoundsException("length " + len);
        }
        this.length = len;
    }

    @Override
    public void setOffset(int off) {
        if (off < 0 || off + length > buffer.length) {
            throw new IndexOutOfBoundsException("offset " + off);
        }
        this.offset = off;
    }

    @Override
    public boolean isInvalid() {
        return buffer == null;
    }

    @Override
    public void readRegionToBuff(int off, int len, byte[] outBuf) {
        System.arraycopy(buffer, offset + off, outBuf, 0, len);
    }

    @Override
    public void grow(int howMuch) {
        if (offset + length + howMuch > buffer.length) {
            throw new IndexOutOfBoundsException("no room for " + howMuch + " more bytes");
        }
    }

    @Override
    public void append(byte[] data, int len) {
        grow(len);
        System.arraycopy(data, 0, buffer, offset + length, len);
        length += len;
    }

    @Override
    public void shrink(int len) {
        if (len <= 0) {
            return;
        }
        length = Math.max(0, length - len);
    }
}
