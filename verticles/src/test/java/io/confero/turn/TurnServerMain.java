package io.confero.turn;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;

/**
 * Test harness: runs a {@link TurnVerticle} in its own JVM (used inside a network namespace by
 * {@link PrivatePeerRefusalNamespaceTest}). Args: listenHost udpPort tcpPort secret allowLoopback
 * allowPrivate. Prints {@code READY <udp> <tcp>} once listening; when stdin closes it prints
 * {@code METRICS to_peer=N forbidden_peer=N no_permission=N} and exits.
 */
public final class TurnServerMain {
    private TurnServerMain() {
    }

    public static void main(String[] args) throws Exception {
        TurnConfig config = TurnConfig.defaults(args[3]).withListenHost(args[0])
                .withPorts(Integer.parseInt(args[1]), Integer.parseInt(args[2]), -1)
                .withPeerPolicy(Boolean.parseBoolean(args[4]), Boolean.parseBoolean(args[5]));
        Vertx vertx = Vertx.vertx();
        TurnVerticle verticle = new TurnVerticle(config, new SimpleMeterRegistry());
        vertx.deployVerticle(verticle).await();
        System.out.println("READY " + verticle.udpPort() + " " + verticle.tcpPort());
        System.out.flush();
        while (System.in.read() >= 0) {
            // run until the parent closes our stdin
        }
        TurnMetrics m = verticle.metrics();
        System.out.println("METRICS to_peer=" + (long) m.packetsToPeer()
                + " forbidden_peer=" + (long) m.refusals(TurnMetrics.Refusal.FORBIDDEN_PEER)
                + " no_permission=" + (long) m.drops(TurnMetrics.Drop.NO_PERMISSION));
        System.out.flush();
        vertx.close().await();
        System.exit(0);
    }
}
