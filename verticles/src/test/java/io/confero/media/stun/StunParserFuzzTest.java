package io.confero.media.stun;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;

/**
 * Fuzz of every STUN/ChannelData parser (CONVENTIONS §2): random bytes, and RFC 5769 vectors
 * with bytes flipped, truncated or length fields rewritten. Only {@link StunParseException} may
 * escape; every accessor of a successfully parsed message is exercised too.
 */
class StunParserFuzzTest {
    private static final List<byte[]> SEEDS = List.of(Rfc5769StunVectorsTest.REQUEST, Rfc5769StunVectorsTest.IPV4_RESPONSE,
            Rfc5769StunVectorsTest.IPV6_RESPONSE, Rfc5769StunVectorsTest.LONG_TERM_REQUEST,
            Hex.parse("4001 0005 68656c6c6f 000000"));

    @Property(tries = 3000)
    void randomBytesOnlyThrowParseException(@ForAll @Size(max = 300) byte[] bytes) {
        exercise(bytes);
    }

    @Property(tries = 3000)
    void stunHeaderWithRandomBodyOnlyThrowsParseException(@ForAll @Size(max = 200) byte[] body) {
        int len = body.length & ~3;
        byte[] b = new byte[20 + len];
        b[1] = 1;
        b[2] = (byte) (len >> 8);
        b[3] = (byte) len;
        b[4] = 0x21;
        b[5] = 0x12;
        b[6] = (byte) 0xa4;
        b[7] = 0x42;
        System.arraycopy(body, 0, b, 20, len);
        exercise(b);
    }

    @Property(tries = 5000)
    void mutatedVectorsOnlyThrowParseException(@ForAll("mutated") byte[] bytes) {
        exercise(bytes);
    }

    @Provide
    Arbitrary<byte[]> mutated() {
        Arbitrary<byte[]> seed = Arbitraries.of(SEEDS);
        Arbitrary<List<Tuple.Tuple2<Integer, Integer>>> flips = Arbitraries.integers().between(0, 1000)
                .flatMap(pos -> Arbitraries.integers().between(0, 255).map(v -> Tuple.of(pos, v)))
                .list().ofMaxSize(6);
        return net.jqwik.api.Combinators.combine(seed, flips, Arbitraries.integers().between(0, 120))
                .as((s, fl, cut) -> {
                    byte[] b = s.clone();
                    for (Tuple.Tuple2<Integer, Integer> f : fl) {
                        b[f.get1() % b.length] = (byte) (int) f.get2();
                    }
                    return cut < b.length && cut % 3 == 0 ? java.util.Arrays.copyOf(b, cut) : b;
                });
    }

    private static void exercise(byte[] b) {
        StunMessage.looksLikeStun(b, 0, b.length);
        ChannelData.looksLikeChannelData(b, 0, b.length);
        ChannelData.streamFrameLength(b, 0, b.length);
        try {
            ChannelData.parse(b, 0, b.length);
        } catch (StunParseException expected) {
            // the parser's own error
        }
        try {
            StunMessage m = StunMessage.parse(b, 0, b.length);
            m.verifyMessageIntegrity(new byte[] {1});
            m.verifyMessageIntegritySha256(new byte[] {1});
            m.verifyFingerprint();
            m.unknownComprehensionRequired(StunAttributeType.USERNAME);
            for (int i = 0; i < m.attributeCount(); i++) {
                accessEach(m, m.attributeType(i));
            }
        } catch (StunParseException expected) {
            // the parser's own error
        }
    }

    private static void accessEach(StunMessage m, int type) {
        List<Accessor> all = List.of(m::username, m::realm, m::nonce, m::software, () -> m.uint32(type),
                () -> m.uint64(type), m::channelNumber, () -> m.firstByteOf4(type), m::evenPortReserve,
                () -> m.address(type), () -> m.xorAddress(type), () -> m.xorAddresses(type), m::errorCode,
                m::addressErrorCode, m::unknownAttributes);
        for (Accessor a : all) {
            try {
                a.get();
            } catch (StunParseException expected) {
                // the parser's own error
            }
        }
    }

    @FunctionalInterface
    private interface Accessor {
        Object get() throws StunParseException;
    }
}
