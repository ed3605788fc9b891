package io.confero.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 3550 §A.1 / RFC 1982 serial arithmetic: the 16-bit wrap table and 32-bit timestamps. */
class SeqNumWrapTest {

    @ParameterizedTest(name = "diff({0},{1})={2} newer={3}")
    @CsvSource({
        "0,     0,     0,      false",
        "1,     0,     1,      true",
        "0,     1,     -1,     false",
        "0,     65535, 1,      true",
        "65535, 0,     -1,     false",
        "32767, 0,     32767,  true",
        "32768, 0,     -32768, false",
        "0,     32768, -32768, false",
        "65534, 65535, -1,     false",
        "1,     65534, 3,      true",
        "32768, 1,     32767,  true",
        "65535, 32768, 32767,  true",
    })
    void sixteenBitDiffAndIsNewer(int a, int b, int diff, boolean newer) {
        assertThat(SeqNum.diff(a, b)).isEqualTo(diff);
        assertThat(SeqNum.isNewer(a, b)).isEqualTo(newer);
    }

    @ParameterizedTest(name = "{0}+{1}={2}")
    @CsvSource({"0,1,1", "65535,1,0", "65534,3,1", "32767,1,32768", "0,-1,65535", "32768,32768,0"})
    void sixteenBitAdd(int seq, int delta, int expected) {
        assertThat(SeqNum.add(seq, delta)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "start {0}")
    @CsvSource({"0", "1", "32767", "32768", "65534", "65535"})
    void unwrapperIsMonotonicAcrossWrap(int start) {
        SeqUnwrapper u = new SeqUnwrapper();
        long first = u.unwrap(start);
        assertThat(first).isEqualTo(start);
        for (int i = 1; i <= 70000; i++) {
            assertThat(u.unwrap((start + i) & 0xFFFF)).isEqualTo(start + (long) i);
        }
    }

    @Test
    void unwrapperHandlesReorderingAroundWrap() {
        SeqUnwrapper u = new SeqUnwrapper();
        assertThat(u.unwrap(65534)).isEqualTo(65534);
        assertThat(u.unwrap(1)).isEqualTo(65537);
        assertThat(u.unwrap(65535)).isEqualTo(65535);
        assertThat(u.unwrap(0)).isEqualTo(65536);
        assertThat(u.peek(2)).isEqualTo(65538);
        assertThat(u.last()).isEqualTo(65536);
    }

    @Test
    void unwrapperGoesBelowZeroForPacketsOlderThanTheFirst() {
        SeqUnwrapper u = new SeqUnwrapper();
        u.unwrap(0);
        assertThat(u.unwrap(65535)).isEqualTo(-1);
    }

    @ParameterizedTest(name = "ts diff({0},{1})={2}")
    @CsvSource({
        "0,          0,          0",
        "1,          0,          1",
        "0,          4294967295, 1",
        "4294967295, 0,          -1",
        "2147483647, 0,          2147483647",
        "2147483648, 0,          -2147483648",
        "90000,      4294940000, 117296",
    })
    void thirtyTwoBitTimestampDiff(long a, long b, long diff) {
        assertThat(TimestampNum.diff(a, b)).isEqualTo(diff);
        assertThat(TimestampNum.isNewer(a, b)).isEqualTo(diff > 0);
    }

    @Test
    void timestampAddAndUnwrap() {
        assertThat(TimestampNum.add(0xFFFFFFFFL, 1)).isZero();
        assertThat(TimestampNum.add(0, -1)).isEqualTo(0xFFFFFFFFL);
        TimestampUnwrapper u = new TimestampUnwrapper();
        assertThat(u.unwrap(0xFFFFFF00L)).isEqualTo(0xFFFFFF00L);
        assertThat(u.unwrap(0x100)).isEqualTo(0x1_0000_0100L);
        assertThat(u.unwrap(0xFFFFFFF0L)).isEqualTo(0xFFFFFFF0L);
        assertThat(u.last()).isEqualTo(0xFFFFFFF0L);
    }
}
