package io.confero.media.rtcp;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Fuzz for every RTCP parser and the compound walker: random bytes and mutated valid packets;
 * only {@link RtcpException} may escape, and anything that parses re-encodes without error.
 */
class RtcpParserFuzzTest {

    interface Parser {
        Object parse(byte[] b, int off, int len) throws RtcpException;
    }

    static final List<Parser> PARSERS = List.of(RtcpSr::parse, RtcpRr::parse, RtcpSdes::parse, RtcpBye::parse,
        RtcpPli::parse, RtcpFir::parse, RtcpNack::parse, RtcpRemb::parse, RtcpTwcc::parse);

    static final byte[][] SEEDS = {Vectors.SR, Vectors.RR, Vectors.SDES, Vectors.BYE, Vectors.PLI, Vectors.FIR,
        Vectors.NACK, Vectors.REMB, Vectors.TWCC_PION_1, Vectors.TWCC_PION_4};

    @Property(tries = 2000)
    void randomBytes(@ForAll @Size(max = 120) byte[] bytes) {
        exercise(bytes);
        if (bytes.length >= 2) {
            bytes[0] = (byte) (0x80 | (bytes[0] & 0x3F));
            bytes[1] = (byte) (200 + Math.floorMod(bytes[1], 7));
            exercise(bytes);
        }
    }

    @Property(tries = 3000)
    void mutatedValidPackets(@ForAll("mutated") byte[] bytes) {
        exercise(bytes);
    }

    @Provide
    Arbitrary<byte[]> mutated() {
        return Arbitraries.of(SEEDS).flatMap(seed -> Arbitraries.integers().between(0, seed.length - 1).list()
            .ofMinSize(1).ofMaxSize(4).flatMap(positions -> Arbitraries.bytes().list().ofSize(positions.size())
                .flatMap(values -> Arbitraries.integers().between(0, 8).map(cut -> {
                    byte[] b = seed.clone();
                    for (int i = 0; i < positions.size(); i++) {
                        b[positions.get(i)] = values.get(i);
                    }
                    return java.util.Arrays.copyOf(b, Math.max(0, b.length - cut));
                }))));
    }

    private static void exercise(byte[] bytes) {
        for (Parser p : PARSERS) {
            try {
                Object parsed = p.parse(bytes, 0, bytes.length);
                reencode(parsed);
            } catch (RtcpException expected) {
                // the parser's own checked error is the only allowed outcome besides success
            }
        }
        try {
            RtcpCompound c = new RtcpCompound(bytes, 0, bytes.length);
            while (c.next()) {
                c.packetType();
                c.count();
                c.packetLength();
            }
        } catch (RtcpException expected) {
            // allowed
        }
    }

    private static void reencode(Object parsed) {
        RtcpPacket pkt = (RtcpPacket) parsed;
        int n = pkt.writeTo(new byte[pkt.encodedLength()], 0);
        if (n <= 0) {
            throw new AssertionError("nothing written");
        }
    }
}
