package io.confero.turn;

import java.net.InetSocketAddress;

/**
 * The client side of an allocation's 5-tuple (RFC 8656 §2): where requests came from and how to
 * answer. UDP channels are cheap views (one per datagram); stream channels are one per connection.
 */
public interface ClientChannel {

    /** Client transport to the server. */
    enum Transport { UDP, TCP, TLS }

    Transport transport();

    InetSocketAddress remote();

    /** Sends one STUN message or ChannelData message (already padded when {@link #isStream()}). */
    void send(byte[] buf, int off, int len);

    default boolean isStream() {
        return transport() != Transport.UDP;
    }

    /** The allocation key: transport plus client address (the server side is fixed per listener). */
    default ClientKey key() {
        return new ClientKey(transport(), remote());
    }

    /** Identity of a client 5-tuple. */
    record ClientKey(Transport transport, InetSocketAddress remote) {
    }
}
