package io.confero.turn;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import java.net.InetSocketAddress;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** Relay sockets as Vert.x UDP sockets bound to {@code turn.relay_host} on an ephemeral port. */
final class VertxRelaySockets implements RelaySocket.Factory {
    private static final int EVEN_PORT_ATTEMPTS = 16;
    /**
     * SO_RCVBUF/SO_SNDBUF of relay sockets. Vert.x also sizes its per-read buffer from it, so it
     * must exceed any datagram (64 KiB); bigger absorbs event-loop stalls without kernel drops.
     */
    static final int RELAY_BUFFER = 256 * 1024;

    private final Vertx vertx;
    private final String relayHost;

    VertxRelaySockets(Vertx vertx, String relayHost) {
        this.vertx = vertx;
        this.relayHost = relayHost;
    }

    @Override
    public void open(boolean evenPort, Consumer<RelaySocket> onOpen, Consumer<Throwable> onFailure) {
        open(evenPort, EVEN_PORT_ATTEMPTS, onOpen, onFailure);
    }

    private void open(boolean evenPort, int attemptsLeft, Consumer<RelaySocket> onOpen, Consumer<Throwable> onFailure) {
        Relay relay = new Relay(vertx.createDatagramSocket(options(RELAY_BUFFER)), relayHost);
        relay.socket.listen(0, relayHost).onComplete(ar -> {
            if (ar.failed()) {
                onFailure.accept(ar.cause());
            } else if (evenPort && (relay.localAddress().getPort() & 1) != 0) {
                relay.close();
                if (attemptsLeft > 1) {
                    open(true, attemptsLeft - 1, onOpen, onFailure);
                } else {
                    onFailure.accept(new IllegalStateException("no even port"));
                }
            } else {
                onOpen.accept(relay);
            }
        });
    }

    @Override
    public void openEvenPair(BiConsumer<RelaySocket, RelaySocket> onOpen, Consumer<Throwable> onFailure) {
        openEvenPair(EVEN_PORT_ATTEMPTS, onOpen, onFailure);
    }

    private void openEvenPair(int attemptsLeft, BiConsumer<RelaySocket, RelaySocket> onOpen,
                              Consumer<Throwable> onFailure) {
        open(true, even -> {
            Relay odd = new Relay(vertx.createDatagramSocket(options(RELAY_BUFFER)), relayHost);
            odd.socket.listen(even.localAddress().getPort() + 1, relayHost).onComplete(ar -> {
                if (ar.succeeded()) {
                    onOpen.accept(even, odd);
                    return;
                }
                even.close();
                if (attemptsLeft > 1) {
                    openEvenPair(attemptsLeft - 1, onOpen, onFailure);
                } else {
                    onFailure.accept(ar.cause());
                }
            });
        }, onFailure);
    }

    /**
     * Socket options with a larger send buffer. The receive buffer keeps the kernel default: Vert.x
     * ties the receive size to Netty's per-read buffer ({@code FixedRecvByteBufAllocator}), so a
     * large receive size would make every received datagram allocate and zero that many bytes.
     */
    static DatagramSocketOptions options(int bufferBytes) {
        return new DatagramSocketOptions().setSendBufferSize(bufferBytes);
    }

    /** One relay socket. */
    private static final class Relay implements RelaySocket {
        private final DatagramSocket socket;
        private final String relayHost;
        private PeerHandler handler;
        private final SenderCache senders = new SenderCache();

        Relay(DatagramSocket socket, String relayHost) {
            this.socket = socket;
            this.relayHost = relayHost;
            socket.handler(this::onPacket);
            socket.exceptionHandler(e -> { });
        }

        private void onPacket(DatagramPacket p) {
            PeerHandler h = handler;
            if (h != null) {
                byte[] data = p.data().getBytes();
                InetSocketAddress peer;
                try {
                    peer = senders.toInet(p.sender());
                } catch (IllegalArgumentException e) {
                    return; // not an address a permission could ever match
                }
                h.onPeerPacket(peer, data, 0, data.length);
            }
        }

        @Override
        public InetSocketAddress localAddress() {
            return new InetSocketAddress(IpLiterals.parse(relayHost), socket.localAddress().port());
        }

        @Override
        public void handler(PeerHandler handler) {
            this.handler = handler;
        }

        @Override
        public void send(InetSocketAddress peer, byte[] buf, int off, int len) {
            socket.send(Buffer.buffer(len).appendBytes(buf, off, len), peer.getPort(), peer.getAddress().getHostAddress());
        }

        @Override
        public void close() {
            handler = null;
            socket.close();
        }
    }
}
