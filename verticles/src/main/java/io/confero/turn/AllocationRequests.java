package io.confero.turn;

import io.confero.media.stun.ChannelData;
import io.confero.media.stun.StunAddress;
import io.confero.media.stun.StunAttributeType;
import io.confero.media.stun.StunErrorCode;
import io.confero.media.stun.StunMessage;
import io.confero.media.stun.StunParseException;
import io.confero.turn.ClientChannel.ClientKey;
import io.confero.turn.TurnMetrics.Refusal;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * The authenticated TURN requests: Allocate (RFC 8656 §7.2), Refresh (§7.3), CreatePermission
 * (§9.2) and ChannelBind (§11.2). Each method answers through the {@link TurnResponder}.
 */
final class AllocationRequests {
    private static final int UDP = 17;

    private final TurnConfig config;
    private final AllocationTable table;
    private final RelaySocket.Factory relays;
    private final PeerAddressPolicy policy;
    private final TurnMetrics metrics;
    private final LongSupplier clock;
    private final Allocator allocator;

    /** Installs a freshly opened relay as an allocation (owned by {@link TurnServer}). */
    @FunctionalInterface
    interface Allocator {
        Allocation install(ClientChannel client, RelaySocket relay, String username, byte[] key, byte[] txId, long lifetime);
    }

    AllocationRequests(TurnConfig config, AllocationTable table, RelaySocket.Factory relays, PeerAddressPolicy policy,
                       TurnMetrics metrics, LongSupplier clock, Allocator allocator) {
        this.config = config;
        this.table = table;
        this.relays = relays;
        this.policy = policy;
        this.metrics = metrics;
        this.clock = clock;
        this.allocator = allocator;
    }

    void allocate(TurnResponder r, String username, byte[] key) throws StunParseException {
        StunMessage m = r.request();
        ClientKey ck = r.client().key();
        Allocation existing = table.get(ck);
        if (existing != null) {
            if (Arrays.equals(existing.allocateTransactionId, m.transactionId()) && existing.username.equals(username)) {
                allocateSuccess(r, existing, (existing.expiresAt() - clock.getAsLong()) / 1000, false);
            } else {
                refuse(r, StunErrorCode.ALLOCATION_MISMATCH, "Allocation Mismatch", Refusal.ALLOCATION_MISMATCH);
            }
            return;
        }
        if (table.isPending(ck)) {
            metrics.dropped(TurnMetrics.Drop.ALLOCATION_PENDING);
            return;
        }
        if (!checkAllocateAttributes(r)) {
            return;
        }
        String user = TurnCredentials.userOf(username);
        if (table.sizeIncludingPending() >= config.maxAllocations()
                || table.countForUser(user) >= config.maxAllocationsPerUser()) {
            refuse(r, StunErrorCode.ALLOCATION_QUOTA_REACHED, "Allocation Quota Reached", Refusal.QUOTA);
            return;
        }
        long lifetime = lifetimeMillis(m.uint32(StunAttributeType.LIFETIME));
        boolean ipv6Requested = m.firstByteOf4(StunAttributeType.ADDITIONAL_ADDRESS_FAMILY) == StunAddress.FAMILY_IPV6;
        byte[] txId = m.transactionId();
        table.markPending(ck, user);
        relays.open(m.has(StunAttributeType.EVEN_PORT), relay -> {
            if (!table.clearPending(ck)) {
                relay.close();
                return;
            }
            Allocation a = allocator.install(r.client(), relay, username, key, txId, lifetime);
            allocateSuccess(r, a, lifetime / 1000, ipv6Requested);
        }, err -> {
            table.clearPending(ck);
            refuse(r, StunErrorCode.INSUFFICIENT_CAPACITY, "Insufficient Capacity", Refusal.INSUFFICIENT_CAPACITY);
        });
    }

    /** RFC 8656 §7.2 steps 3-7; answers and returns false when the request cannot proceed. */
    private boolean checkAllocateAttributes(TurnResponder r) throws StunParseException {
        StunMessage m = r.request();
        int transport = m.firstByteOf4(StunAttributeType.REQUESTED_TRANSPORT);
        int family = m.firstByteOf4(StunAttributeType.REQUESTED_ADDRESS_FAMILY);
        int additional = m.firstByteOf4(StunAttributeType.ADDITIONAL_ADDRESS_FAMILY);
        boolean token = m.has(StunAttributeType.RESERVATION_TOKEN);
        Boolean evenPort = m.evenPortReserve();
        if (transport < 0 || (token && (evenPort != null || family >= 0)) || (family >= 0 && additional >= 0)
                || (additional >= 0 && additional != StunAddress.FAMILY_IPV6)) {
            refuse(r, StunErrorCode.BAD_REQUEST, "Bad Request", Refusal.BAD_REQUEST);
            return false;
        }
        if (transport != UDP) {
            refuse(r, StunErrorCode.UNSUPPORTED_TRANSPORT_PROTOCOL, "Unsupported Transport Protocol",
                    Refusal.UNSUPPORTED_TRANSPORT);
            return false;
        }
        if (family >= 0 && family != StunAddress.FAMILY_IPV4) {
            refuse(r, StunErrorCode.ADDRESS_FAMILY_NOT_SUPPORTED, "Address Family not Supported", Refusal.ADDRESS_FAMILY);
            return false;
        }
        if (token || Boolean.TRUE.equals(evenPort)) {
            // This server keeps no port reservations (RFC 8656 §7.2: 508 when it cannot satisfy them).
            refuse(r, StunErrorCode.INSUFFICIENT_CAPACITY, "Insufficient Capacity", Refusal.INSUFFICIENT_CAPACITY);
            return false;
        }
        return true;
    }

