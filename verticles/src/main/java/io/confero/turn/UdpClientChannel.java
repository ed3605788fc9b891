package io.confero.turn;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import java.net.InetSocketAddress;

/** A client reached over the server's UDP listener (one view per datagram; equal by address). */
record UdpClientChannel(DatagramSocket socket, InetSocketAddress remote) implements ClientChannel {

    @Override
    public Transport transport() {
        return Transport.UDP;
    }

    @Override
    public void send(byte[] buf, int off, int len) {
        socket.send(Buffer.buffer(len).appendBytes(buf, off, len), remote.getPort(), remote.getAddress().getHostAddress());
    }
}
