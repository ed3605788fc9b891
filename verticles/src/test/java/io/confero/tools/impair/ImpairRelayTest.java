package io.confero.tools.impair;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The UDP shell on loopback: datagrams relayed both ways, loss counted and applied per direction. */
class ImpairRelayTest {

    interface Handler {
        void handle(byte[] buf, DatagramPacket p) throws IOException;
    }

    /** Receives on {@code socket} in a daemon thread until it is closed. */
    static void receiveLoop(DatagramSocket socket, Handler handler) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[2048];
            while (!socket.isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    socket.receive(p);
                    handler.handle(buf, p);
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
    }

    @Test
    void relaysBothWaysLosingWhatTheSpecSays() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        List<Integer> received = new CopyOnWriteArrayList<>();
        try (DatagramSocket server = new DatagramSocket(new InetSocketAddress(lo, 0));
             DatagramSocket client = new DatagramSocket(new InetSocketAddress(lo, 0))) {
            receiveLoop(server, (buf, p) -> server.send(new DatagramPacket(buf, p.getLength(), p.getSocketAddress())));
            Schedule schedule = Schedule.constant(ImpairmentSpec.parse("every=10,delay=5ms,jitter=5ms"),
                ImpairmentSpec.parse("every=3"));
            try (ImpairRelay relay = new ImpairRelay(new InetSocketAddress(lo, 0),
                    (InetSocketAddress) server.getLocalSocketAddress(), schedule, 1)) {
                receiveLoop(client, (buf, p) -> received.add((int) buf[0]));
                for (int i = 0; i < 100; i++) {
                    client.send(new DatagramPacket(new byte[] {(byte) i, 1, 2, 3}, 4, lo, relay.localPort()));
                }
                // up: 100 sent, every 10th lost → 90 reach the server; down: every 3rd of those lost → 60 come back
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 60);
                assertThat(relay.up().lost()).isEqualTo(10);
                assertThat(relay.up().delivered()).isEqualTo(90);
                assertThat(relay.down().lost()).isEqualTo(30);
                List<Integer> sorted = new ArrayList<>(received);
                sorted.sort(null);
                assertThat(received).as("order kept on both legs").isEqualTo(sorted);
            }
        }
    }

    @Test
    void oneClientsDownLinkIsChangedOnDemandAndBackToTheSchedule() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        List<Integer> toA = new CopyOnWriteArrayList<>();
        List<Integer> toB = new CopyOnWriteArrayList<>();
        try (DatagramSocket server = new DatagramSocket(new InetSocketAddress(lo, 0));
             DatagramSocket a = new DatagramSocket(new InetSocketAddress(lo, 0));
             DatagramSocket b = new DatagramSocket(new InetSocketAddress(lo, 0));
             ImpairRelay relay = new ImpairRelay(new InetSocketAddress(lo, 0),
                 (InetSocketAddress) server.getLocalSocketAddress(), Schedule.constant(ImpairmentSpec.PERFECT,
                     ImpairmentSpec.PERFECT), 1)) {
            receiveLoop(server, (buf, p) -> server.send(new DatagramPacket(buf, p.getLength(), p.getSocketAddress())));
            receiveLoop(a, (buf, p) -> toA.add((int) buf[0]));
            receiveLoop(b, (buf, p) -> toB.add((int) buf[0]));
            relay.impairDown(a.getLocalPort(), ImpairmentSpec.parse("every=2"));
            for (int i = 0; i < 20; i++) {
                a.send(new DatagramPacket(new byte[] {(byte) i}, 1, lo, relay.localPort()));
                b.send(new DatagramPacket(new byte[] {(byte) i}, 1, lo, relay.localPort()));
            }
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> toA.size() == 10 && toB.size() == 20);
            relay.impairDown(a.getLocalPort(), null);
            for (int i = 20; i < 30; i++) {
                a.send(new DatagramPacket(new byte[] {(byte) i}, 1, lo, relay.localPort()));
            }
            Awaitility.await("back on the schedule: nothing lost").atMost(Duration.ofSeconds(20)).until(() -> toA.size() == 20);
            assertThat(relay.down().lost()).isEqualTo(10);
        }
    }
}
