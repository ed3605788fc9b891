package io.confero.sfu.dtls;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A loopback UDP socket for interop tests: a reader thread hands datagrams to a consumer, and
 * {@link #send} goes to the fixed or first-seen remote address.
 */
final class UdpPeer implements AutoCloseable {
    private final DatagramSocket socket;
    private final AtomicReference<InetSocketAddress> remote = new AtomicReference<>();
    private final Thread reader;
    private volatile Consumer<byte[]> receiver = d -> { };

    UdpPeer(InetSocketAddress fixedRemote) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        remote.set(fixedRemote);
        reader = new Thread(this::read, "udp-peer");
        reader.setDaemon(true);
        reader.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    void onReceive(Consumer<byte[]> consumer) {
        this.receiver = consumer;
    }

    void send(byte[] datagram) {
        InetSocketAddress to = remote.get();
        if (to == null) {
            return;
        }
        try {
            socket.send(new DatagramPacket(datagram, datagram.length, to));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void read() {
        byte[] buf = new byte[65536];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (IOException e) {
                return;
            }
            remote.compareAndSet(null, (InetSocketAddress) p.getSocketAddress());
            receiver.accept(Arrays.copyOf(p.getData(), p.getLength()));
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        reader.join(5000);
    }
}
