package io.confero.turn;

import io.confero.codecs.Addresses;
import io.confero.codecs.turn.SeatEnded;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.SelfSignedCertificate;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Confero's TURN server (RFC 8656): UDP, TCP and optional TLS (TURNS) listeners in front of a
 * {@link TurnServer}, relayed sockets on {@code turn.relay_host}, and a once-a-second sweep that
 * expires allocations, permissions and channels. Everything runs on this verticle's event loop.
 */
public final class TurnVerticle extends VerticleBase {
    private static final long SWEEP_PERIOD_MILLIS = 1000;
    /** SO_RCVBUF/SO_SNDBUF of the client UDP listener, which carries every allocation's traffic. */
    private static final int LISTENER_BUFFER = 1024 * 1024;

    private final TurnConfig config;
    private final MeterRegistry registry;
    private final LongSupplier clock;
    private final RandomGenerator random;
    private TurnServer server;
    private TurnMetrics metrics;
    private DatagramSocket udp;
    private final List<NetServer> streams = new ArrayList<>();
    private NetServer tcp;
    private NetServer tls;
    private long sweepTimer = -1;
    private SelfSignedCertificate selfSigned;

    public TurnVerticle(TurnConfig config, MeterRegistry registry) {
        this(config, registry, System::currentTimeMillis, new SecureRandom());
    }

    /** With an injected clock (epoch millis) and randomness, for tests. */
    public TurnVerticle(TurnConfig config, MeterRegistry registry, LongSupplier clock, RandomGenerator random) {
        this.config = config;
        this.registry = registry;
        this.clock = clock;
        this.random = random;
    }

    @Override
    public Future<?> start() {
        metrics = new TurnMetrics(registry, () -> server == null ? 0 : server.allocationCount());
        server = new TurnServer(config, metrics, clock, random, new VertxRelaySockets(vertx, config.relayHost()));
        List<Future<?>> listening = new ArrayList<>();
        if (config.udpPort() >= 0) {
            listening.add(listenUdp());
        }
        if (config.tcpPort() >= 0) {
            listening.add(listenStream(new NetServerOptions(), config.tcpPort(), ClientChannel.Transport.TCP)
                    .onSuccess(s -> tcp = s));
        }
        if (config.tlsEnabled()) {
            listening.add(listenStream(tlsOptions(), config.tlsPort(), ClientChannel.Transport.TLS)
                    .onSuccess(s -> tls = s));
        }
        sweepTimer = vertx.setPeriodic(SWEEP_PERIOD_MILLIS, id -> server.sweep());
        listening.add(vertx.eventBus().<SeatEnded>consumer(Addresses.turnSeatsEnded(),
                m -> server.endSeat(m.body().meetingId(), m.body().turnUser(), m.body().atEpochSeconds()))
                .completion());
        return Future.all(listening);
    }

    private Future<DatagramSocket> listenUdp() {
        DatagramSocket socket = vertx.createDatagramSocket(VertxRelaySockets.options(LISTENER_BUFFER));
        SenderCache senders = new SenderCache();
        socket.handler(p -> {
            try {
                byte[] data = p.data().getBytes();
                server.onClientMessage(new UdpClientChannel(socket, senders.toInet(p.sender())), data, 0, data.length);
            } catch (RuntimeException e) {
                metrics.dropped(TurnMetrics.Drop.INTERNAL_ERROR);
            }
        });
        socket.exceptionHandler(e -> metrics.dropped(TurnMetrics.Drop.INTERNAL_ERROR));
        return socket.listen(config.udpPort(), config.listenHost()).onSuccess(s -> udp = s);
    }

    private Future<NetServer> listenStream(NetServerOptions options, int port, ClientChannel.Transport transport) {
        NetServer net = vertx.createNetServer(options.setTcpNoDelay(true));
        streams.add(net);
        net.connectHandler(sock -> {
            try {
                new StreamClientConnection(sock, transport, server, metrics);
            } catch (RuntimeException e) {
                metrics.dropped(TurnMetrics.Drop.INTERNAL_ERROR);
                sock.close();
            }
        });
        return net.listen(port, config.listenHost());
    }

    private NetServerOptions tlsOptions() {
        PemKeyCertOptions keyCert;
        if (config.tlsCertPath().isEmpty()) {
            selfSigned = SelfSignedCertificate.create("confero-turn");
            keyCert = selfSigned.keyCertOptions();
        } else {
            keyCert = new PemKeyCertOptions().setCertPath(config.tlsCertPath()).setKeyPath(config.tlsKeyPath());
        }
        return new NetServerOptions().setSsl(true).setKeyCertOptions(keyCert);
    }

    @Override
    public Future<?> stop() {
        if (sweepTimer >= 0) {
            vertx.cancelTimer(sweepTimer);
        }
        if (server != null) {
            server.closeAll();
        }
        List<Future<?>> closing = new ArrayList<>();
        if (udp != null) {
            closing.add(udp.close());
        }
        for (NetServer s : streams) {
            closing.add(s.close());
        }
        if (selfSigned != null) {
            selfSigned.delete();
        }
        return Future.all(closing);
    }

    /** Bound UDP port (after start), or -1. */
    public int udpPort() {
        return udp == null ? -1 : udp.localAddress().port();
    }

    /** Bound TCP port (after start), or -1. */
    public int tcpPort() {
        return tcp == null ? -1 : tcp.actualPort();
    }

    /** Bound TLS port (after start), or -1. */
    public int tlsPort() {
        return tls == null ? -1 : tls.actualPort();
    }

    /** This verticle's meters (after start). */
    public TurnMetrics metrics() {
        return metrics;
    }

    /** Live allocations (after start). */
    public int allocationCount() {
        return server == null ? 0 : server.allocationCount();
    }
}