    private void allocateSuccess(TurnResponder r, Allocation a, long lifetimeSeconds, boolean ipv6Requested) {
        r.success(b -> {
            b.addXorAddress(StunAttributeType.XOR_RELAYED_ADDRESS, a.relay.localAddress());
            b.addUInt32(StunAttributeType.LIFETIME, Math.max(0, lifetimeSeconds));
            b.addXorAddress(StunAttributeType.XOR_MAPPED_ADDRESS, r.client().remote());
            if (ipv6Requested) {
                b.addErrorCode(StunAttributeType.ADDRESS_ERROR_CODE, new StunErrorCode(StunAddress.FAMILY_IPV6,
                        StunErrorCode.ADDRESS_FAMILY_NOT_SUPPORTED, "Address Family not Supported"));
            }
        });
    }

    void refresh(TurnResponder r, Allocation a) throws StunParseException {
        StunMessage m = r.request();
        int family = m.firstByteOf4(StunAttributeType.REQUESTED_ADDRESS_FAMILY);
        if (family >= 0 && family != StunAddress.FAMILY_IPV4) {
            refuse(r, StunErrorCode.PEER_ADDRESS_FAMILY_MISMATCH, "Peer Address Family Mismatch", Refusal.ADDRESS_FAMILY);
            return;
        }
        long requested = m.uint32(StunAttributeType.LIFETIME);
        if (requested == 0) {
            table.remove(r.client().key());
            a.relay.close();
            r.success(b -> b.addUInt32(StunAttributeType.LIFETIME, 0));
            return;
        }
        long lifetime = lifetimeMillis(requested);
        a.refresh(clock.getAsLong() + lifetime);
        r.success(b -> b.addUInt32(StunAttributeType.LIFETIME, lifetime / 1000));
    }

    void createPermission(TurnResponder r, Allocation a) throws StunParseException {
        InetSocketAddress[] peers = r.request().xorAddresses(StunAttributeType.XOR_PEER_ADDRESS);
        if (peers.length == 0) {
            refuse(r, StunErrorCode.BAD_REQUEST, "Bad Request", Refusal.BAD_REQUEST);
            return;
        }
        for (InetSocketAddress p : peers) {
            if (!checkPeer(r, p)) {
                return;
            }
        }
        long now = clock.getAsLong();
        for (InetSocketAddress p : peers) {
            a.installPermission(p.getAddress(), now);
        }
        r.success(b -> { });
    }

    void channelBind(TurnResponder r, Allocation a) throws StunParseException {
        StunMessage m = r.request();
        int channel = m.channelNumber();
        InetSocketAddress peer = m.xorAddress(StunAttributeType.XOR_PEER_ADDRESS);
        if (!ChannelData.isValidChannel(channel) || peer == null) {
            refuse(r, StunErrorCode.BAD_REQUEST, "Bad Request", Refusal.BAD_REQUEST);
            return;
        }
        if (!checkPeer(r, peer)) {
            return;
        }
        if (!a.canBind(channel, peer)) {
            refuse(r, StunErrorCode.BAD_REQUEST, "Bad Request", Refusal.BAD_REQUEST);
            return;
        }
        a.bindChannel(channel, peer, clock.getAsLong());
        r.success(b -> { });
    }

    /** Family (443, RFC 8656 §9.2) and policy (403, §21.1.3) checks of one peer address. */
    private boolean checkPeer(TurnResponder r, InetSocketAddress peer) {
        if (!(peer.getAddress() instanceof Inet4Address)) {
            refuse(r, StunErrorCode.PEER_ADDRESS_FAMILY_MISMATCH, "Peer Address Family Mismatch", Refusal.ADDRESS_FAMILY);
            return false;
        }
        if (!policy.isAllowed(peer.getAddress())) {
            refuse(r, StunErrorCode.FORBIDDEN, "Forbidden", Refusal.FORBIDDEN_PEER);
            return false;
        }
        return true;
    }

    /** RFC 8656 §7.2 step 8: min(requested, max), but never below the default; absent = default. */
    static long lifetimeMillis(long requestedSeconds) {
        if (requestedSeconds < 0) {
            return Allocation.DEFAULT_LIFETIME_MILLIS;
        }
        long wanted = Math.min(requestedSeconds * 1000, Allocation.MAX_LIFETIME_MILLIS);
        return Math.max(wanted, Allocation.DEFAULT_LIFETIME_MILLIS);
    }

    private void refuse(TurnResponder r, int code, String reason, Refusal refusal) {
        metrics.refused(refusal);
        r.error(code, reason);
    }
}
