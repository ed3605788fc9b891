package io.confero.media.rtcp;

import io.confero.media.rtp.Bytes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Source description (RFC 3550 §6.5), PT=202: chunks of (SSRC, items), each chunk terminated by
 * a null item and padded to a 32-bit boundary.
 */
public record RtcpSdes(List<Chunk> chunks) implements RtcpPacket {
    /** SDES item type CNAME (RFC 3550 §6.5.1). */
    public static final int CNAME = 1;

    public RtcpSdes {
        chunks = List.copyOf(chunks);
        if (chunks.size() > 31) {
            throw new IllegalArgumentException("at most 31 chunks");
        }
    }

    /** One SDES item; {@code value} is at most 255 bytes. */
    public record Item(int type, byte[] value) {
        public Item {
            if (type < 1 || type > 255 || value.length > 255) {
                throw new IllegalArgumentException("bad SDES item");
            }
            value = value.clone();
        }

        @Override
        public byte[] value() { return value.clone(); }

        public String text() { return new String(value, StandardCharsets.UTF_8); }

        @Override
        public boolean equals(Object o) {
            return o instanceof Item i && i.type == type && Arrays.equals(i.value, value);
        }

        @Override
        public int hashCode() { return 31 * type + Arrays.hashCode(value); }

        @Override
        public String toString() { return "Item[" + type + "=" + text() + "]"; }
    }

    /** One chunk: the SSRC/CSRC and its items. */
    public record Chunk(int ssrc, List<Item> items) {
        public Chunk {
            items = List.copyOf(items);
        }

        /** The CNAME item's text, or {@code null}. */
        public String cname() {
            return items.stream().filter(i -> i.type() == CNAME).map(Item::text).findFirst().orElse(null);
        }

        int encodedLength() {
            int n = 4;
            for (Item i : items) {
                n += 2 + i.value.length;
            }
            return (n + 4) & ~3;
        }
    }

    /** A single-chunk SDES carrying only a CNAME. */
    public static RtcpSdes cname(int ssrc, String cname) {
        Item item = new Item(CNAME, cname.getBytes(StandardCharsets.UTF_8));
        return new RtcpSdes(List.of(new Chunk(ssrc, List.of(item))));
    }

    public static RtcpSdes parse(byte[] b, int off, int len) throws RtcpException {
        int total = RtcpHeader.check(b, off, len, RtcpHeader.SDES);
        int end = off + RtcpHeader.unpadded(b, off, total);
        int sc = RtcpHeader.count(b, off);
        List<Chunk> chunks = new ArrayList<>(sc);
        int i = off + 4;
        for (int c = 0; c < sc; c++) {
            if (i + 4 > end) {
                throw new RtcpException("SDES chunk truncated");
            }
            int ssrc = Bytes.i32(b, i);
            List<Item> items = new ArrayList<>();
            i = readItems(b, off, i + 4, end, items);
            chunks.add(new Chunk(ssrc, items));
        }
        return new RtcpSdes(chunks);
    }

    /** Reads items up to the null terminator; returns the next chunk's 32-bit-aligned offset. */
    private static int readItems(byte[] b, int base, int i, int end, List<Item> items) throws RtcpException {
        while (true) {
            if (i >= end) {
                throw new RtcpException("SDES chunk without terminator");
            }
            int type = b[i] & 0xFF;
            if (type == 0) {
                int next = base + (((i - base) + 4) & ~3);
                if (next > end) {
                    throw new RtcpException("SDES chunk padding truncated");
                }
                return next;
            }
            if (i + 2 > end || i + 2 + (b[i + 1] & 0xFF) > end) {
                throw new RtcpException("SDES item truncated");
            }
            int n = b[i + 1] & 0xFF;
            items.add(new Item(type, Arrays.copyOfRange(b, i + 2, i + 2 + n)));
            i += 2 + n;
        }
    }

    @Override
    public int encodedLength() {
        int n = 4;
        for (Chunk c : chunks) {
            n += c.encodedLength();
        }
        return n;
    }

    @Override
    public int writeTo(byte[] b, int off) {
        int n = encodedLength();
        RtcpHeader.checkSpace(b, off, n);
        Arrays.fill(b, off, off + n, (byte) 0);
        RtcpHeader.write(b, off, chunks.size(), RtcpHeader.SDES, n);
        int i = off + 4;
        for (Chunk c : chunks) {
            Bytes.put32(b, i, c.ssrc());
            int j = i + 4;
            for (Item item : c.items()) {
                b[j] = (byte) item.type();
                b[j + 1] = (byte) item.value.length;
                System.arraycopy(item.value, 0, b, j + 2, item.value.length);
                j += 2 + item.value.length;
            }
            i += c.encodedLength();
        }
        return n;
    }
}
