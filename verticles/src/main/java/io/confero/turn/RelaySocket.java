package io.confero.turn;

import java.net.InetSocketAddress;
import java.util.function.Consumer;

/** A relayed transport address (RFC 8656 §2): a UDP socket the server owns for one allocation. */
public interface RelaySocket {

    /** Receives datagrams from peers. */
    @FunctionalInterface
    interface PeerHandler {
        void onPeerPacket(InetSocketAddress peer, byte[] buf, int off, int len);
    }

    /** Opens relay sockets (asynchronously: binding is I/O). */
    @FunctionalInterface
    interface Factory {
        void open(boolean evenPort, Consumer<RelaySocket> onOpen, Consumer<Throwable> onFailure);
    }

    InetSocketAddress localAddress();

    void handler(PeerHandler handler);

    void send(InetSocketAddress peer, byte[] buf, int off, int len);

    void close();
}
