package io.confero.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Interop with coturn 4.6's clients (Debian package {@code coturn}) on loopback:
 * {@code turnutils_peer -L 127.0.0.1 -p <peer>} echoes, and
 * {@code turnutils_uclient -W <secret> -u alice -e 127.0.0.1 -r <peer> -n 20 -m 2 -p <port> 127.0.0.1}
 * (plus {@code -t}, {@code -t -S}, {@code -s}) relays through our {@link TurnVerticle}; every message
 * sent must come back.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
class CoturnInteropTest {
    private static final String UCLIENT = "/usr/bin/turnutils_uclient";
    private static final String PEER = "/usr/bin/turnutils_peer";
    private static final Pattern TOTALS = Pattern.compile("start_mclient: tot_send_msgs=(\\d+), tot_recv_msgs=(\\d+)");
    private static final String SECRET = "interop-secret-0123456789";

    private final ChildProcesses processes = new ChildProcesses();
    private TurnVerticle verticle;
    private int peerPort;
    private Path peerLog;

    @BeforeEach
    void start(Vertx vertx, VertxTestContext ctx) throws Exception {
        assumeTrue(ChildProcesses.executable(UCLIENT) && ChildProcesses.executable(PEER), "coturn utilities absent");
        int tlsPort;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            tlsPort = free.getLocalPort(); // turn.tls_port 0 means "off", so pick a free port
        }
        TurnConfig config = TurnConfig.defaults(SECRET).withListenHost("127.0.0.1").withPorts(0, 0, tlsPort)
                .withPeerPolicy(true, false);
        verticle = new TurnVerticle(config, new SimpleMeterRegistry());
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            peerPort = probe.getLocalPort();
        }
        peerLog = Files.createTempFile("turnutils-peer-", ".log");
        processes.start(peerLog, PEER, "-L", "127.0.0.1", "-p",
                String.valueOf(peerPort));
        vertx.deployVerticle(verticle).onComplete(ctx.succeedingThenComplete());
    }

    @AfterEach
    void stop() throws Exception {
        processes.close();
        if (peerLog != null) {
            Files.deleteIfExists(peerLog);
        }
    }

    @Test
    void udpWithChannels() throws Exception {
        assertAllEchoed(uclient(SECRET, verticle.udpPort()));
    }

    @Test
    void udpWithSendAndDataIndications() throws Exception {
        assertAllEchoed(uclient(SECRET, verticle.udpPort(), "-s"));
    }

    @Test
    void tcpWithPaddedChannelData() throws Exception {
        assertAllEchoed(uclient(SECRET, verticle.tcpPort(), "-t"));
    }

    @Test
    void tlsTurns() throws Exception {
        assertAllEchoed(uclient(SECRET, verticle.tlsPort(), "-t", "-S"));
    }

    @Test
    void wrongSecretIsRefused() throws Exception {
        String out = uclient("not-the-secret-0123456789", verticle.udpPort());
        assertThat(out).contains("Cannot complete Allocation");
        assertThat(TOTALS.matcher(out).find()).isFalse();
        assertThat(verticle.metrics().refusals(TurnMetrics.Refusal.BAD_INTEGRITY)).isPositive();
        assertThat(verticle.allocationCount()).isZero();
        assertThat(verticle.metrics().packetsToPeer()).isZero();
    }

    private String uclient(String secret, int port, String... extra) throws Exception {
        String[] base = {UCLIENT, "-W", secret, "-u", "alice", "-e", "127.0.0.1", "-r", String.valueOf(peerPort),
            "-n", "20", "-m", "2", "-p", String.valueOf(port)};
        String[] cmd = new String[base.length + extra.length + 1];
        System.arraycopy(base, 0, cmd, 0, base.length);
        System.arraycopy(extra, 0, cmd, base.length, extra.length);
        cmd[cmd.length - 1] = "127.0.0.1";
        return processes.run(120, cmd);
    }

    private void assertAllEchoed(String out) {
        Matcher m = TOTALS.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        long sent = Long.parseLong(m.group(1));
        long received = Long.parseLong(m.group(2));
        assertThat(sent).as(out).isPositive();
        assertThat(received).as(out).isEqualTo(sent);
        assertThat(verticle.metrics().packetsToPeer()).isGreaterThanOrEqualTo(sent);
        assertThat(verticle.metrics().packetsToClient()).isGreaterThanOrEqualTo(received);
    }
}
