package io.confero.sfu.forward;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PacketCache: NACK lookups by seq across wrap, capacity and age limits, copies. */
class PacketCacheTest {

    private static byte[] packet(int seq, int len) {
        byte[] b = new byte[len];
        b[0] = (byte) seq;
        b[len - 1] = (byte) (seq >>> 8);
        return b;
    }

    @ParameterizedTest(name = "start {0}")
    @CsvSource({"0", "1", "32767", "32768", "65534", "65535"})
    void storesAndFindsAcrossWrap(int start) {
        PacketCache c = new PacketCache(64, 1000);
        for (int i = 0; i < 100; i++) {
            int seq = (start + i) & 0xFFFF;
            c.put(seq, packet(seq, 100 + i), 0, 100 + i, i);
        }
        for (int i = 36; i < 100; i++) {
            int seq = (start + i) & 0xFFFF;
            PacketCache.Entry e = c.get(seq, 100);
            assertThat(e).as("seq %d", seq).isNotNull();
            assertThat(e.length()).isEqualTo(100 + i);
            assertThat(e.sequenceNumber()).isEqualTo(seq);
            assertThat(e.buffer()[0]).isEqualTo((byte) seq);
        }
        assertThat(c.get((start + 35) & 0xFFFF, 100)).isNull();
        assertThat(c.get((start + 100) & 0xFFFF, 100)).isNull();
    }

    @Test
    void expiresByAge() {
        PacketCache c = new PacketCache(1000, 1000);
        assertThat(c.capacity()).isEqualTo(1024);
        c.put(5, packet(5, 20), 0, 20, 10_000);
        assertThat(c.get(5, 11_000)).isNotNull();
        assertThat(c.get(5, 11_001)).isNull();
    }

    @Test
    void copiesBytesInAndOut() {
        PacketCache c = PacketCache.withDefaults();
        byte[] src = new byte[] {9, 9, 1, 2, 3, 9};
        c.put(7, src, 2, 3, 0);
        src[2] = 0;
        byte[] dst = new byte[10];
        assertThat(c.copyTo(7, 0, dst, 4)).isEqualTo(3);
        assertThat(dst).containsExactly(0, 0, 0, 0, 1, 2, 3, 0, 0, 0);
        assertThat(c.copyTo(8, 0, dst, 0)).isEqualTo(-1);
    }

    @Test
    void reorderedOldPacketsAreStoredAndTooOldIgnored() {
        PacketCache c = new PacketCache(16, 1000);
        c.put(100, packet(100, 10), 0, 10, 0);
        c.put(98, packet(98, 10), 0, 10, 0);
        assertThat(c.get(98, 0)).isNotNull();
        c.put(84, packet(84, 10), 0, 10, 0);
        assertThat(c.get(84, 0)).isNull();
        assertThat(c.get(100, 0).buffer()[0]).isEqualTo((byte) 100);
    }

    @Test
    void largerPacketGrowsSlotBuffer() {
        PacketCache c = new PacketCache(2, 1000);
        c.put(1, packet(1, 100), 0, 100, 0);
        c.put(3, packet(3, 3000), 0, 3000, 0);
        assertThat(c.get(3, 0).length()).isEqualTo(3000);
        assertThat(c.get(1, 0)).isNull();
    }

    @Test
    void emptyCacheFindsNothing() {
        assertThat(PacketCache.withDefaults().get(0, 0)).isNull();
    }
}
