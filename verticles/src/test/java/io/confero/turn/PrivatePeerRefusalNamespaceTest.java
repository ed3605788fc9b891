package io.confero.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RFC 8656 §21.1.3: a peer in 10.0.0.0/8 is refused with 403. Server and clients run inside a
 * fresh network namespace whose only interface is {@code lo} (checked first), so even a wrong
 * server could not send a packet to a private address outside this machine:
 * {@code ip netns add confero-turn-<random>}, {@code ip netns exec <ns> ip link set lo up}, then
 * {@code ip netns exec <ns> java -cp <test classpath> io.confero.turn.TurnServerMain ...} and
 * {@code ip netns exec <ns> java ... io.confero.turn.TurnProbeMain 127.0.0.1 3478 <secret> 10.1.2.3}
 * (and, when coturn is installed, {@code ip netns exec <ns> turnutils_uclient -W <secret> -u alice
 * -e 10.1.2.3 -r 3480 -n 5 -m 1 -c -p 3478 127.0.0.1}); the namespace is deleted afterwards.
 */
class PrivatePeerRefusalNamespaceTest {
    private static final String SECRET = "netns-secret-0123456789";
    private static final String UCLIENT = "/usr/bin/turnutils_uclient";

    private final ChildProcesses processes = new ChildProcesses();
    private String ip;
    private String ns;

    @BeforeEach
    void createNamespace() throws Exception {
        ip = List.of("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip").stream()
                .filter(ChildProcesses::executable).findFirst().orElse(null);
        assumeTrue(ip != null, "iproute2 absent");
        ns = "confero-turn-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        processes.run(20, ip, "netns", "add", ns);
        assumeTrue(processes.run(20, ip, "netns", "list").contains(ns), "cannot create network namespaces (not root?)");
        processes.run(20, ip, "netns", "exec", ns, ip, "link", "set", "lo", "up");
    }

    @AfterEach
    void deleteNamespace() throws Exception {
        processes.close();
        if (ns != null && ip != null) {
            processes.run(20, ip, "netns", "del", ns);
        }
    }

    @Test
    void peerIn10Slash8IsRefusedWith403AndNothingIsRelayed() throws Exception {
        String links = processes.run(20, ip, "netns", "exec", ns, ip, "-o", "link", "show");
        assertThat(links.lines().filter(l -> !l.isBlank()).toList()).singleElement().asString().contains(": lo:");
        assertThat(processes.run(20, ip, "netns", "exec", ns, ip, "-4", "route", "show", "table", "all"))
                .doesNotContain("default").doesNotContain("10.");

        Process server = processes.startPiped(inNamespace("io.confero.turn.TurnServerMain", "127.0.0.1", "3478", "-1",
                SECRET, "false", "false"));
        BufferedReader serverOut = ChildProcesses.stdout(server);
        assertThat(ChildProcesses.awaitLine(serverOut, "READY")).isEqualTo("READY 3478 -1");
        // keep draining the server's stdout (its logging) so it never blocks on a full pipe
        CompletableFuture<String> metricsLine = CompletableFuture.supplyAsync(() -> {
            try {
                return ChildProcesses.awaitLine(serverOut, "METRICS");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        String probe = processes.run(60, inNamespace("io.confero.turn.TurnProbeMain", "127.0.0.1", "3478", SECRET,
                "10.1.2.3"));
        assertThat(probe).contains("ALLOCATE 200", "CREATE_PERMISSION 403", "CHANNEL_BIND 403", "DONE");

        if (ChildProcesses.executable(UCLIENT)) {
            String out = processes.run(60, ip, "netns", "exec", ns, UCLIENT, "-W", SECRET, "-u", "alice",
                    "-e", "10.1.2.3", "-r", "3480", "-n", "5", "-m", "1", "-c", "-p", "3478", "127.0.0.1");
            assertThat(out).contains("403");
        }

        server.getOutputStream().close();
        String metrics = metricsLine.get(60, TimeUnit.SECONDS);
        assertThat(metrics).contains("to_peer=0");
        assertThat(Long.parseLong(metrics.replaceAll(".*forbidden_peer=(\\d+).*", "$1"))).isGreaterThanOrEqualTo(2);
    }

    private String[] inNamespace(String mainClass, String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String[] base = {ip, "netns", "exec", ns, java, "-cp", System.getProperty("java.class.path"), mainClass};
        String[] cmd = new String[base.length + args.length];
        System.arraycopy(base, 0, cmd, 0, base.length);
        System.arraycopy(args, 0, cmd, base.length, args.length);
        return cmd;
    }
}
