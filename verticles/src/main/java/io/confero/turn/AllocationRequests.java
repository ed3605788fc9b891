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
import java.util.random.RandomGenerator;

/**
 * The authenticated TURN requests: Allocate (RFC 8656 §7.2), Refresh (§7.3), CreatePermission
 * (§9.2) and ChannelBind (§11.2). Each method answers through the {@link TurnResponder}.
 */
final class AllocationRequests {
    private static final int UDP = 17;
    /** How long the odd port of an EVEN-PORT(R) pair stays reserved (RFC 8656 §7.2: about 30 s). */
    static final long RESERVATION_MILLIS = 30_000;

    private final TurnConfig config;
    private final AllocationTable table;
    private final RelaySocket.Factory relays;
    private final PeerAddressPolicy policy;
    private final TurnMetrics metrics;
    private final LongSupplier clock;
    private final RandomGenerator random;
    private final Allocator allocator;

    /** Installs a freshly opened relay as an allocation (owned by {@link TurnServer}). */
    @FunctionalInterface
    interface Allocator {
        Allocation install(ClientChannel client, RelaySocket relay, String username, byte[] key, byte[] txId, long lifetime);
    }

    AllocationRequests(TurnConfig config, AllocationTable table, RelaySocket.Factory relays, PeerAddressPolicy policy,
                       TurnMetrics metrics, LongSupplier clock, RandomGenerator random, Allocator allocator) {
        this.config = config;
        this.table = table;
        this.relays = relays;
        this.policy = policy;
        this.metrics = metrics;
        this.clock = clock;
        this.random = random;
        this.allocator = allocator;
    }

    void allocate(TurnResponder r, String username, byte[] key) throws StunParseException {
        StunMessage m = r.request();
        ClientKey ck = r.client().key();
        Allocation existing = table.get(ck);
        if (existing != null) {
            if (Arrays.equals(existing.allocateTransactionId, m.transactionId()) && existing.username.equals(username)) {
                allocateSuccess(r, existing, (existing.expiresAt() - clock.getAsLong()) / 1000, false, null);
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
                || table.countForUser(user) >= config.maxAllocationsPerUser()
                || table.countForMeeting(TurnCredentials.meetingOf(user)) >= config.maxAllocationsPerMeeting()) {
            refuse(r, StunErrorCode.ALLOCATION_QUOTA_REACHED, "Allocation Quota Reached", Refusal.QUOTA);
            return;
        }
        long lifetime = lifetimeMillis(m.uint32(StunAttributeType.LIFETIME));
        Grant grant = new Grant(r, username, key, m.transactionId(), lifetime,
                m.firstByteOf4(StunAttributeType.ADDITIONAL_ADDRESS_FAMILY) == StunAddress.FAMILY_IPV6);
        Long token = m.uint64(StunAttributeType.RESERVATION_TOKEN);
        if (token != null) {
            RelaySocket reserved = table.takeReservation(token, clock.getAsLong());
            if (reserved == null) {
                refuse(r, StunErrorCode.INSUFFICIENT_CAPACITY, "Insufficient Capacity", Refusal.INSUFFICIENT_CAPACITY);
            } else {
                grant(grant, reserved, null);
            }
            return;
        }
        table.markPending(ck, user);
        if (Boolean.TRUE.equals(m.evenPortReserve())) {
            relays.openEvenPair((even, odd) -> {
                if (!table.clearPending(ck)) {
                    even.close();
                    odd.close();
                    return;
                }
                long reservation = random.nextLong();
                table.reserve(reservation, odd, clock.getAsLong() + RESERVATION_MILLIS);
                grant(grant, even, reservation);
            }, err -> openFailed(r, ck));
        } else {
            relays.open(m.has(StunAttributeType.EVEN_PORT), relay -> {
                if (!table.clearPending(ck)) {
                    relay.close();
                    return;
                }
                grant(grant, relay, null);
            }, err -> openFailed(r, ck));
        }
    }

    /** What a successful Allocate needs once its relay socket is open. */
    private record Grant(TurnResponder r, String username, byte[] key, byte[] txId, long lifetime, boolean ipv6Requested) {
    }

    private void grant(Grant g, RelaySocket relay, Long reservationToken) {
        Allocation a = allocator.install(g.r.client(), relay, g.username, g.key, g.txId, g.lifetime);
        allocateSuccess(g.r, a, g.lifetime / 1000, g.ipv6Requested, reservationToken);
    }

    private void openFailed(TurnResponder r, ClientKey ck) {
        table.clearPending(ck);
        refuse(r, StunErrorCode.INSUFFICIENT_CAPACITY, "Insufficient Capacity", Refusal.INSUFFICIENT_CAPACITY);
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
        return true;
    }

    private void allocateSuccess(TurnResponder r, Allocation a, long lifetimeSeconds, boolean ipv6Requested,
                                 Long reservationToken) {
        r.success(b -> {
            if (reservationToken != null) {
                b.addUInt64(StunAttributeType.RESERVATION_TOKEN, reservationToken);
            }
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
        if (!ChannelData.isValidRfc5766Channel(channel) || peer == null) {
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
