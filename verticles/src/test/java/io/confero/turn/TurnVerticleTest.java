package io.confero.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.confero.codecs.Addresses;
import io.confero.codecs.turn.SeatEnded;
import io.confero.media.stun.StunAttributeType;
import io.confero.media.stun.StunClass;
import io.confero.media.stun.StunCrypto;
import io.confero.media.stun.StunMessage;
import io.confero.media.stun.StunMessageBuilder;
import io.confero.media.stun.StunMethod;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.net.NetSocket;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link TurnVerticle} over real loopback sockets: UDP challenge, TCP framing, expiry freeing sockets. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, timeUnit = TimeUnit.SECONDS) // shared 2-core CI machines can be very loaded
class TurnVerticleTest {
    private static final String SECRET = "verticle-secret-0123456789";

    private final AtomicLong clock = new AtomicLong(1_800_000_000_000L);
    private TurnVerticle verticle;

    @BeforeEach
    void deploy(Vertx vertx, VertxTestContext ctx) {
        TurnConfig config = TurnConfig.defaults(SECRET).withListenHost("127.0.0.1").withPorts(0, 0, -1)
                .withPeerPolicy(true, false);
        verticle = new TurnVerticle(config, new SimpleMeterRegistry(), clock::get, new SplittableRandom(3));
        vertx.deployVerticle(verticle).onComplete(ctx.succeedingThenComplete());
    }

    private static byte[] request(int method, byte[] txId, Consumer<StunMessageBuilder> attrs) {
        StunMessageBuilder b = new StunMessageBuilder(method, StunClass.REQUEST, txId);
        attrs.accept(b);
        return b.build();
    }

    private static byte[] tx(int n) {
        byte[] t = new byte[12];
        t[11] = (byte) n;
        return t;
    }

    @Test
    void udpAllocateIsChallengedThenGrantedAndExpiryClosesTheRelaySocket(Vertx vertx, VertxTestContext ctx) {
        allocateThen(vertx, ctx, "ann", () -> clock.addAndGet(601_000)); // the sweep must find it expired
    }

    @Test
    void aSeatEndedOnTheEventBusClosesItsAllocation(Vertx vertx, VertxTestContext ctx) {
        SeatEnded.Codec.register(vertx.eventBus());
        allocateThen(vertx, ctx, "m1.ann", () -> vertx.eventBus().publish(Addresses.turnSeatsEnded(),
                new SeatEnded("m1", "ann", clock.get() / 1000)));
    }

    /** Allocates over UDP for {@code user}, runs {@code end}, and waits for the allocation to go. */
    private void allocateThen(Vertx vertx, VertxTestContext ctx, String user, Runnable end) {
        DatagramSocket client = vertx.createDatagramSocket();
        TurnCredentials creds = TurnCredentials.mint(SECRET, user, clock.get() / 1000, 3600);
        byte[] key = StunCrypto.longTermKey(creds.username(), "confero", creds.password());
        Consumer<StunMessageBuilder> udp = b -> b.addFirstByteOf4(StunAttributeType.REQUESTED_TRANSPORT, 17);
        client.handler(p -> ctx.verify(() -> {
            byte[] bytes = p.data().getBytes();
            StunMessage m = StunMessage.parse(bytes, 0, bytes.length);
            if (m.messageClass() == StunClass.ERROR_RESPONSE) {
                assertThat(m.errorCode().code()).isEqualTo(401);
                byte[] signed = new StunMessageBuilder(StunMethod.ALLOCATE, StunClass.REQUEST, tx(2))
                        .addFirstByteOf4(StunAttributeType.REQUESTED_TRANSPORT, 17)
                        .addString(StunAttributeType.USERNAME, creds.username())
                        .addString(StunAttributeType.REALM, m.realm()).addString(StunAttributeType.NONCE, m.nonce())
                        .addMessageIntegrity(key).build();
                client.send(Buffer.buffer(signed), verticle.udpPort(), "127.0.0.1");
                return;
            }
            assertThat(m.verifyMessageIntegrity(key)).isTrue();
            InetSocketAddress relayed = m.xorAddress(StunAttributeType.XOR_RELAYED_ADDRESS);
            assertThat(relayed.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(verticle.allocationCount()).isEqualTo(1);
            end.run();
            // wait off the event loop
            vertx.executeBlocking(() -> {
                await().atMost(Duration.ofSeconds(10)).until(() -> verticle.allocationCount() == 0);
                return null;
            }).onComplete(ctx.succeedingThenComplete());
        }));
        client.listen(0, "127.0.0.1")
                .compose(s -> s.send(Buffer.buffer(request(StunMethod.ALLOCATE, tx(1), udp)), verticle.udpPort(), "127.0.0.1"))
                .onFailure(ctx::failNow);
    }

    @Test
    void tcpStreamIsFramedAcrossWritesAndGarbageClosesTheConnection(Vertx vertx, VertxTestContext ctx) {
        byte[] a = request(StunMethod.BINDING, tx(1), b -> { });
        byte[] b2 = request(StunMethod.BINDING, tx(2), b -> b.addString(StunAttributeType.SOFTWARE, "x"));
        Buffer both = Buffer.buffer(a).appendBytes(b2);
        var responses = ctx.checkpoint(2);
        var closed = ctx.checkpoint();
        vertx.createNetClient().connect(verticle.tcpPort(), "127.0.0.1").onComplete(ctx.succeeding((NetSocket s) -> {
            Buffer[] acc = {Buffer.buffer()};
            s.handler(data -> {
                acc[0].appendBuffer(data);
                while (acc[0].length() >= 20 && acc[0].length() >= 20 + acc[0].getUnsignedShort(2)) {
                    int len = 20 + acc[0].getUnsignedShort(2);
                    byte[] msg = acc[0].getBytes(0, len);
                    acc[0] = acc[0].getBuffer(len, acc[0].length());
                    ctx.verify(() -> assertThat(StunMessage.parse(msg, 0, msg.length).messageClass())
                            .isEqualTo(StunClass.SUCCESS_RESPONSE));
                    responses.flag();
                }
            });
            s.closeHandler(v -> vertx.executeBlocking(() -> {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> verticle.metrics().drops(TurnMetrics.Drop.TCP_FRAMING) == 1);
                return null;
            }).onComplete(ctx.succeeding(x -> closed.flag())));
            s.write(both.getBuffer(0, 7));
            s.write(both.getBuffer(7, both.length()));
            s.write(Buffer.buffer(new byte[] {(byte) 0xFF, 0, 0, 0}));
        }));
    }
}
