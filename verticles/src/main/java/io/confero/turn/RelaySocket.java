package io.confero.turn;

import java.net.InetSocketAddress;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** A relayed transport address (RFC 8656 §2): a UDP socket the server owns for one allocation. */
public interface RelaySocket {

    /** Receives datagrams from peers. */
    @FunctionalInterface
    interface PeerHandler {
        void onPeerPacket(InetSocketAddress peer, byte[] buf, int off, int len);
    }

    /** Opens relay sockets (asynchronously: binding is I/O). */
    interface Factory {
        /** One socket on an ephemeral port (an even one if {@code evenPort}, RFC 8656 §7.2). */
        void open(boolean evenPort, Consumer<RelaySocket> onOpen, Consumer<Throwable> onFailure);

        /** Sockets on an even port N and on N+1 (EVEN-PORT with the R bit, RFC 8656 §14.6). */
        void openEvenPair(BiConsumer<RelaySocket, RelaySocket> onOpen, Consumer<Throwable> onFailure);
    }

    InetSocketAddress localAddress();

    void handler(PeerHandler handler);

    void send(InetSocketAddress peer, byte[] buf, int off, int len);

    void close();
}
