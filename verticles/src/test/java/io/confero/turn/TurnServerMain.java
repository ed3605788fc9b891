package io.confero.turn;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;

/**
 * Test harness: runs a {@link TurnVerticle} in its own JVM (used inside a network namespace by
 * {@link PrivatePeerRefusalNamespaceTest}). Args: listenHost udpPort tcpPort secret allowLoopback
 * allowPrivate [maxAllocationsPerUser]. Prints {@code READY <udp> <tcp>} once listening; when stdin closes (or on SIGTERM) it
 * prints {@code METRICS to_peer=N forbidden_peer=N no_permission=N to_client=N} and its drop and
 * refusal counters, and exits.
 */
public final class TurnServerMain {
    private TurnServerMain() {
    }

    public static void main(String[] args) throws Exception {
        TurnConfig config = TurnConfig.defaults(args[3]).withListenHost(args[0])
                .withPorts(Integer.parseInt(args[1]), Integer.parseInt(args[2]), -1)
                .withPeerPolicy(Boolean.parseBoolean(args[4]), Boolean.parseBoolean(args[5]));
        if (args.length > 6) {
            int perUser = Integer.parseInt(args[6]);
            config = config.withQuotas(Math.max(perUser, config.maxAllocations()), perUser, 0);
        }
        Vertx vertx = Vertx.vertx();
        TurnVerticle verticle = new TurnVerticle(config, new SimpleMeterRegistry());
        vertx.deployVerticle(verticle).await();
        System.out.println("READY " + verticle.udpPort() + " " + verticle.tcpPort());
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> printMetrics(verticle.metrics())));
        while (System.in.read() >= 0) {
            // run until the parent closes our stdin (or sends SIGTERM)
        }
        System.exit(0);
    }

    private static void printMetrics(TurnMetrics m) {
        System.out.println("METRICS to_peer=" + (long) m.packetsToPeer()
                + " forbidden_peer=" + (long) m.refusals(TurnMetrics.Refusal.FORBIDDEN_PEER)
                + " no_permission=" + (long) m.drops(TurnMetrics.Drop.NO_PERMISSION)
                + " to_client=" + (long) m.packetsToClient());
        for (TurnMetrics.Drop d : TurnMetrics.Drop.values()) {
            System.out.println("DROP " + d + " " + (long) m.drops(d));
        }
        for (TurnMetrics.Refusal r : TurnMetrics.Refusal.values()) {
            System.out.println("REFUSAL " + r + " " + (long) m.refusals(r));
        }
        System.out.flush();
    }
}
