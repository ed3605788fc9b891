package io.confero.turn;

import static io.confero.turn.TurnFakes.addr;
import static org.assertj.core.api.Assertions.assertThat;

import io.confero.media.stun.StunAttributeType;
import io.confero.media.stun.StunClass;
import io.confero.media.stun.StunMessageBuilder;
import io.confero.media.stun.StunMethod;
import io.confero.turn.ClientChannel.Transport;
import io.confero.turn.TurnFakes.FakeClient;
import io.confero.turn.TurnFakes.FakeClock;
import io.confero.turn.TurnFakes.FakeRelays;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Fuzz of the TURN request path: random datagrams and mutated valid requests (signed Allocate,
 * Refresh, CreatePermission, ChannelBind, Send indications, ChannelData) go into
 * {@link TurnServer#onClientMessage} and random datagrams into a relay's peer handler. Nothing may
 * throw, and nothing may reach the internal-error drop counter (bad input is a response or a
 * counted drop).
 */
class TurnRequestFuzzTest {
    private static final String SECRET = "fuzz-secret-0123456789";

    @Property(tries = 2000)
    void randomDatagramsNeverThrow(@ForAll @Size(max = 200) byte[] datagram, @ForAll boolean tcp) {
        Harness h = new Harness();
        h.client(tcp).sendRaw(datagram);
        h.relays.last().fromPeer(addr("198.51.100.7", 5000), datagram);
        h.assertNoInternalErrors();
    }

    @Property(tries = 2000)
    void streamFramingNeverThrowsAndBoundsFrames(@ForAll @Size(max = 64) byte[] bytes) {
        int n = StreamClientConnection.frameLength(bytes, 0, bytes.length);
        assertThat(n).isBetween(-1, 20 + 0xFFFF + 3);
    }

    @Property(tries = 3000)
    void mutatedRequestsNeverThrow(@ForAll("mutatedRequest") byte[] datagram, @ForAll boolean tcp) {
        Harness h = new Harness();
        h.client(tcp).sendRaw(datagram);
        h.server.sweep();
        h.assertNoInternalErrors();
    }

    @Provide
    Arbitrary<byte[]> mutatedRequest() {
        Harness seedHarness = new Harness();
        List<byte[]> seeds = seedHarness.seeds();
        Arbitrary<int[]> flips = Arbitraries.integers().between(0, 4095).array(int[].class).ofMaxSize(5);
        return Combinators.combine(Arbitraries.of(seeds), flips, Arbitraries.integers().between(0, 200))
                .as((seed, fl, cut) -> {
                    byte[] b = seed.clone();
                    for (int f : fl) {
                        b[(f >> 4) % b.length] ^= (byte) (1 << (f & 7));
                    }
                    return cut < b.length && cut % 4 == 0 ? Arrays.copyOf(b, cut) : b;
                });
    }

    /** A server with one UDP and one TCP client that already hold allocations and a channel. */
    private static final class Harness {
        final FakeClock clock = new FakeClock();
        final FakeRelays relays = new FakeRelays();
        final TurnMetrics metrics = new TurnMetrics(new SimpleMeterRegistry(), () -> 0);
        final TurnServer server = new TurnServer(TurnConfig.defaults(SECRET), metrics, clock, new SplittableRandom(1),
                relays);
        final FakeClient udp = client(Transport.UDP, 40000);
        final FakeClient tcp = client(Transport.TCP, 40001);

        FakeClient client(Transport t, int port) {
            FakeClient c = new FakeClient(server, t, addr("203.0.113.5", port))
                    .credentials(TurnCredentials.mint(SECRET, "fuzz" + port, clock.now / 1000, 3600));
            c.request(StunMethod.ALLOCATE, b -> b.addFirstByteOf4(StunAttributeType.REQUESTED_TRANSPORT, 17));
            c.request(StunMethod.CHANNEL_BIND, b -> b.addChannelNumber(0x4000)
                    .addXorAddress(StunAttributeType.XOR_PEER_ADDRESS, addr("198.51.100.7", 5000)));
            return c;
        }

        FakeClient client(boolean isTcp) {
            return isTcp ? tcp : udp;
        }

        List<byte[]> seeds() {
            List<byte[]> out = new ArrayList<>();
            out.add(signed(StunMethod.ALLOCATE, b -> b.addFirstByteOf4(StunAttributeType.REQUESTED_TRANSPORT, 17)
                    .addUInt32(StunAttributeType.LIFETIME, 1200).addEvenPort(true)));
            out.add(signed(StunMethod.REFRESH, b -> b.addUInt32(StunAttributeType.LIFETIME, 0)));
            out.add(signed(StunMethod.CREATE_PERMISSION,
                    b -> b.addXorAddress(StunAttributeType.XOR_PEER_ADDRESS, addr("198.51.100.9", 1))));
            out.add(signed(StunMethod.CHANNEL_BIND, b -> b.addChannelNumber(0x4001)
                    .addXorAddress(StunAttributeType.XOR_PEER_ADDRESS, addr("198.51.100.9", 1))));
            out.add(new StunMessageBuilder(StunMethod.SEND, StunClass.INDICATION, udp.nextTxId())
                    .addXorAddress(StunAttributeType.XOR_PEER_ADDRESS, addr("198.51.100.7", 5000))
                    .add(StunAttributeType.DATA, new byte[] {1, 2, 3}).addFingerprint().build());
            out.add(new byte[] {0x40, 0, 0, 5, 1, 2, 3, 4, 5, 0, 0, 0});
            return out;
        }

        byte[] signed(int method, java.util.function.Consumer<StunMessageBuilder> attrs) {
            StunMessageBuilder b = new StunMessageBuilder(method, StunClass.REQUEST, udp.nextTxId());
            attrs.accept(b);
            return b.addString(StunAttributeType.USERNAME, udp.username).addString(StunAttributeType.REALM, "confero")
                    .addString(StunAttributeType.NONCE, udp.nonce).addMessageIntegrity(udp.hmacKey())
                    .addFingerprint().build();
        }

        void assertNoInternalErrors() {
            assertThat(metrics.drops(TurnMetrics.Drop.INTERNAL_ERROR)).isZero();
        }
    }
}
