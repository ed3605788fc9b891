package io.confero.turn;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * One allocation (RFC 8656 §2.2, §6): the client's 5-tuple, its relayed socket, the username it
 * was created with, its expiry, permissions (peer IP → expiry, §9) and channel bindings
 * (number ↔ peer, §12). Only ever touched from the owning event loop.
 */
final class Allocation {
    static final long DEFAULT_LIFETIME_MILLIS = 600_000;
    static final long MAX_LIFETIME_MILLIS = 3_600_000;
    static final long PERMISSION_LIFETIME_MILLIS = 300_000;
    static final long CHANNEL_LIFETIME_MILLIS = 600_000;
    /** After a binding expires, neither its number nor its peer may be rebound elsewhere for 5 min (RFC 8656 §12). */
    static final long CHANNEL_QUARANTINE_MILLIS = 300_000;

    private record Binding(InetSocketAddress peer, long expiresAt) {
    }

    final ClientChannel client;
    final RelaySocket relay;
    final String username;
    final String user;
    final byte[] key;
    final byte[] allocateTransactionId;
    private long expiresAt;
    private final Map<InetAddress, Long> permissions = new HashMap<>();
    private final Map<Integer, Binding> channels = new HashMap<>();
    private final Map<InetSocketAddress, Integer> channelByPeer = new HashMap<>();
    private final TokenBucket bucket;

    Allocation(ClientChannel client, RelaySocket relay, String username, byte[] key, byte[] allocateTransactionId,
               long expiresAt, TokenBucket bucket) {
        this.client = client;
        this.relay = relay;
        this.username = username;
        this.user = TurnCredentials.userOf(username);
        this.key = key;
        this.allocateTransactionId = allocateTransactionId;
        this.expiresAt = expiresAt;
        this.bucket = bucket;
    }

    long expiresAt() {
        return expiresAt;
    }

    void refresh(long newExpiresAt) {
        this.expiresAt = newExpiresAt;
    }

    boolean isExpired(long now) {
        return now >= expiresAt;
    }

    void installPermission(InetAddress peerIp, long now) {
        permissions.put(peerIp, now + PERMISSION_LIFETIME_MILLIS);
    }

    boolean hasPermission(InetAddress peerIp, long now) {
        Long exp = permissions.get(peerIp);
        return exp != null && now < exp;
    }

    int permissionCount() {
        return permissions.size();
    }

    /** Channel currently bound to {@code peer}, or -1. */
    int channelFor(InetSocketAddress peer, long now) {
        Integer ch = channelByPeer.get(peer);
        if (ch == null) {
            return -1;
        }
        Binding b = channels.get(ch);
        return b != null && now < b.expiresAt ? ch : -1;
    }

    /** Peer bound to {@code channel}, or null. */
    InetSocketAddress peerFor(int channel, long now) {
        Binding b = channels.get(channel);
        return b != null && now < b.expiresAt ? b.peer : null;
    }

    /**
     * Whether {@code channel} may be bound to {@code peer} (RFC 8656 §11.2): neither may be bound
     * to something else, including bindings that expired less than 5 minutes ago (§12).
     */
    boolean canBind(int channel, InetSocketAddress peer) {
        Binding b = channels.get(channel);
        Integer ch = channelByPeer.get(peer);
        return (b == null || b.peer.equals(peer)) && (ch == null || ch == channel);
    }

    void bindChannel(int channel, InetSocketAddress peer, long now) {
        channels.put(channel, new Binding(peer, now + CHANNEL_LIFETIME_MILLIS));
        channelByPeer.put(peer, channel);
        installPermission(peer.getAddress(), now);
    }

    int channelCount() {
        return channels.size();
    }

    /** Removes expired permissions, and channel bindings once their 5-minute quarantine is over (RFC 8656 §9, §12). */
    void sweep(long now) {
        permissions.values().removeIf(exp -> now >= exp);
        channels.entrySet().removeIf(e -> {
            boolean expired = now >= e.getValue().expiresAt + CHANNEL_QUARANTINE_MILLIS;
            if (expired) {
                channelByPeer.remove(e.getValue().peer);
            }
            return expired;
        });
    }

    boolean admit(int bytes, long now) {
        return bucket.tryConsume(bytes, now);
    }
}
