package io.confero.turn;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Micrometer meters of the TURN server: {@code turn.allocations} (gauge), {@code turn.relayed.bytes}
 * and {@code turn.relayed.packets} (tag {@code direction} = to_peer | to_client),
 * {@code turn.refusals} (tag {@code reason}, error responses) and {@code turn.drops} (tag
 * {@code reason}, silently discarded input).
 */
public final class TurnMetrics {

    /** Why a request got an error response. */
    public enum Refusal {
        UNAUTHENTICATED, STALE_NONCE, EXPIRED_CREDENTIALS, BAD_INTEGRITY, WRONG_CREDENTIALS, BAD_REQUEST, UNKNOWN_ATTRIBUTE, ALLOCATION_MISMATCH,
        UNSUPPORTED_TRANSPORT, ADDRESS_FAMILY, FORBIDDEN_PEER, QUOTA, INSUFFICIENT_CAPACITY, SEAT_ENDED
    }

    /** Why input was discarded without an answer. */
    public enum Drop {
        MALFORMED, NOT_STUN_OR_CHANNEL_DATA, BAD_FINGERPRINT, UNEXPECTED_MESSAGE, NO_ALLOCATION, NO_PERMISSION,
        NO_CHANNEL, FORBIDDEN_PEER, BANDWIDTH, TCP_FRAMING, ALLOCATION_PENDING, INTERNAL_ERROR
    }

    private final Map<Refusal, Counter> refusals = new EnumMap<>(Refusal.class);
    private final Map<Drop, Counter> drops = new EnumMap<>(Drop.class);
    private final Counter bytesToPeer;
    private final Counter bytesToClient;
    private final Counter packetsToPeer;
    private final Counter packetsToClient;

    public TurnMetrics(MeterRegistry registry, IntSupplier allocations) {
        Gauge.builder("turn.allocations", allocations, s -> s.getAsInt()).strongReference(true)
                .description("live TURN allocations")
                .register(registry);
        for (Refusal r : Refusal.values()) {
            refusals.put(r, Counter.builder("turn.refusals").tag("reason", tag(r)).register(registry));
        }
        for (Drop d : Drop.values()) {
            drops.put(d, Counter.builder("turn.drops").tag("reason", tag(d)).register(registry));
        }
        bytesToPeer = Counter.builder("turn.relayed.bytes").tag("direction", "to_peer").register(registry);
        bytesToClient = Counter.builder("turn.relayed.bytes").tag("direction", "to_client").register(registry);
        packetsToPeer = Counter.builder("turn.relayed.packets").tag("direction", "to_peer").register(registry);
        packetsToClient = Counter.builder("turn.relayed.packets").tag("direction", "to_client").register(registry);
    }

    void refused(Refusal r) {
        refusals.get(r).increment();
    }

    void dropped(Drop d) {
        drops.get(d).increment();
    }

    void relayedToPeer(int bytes) {
        packetsToPeer.increment();
        bytesToPeer.increment(bytes);
    }

    void relayedToClient(int bytes) {
        packetsToClient.increment();
        bytesToClient.increment(bytes);
    }

    public double refusals(Refusal r) {
        return refusals.get(r).count();
    }

    public double drops(Drop d) {
        return drops.get(d).count();
    }

    public double packetsToPeer() {
        return packetsToPeer.count();
    }

    public double packetsToClient() {
        return packetsToClient.count();
    }

    private static String tag(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
