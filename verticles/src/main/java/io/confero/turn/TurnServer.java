package io.confero.turn;

import io.confero.media.stun.ChannelData;
import io.confero.media.stun.StunAttributeType;
import io.confero.media.stun.StunClass;
import io.confero.media.stun.StunErrorCode;
import io.confero.media.stun.StunMessage;
import io.confero.media.stun.StunMessageBuilder;
import io.confero.media.stun.StunMethod;
import io.confero.media.stun.StunParseException;
import io.confero.turn.TurnMetrics.Drop;
import io.confero.turn.TurnMetrics.Refusal;
import java.net.InetSocketAddress;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * The TURN server's protocol core (RFC 8656), free of Vert.x: every datagram or framed stream
 * message from a client goes to {@link #onClientMessage}, every datagram a relay socket receives
 * goes through the allocation's peer handler, and {@link #sweep} expires allocations,
 * permissions and channels by the injected clock. Single-threaded: call it from one event loop.
 * Nothing thrown by bad input escapes; it becomes an error response or a counted drop.
 */
public final class TurnServer {
    /** Comprehension-required attributes this server understands in requests (RFC 8489 §6.3.1). */
    private static final int[] UNDERSTOOD = {
        StunAttributeType.USERNAME, StunAttributeType.MESSAGE_INTEGRITY, StunAttributeType.MESSAGE_INTEGRITY_SHA256,
        StunAttributeType.REALM, StunAttributeType.NONCE, StunAttributeType.LIFETIME,
        StunAttributeType.REQUESTED_TRANSPORT, StunAttributeType.XOR_PEER_ADDRESS, StunAttributeType.CHANNEL_NUMBER,
        StunAttributeType.EVEN_PORT, StunAttributeType.REQUESTED_ADDRESS_FAMILY, StunAttributeType.RESERVATION_TOKEN,
        StunAttributeType.DATA, StunAttributeType.PRIORITY, StunAttributeType.USE_CANDIDATE,
        StunAttributeType.XOR_MAPPED_ADDRESS, StunAttributeType.MAPPED_ADDRESS};

    /** DATA that still fits a Data indication with XOR-PEER-ADDRESS (IPv6) in 65535 attribute bytes. */
    private static final int MAX_DATA_INDICATION_PAYLOAD = 0xFFFF - 24 - 4 - 3;

    private final TurnConfig config;
    private final TurnMetrics metrics;
    private final LongSupplier clock;
    private final RandomGenerator random;
    private final TurnAuthenticator auth;
    private final PeerAddressPolicy policy;
    private final AllocationTable table = new AllocationTable();
    private final TurnRevocations revocations;
    private final AllocationRequests requests;

    public TurnServer(TurnConfig config, TurnMetrics metrics, LongSupplier clock, RandomGenerator random,
                      RelaySocket.Factory relays) {
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
        this.random = random;
        byte[] nonceKey = new byte[32];
        random.nextBytes(nonceKey);
        this.revocations = new TurnRevocations(config.credentialTtlSeconds());
        this.auth = new TurnAuthenticator(config.realm(), config.secret(), new TurnNonces(nonceKey), revocations);
        this.policy = new PeerAddressPolicy(config.allowLoopbackPeers(), config.allowPrivatePeers());
        this.requests = new AllocationRequests(config, table, relays, policy, metrics, clock, random, this::install);
    }

    /** Live allocations (the gauge). */
    public int allocationCount() {
        return table.size();
    }

    /** One UDP datagram, or one complete STUN / ChannelData frame from a stream connection. */
    public void onClientMessage(ClientChannel client, byte[] buf, int off, int len) {
        try {
            if (len >= ChannelData.HEADER_LENGTH && (buf[off] & 0xC0) == 0x40) {
                onChannelData(client, buf, off, len);
            } else if (len >= StunMessage.HEADER_LENGTH && (buf[off] & 0xC0) == 0) {
                onStun(client, StunMessage.parse(buf, off, len));
            } else {
                metrics.dropped(Drop.NOT_STUN_OR_CHANNEL_DATA);
            }
        } catch (StunParseException e) {
            metrics.dropped(Drop.MALFORMED);
        } catch (RuntimeException e) {
            metrics.dropped(Drop.INTERNAL_ERROR);
        }
    }

    /** A stream client went away: its allocation goes with it (RFC 8656 §7, 5-tuple gone). */
    public void onClientClosed(ClientChannel client) {
        Allocation a = table.remove(client.key());
        if (a != null) {
            a.relay.close();
        }
    }

    /** Expires allocations (closing their relay sockets), permissions and channel bindings. */
    public void sweep() {
        long now = clock.getAsLong();
        for (Allocation a : table.expire(now)) {
            a.relay.close();
        }
        for (RelaySocket r : table.expireReservations(now)) {
            r.close();
        }
        revocations.purge(now / 1000);
    }

    /**
     * A seat ended ({@code user} {@code <meeting>.<participant>}), or every seat of {@code meeting}
     * when {@code user} is null: its credentials minted until {@code atEpochSeconds} stop working and
     * its allocations close now (data on a channel or permission needs no credentials, so waiting
     * for the next Refresh would leave the relay open for up to its lifetime).
     */
    public void endSeat(String meeting, String user, long atEpochSeconds) {
        if (user == null) {
            revocations.revokeMeeting(meeting, atEpochSeconds);
        } else {
            revocations.revokeUser(user, atEpochSeconds);
        }
        for (Allocation a : table.removeUsers(u -> user == null ? TurnCredentials.meetingOf(u).equals(meeting)
                : u.equals(user))) {
            a.relay.close();
        }
    }

    /** Closes every relay socket (verticle stop). */
    public void closeAll() {
        for (Allocation a : table.removeAll()) {
            a.relay.close();
        }
    }

    private void onStun(ClientChannel client, StunMessage m) throws StunParseException {
        if (m.hasFingerprint() && !m.verifyFingerprint()) {
            metrics.dropped(Drop.BAD_FINGERPRINT);
            return;
        }
        StunClass cls = m.messageClass();
        int method = m.method();
        if (cls == StunClass.INDICATION && method == StunMethod.SEND) {
            onSend(client, m);
        } else if (cls != StunClass.REQUEST) {
            metrics.dropped(Drop.UNEXPECTED_MESSAGE);
        } else if (method == StunMethod.BINDING) {
            new TurnResponder(m, client).success(
                    b -> b.addXorAddress(StunAttributeType.XOR_MAPPED_ADDRESS, client.remote()));
        } else if (method >= StunMethod.ALLOCATE && method <= StunMethod.CHANNEL_BIND
                && method != StunMethod.SEND && method != StunMethod.DATA) {
            onAuthenticatedRequest(new TurnResponder(m, client), method);
        } else {
            metrics.refused(Refusal.BAD_REQUEST);
            new TurnResponder(m, client).error(StunErrorCode.BAD_REQUEST, "Bad Request");
        }
    }

    private void onAuthenticatedRequest(TurnResponder r, int method) {
        String clientIp = r.client().remote().getAddress().getHostAddress();
        long now = clock.getAsLong();
        TurnAuthenticator.Result result = auth.authenticate(r.request(), clientIp, now);
        if (result instanceof TurnAuthenticator.Reject rej) {
            metrics.refused(rej.refusal());
            if (rej.challenge()) {
                String nonce = auth.freshNonce(clientIp, now);
                r.error(rej.code(), rej.reason(), b -> b.addString(StunAttributeType.REALM, auth.realm())
                        .addString(StunAttributeType.NONCE, nonce));
            } else {
                r.error(rej.code(), rej.reason());
            }
            return;
        }
        TurnAuthenticator.Ok ok = (TurnAuthenticator.Ok) result;
        r.authenticated(ok.key());
        try {
            dispatch(r, method, ok);
        } catch (StunParseException e) {
            metrics.refused(Refusal.BAD_REQUEST);
            r.error(StunErrorCode.BAD_REQUEST, "Bad Request");
        }
    }

    private void dispatch(TurnResponder r, int method, TurnAuthenticator.Ok ok) throws StunParseException {
        int[] unknown = r.request().unknownComprehensionRequired(UNDERSTOOD);
        if (unknown.length > 0) {
            metrics.refused(Refusal.UNKNOWN_ATTRIBUTE);
            r.error(StunErrorCode.UNKNOWN_ATTRIBUTE, "Unknown Attribute", b -> b.addUnknownAttributes(unknown));
            return;
        }
        if (method == StunMethod.ALLOCATE) {
            requests.allocate(r, ok.username(), ok.key());
            return;
        }
        Allocation a = table.get(r.client().key());
        if (a == null) {
            metrics.refused(Refusal.ALLOCATION_MISMATCH);
            r.error(StunErrorCode.ALLOCATION_MISMATCH, "Allocation Mismatch");
        } else if (!a.username.equals(ok.username())) {
            metrics.refused(Refusal.WRONG_CREDENTIALS);
            r.error(StunErrorCode.WRONG_CREDENTIALS, "Wrong Credentials");
        } else if (method == StunMethod.REFRESH) {
            requests.refresh(r, a);
        } else if (method == StunMethod.CREATE_PERMISSION) {
            requests.createPermission(r, a);
        } else {
            requests.channelBind(r, a);
        }
    }

    private Allocation install(ClientChannel client, RelaySocket relay, String username, byte[] key, byte[] txId,
                               long lifetime) {
        long now = clock.getAsLong();
        Allocation a = new Allocation(client, relay, username, key, txId, now + lifetime,
                new TokenBucket(config.bandwidthBytesPerSecond(), now));
        relay.handler((peer, buf, off, len) -> onPeerPacket(a, peer, buf, off, len));
        table.put(client.key(), a);
        return a;
    }

    /** Send indication (RFC 8656 §10.2). */
    private void onSend(ClientChannel client, StunMessage m) throws StunParseException {
        Allocation a = table.get(client.key());
        InetSocketAddress peer = m.xorAddress(StunAttributeType.XOR_PEER_ADDRESS);
        byte[] data = m.value(StunAttributeType.DATA);
        if (a == null) {
            metrics.dropped(Drop.NO_ALLOCATION);
        } else if (peer == null || data == null) {
            metrics.dropped(Drop.MALFORMED);
        } else {
            relayToPeer(a, peer, data, 0, data.length);
        }
    }

    /** ChannelData from the client (RFC 8656 §12.6); over streams {@code len} may include padding. */
    private void onChannelData(ClientChannel client, byte[] buf, int off, int len) {
        int channel = ((buf[off] & 0xFF) << 8) | (buf[off + 1] & 0xFF);
        int dataLen = ((buf[off + 2] & 0xFF) << 8) | (buf[off + 3] & 0xFF);
        if (!ChannelData.isValidRfc5766Channel(channel) || dataLen > len - ChannelData.HEADER_LENGTH
                || len - ChannelData.HEADER_LENGTH - dataLen > 3) {
            metrics.dropped(Drop.MALFORMED);
            return;
        }
        Allocation a = table.get(client.key());
        InetSocketAddress peer = a == null ? null : a.peerFor(channel, clock.getAsLong());
        if (a == null) {
            metrics.dropped(Drop.NO_ALLOCATION);
        } else if (peer == null) {
            metrics.dropped(Drop.NO_CHANNEL);
        } else {
            relayToPeer(a, peer, buf, off + ChannelData.HEADER_LENGTH, dataLen);
        }
    }

    private void relayToPeer(Allocation a, InetSocketAddress peer, byte[] buf, int off, int len) {
        long now = clock.getAsLong();
        if (!a.hasPermission(peer.getAddress(), now)) {
            metrics.dropped(Drop.NO_PERMISSION);
        } else if (!a.admit(len, now)) {
            metrics.dropped(Drop.BANDWIDTH);
        } else {
            a.relay.send(peer, buf, off, len);
            metrics.relayedToPeer(len);
        }
    }

    /** A datagram from a peer to the relayed address (RFC 8656 §10.3, §12.7). */
    private void onPeerPacket(Allocation a, InetSocketAddress peer, byte[] buf, int off, int len) {
        try {
            long now = clock.getAsLong();
            if (!a.hasPermission(peer.getAddress(), now)) {
                metrics.dropped(Drop.NO_PERMISSION);
                return;
            }
            if (!a.admit(len, now)) {
                metrics.dropped(Drop.BANDWIDTH);
                return;
            }
            int channel = a.channelFor(peer, now);
            if (channel < 0 && len > MAX_DATA_INDICATION_PAYLOAD) {
                metrics.dropped(Drop.MALFORMED);
                return;
            }
            byte[] out = channel >= 0 ? channelData(channel, buf, off, len, a.client.isStream())
                    : dataIndication(peer, buf, off, len);
            a.client.send(out, 0, out.length);
            metrics.relayedToClient(len);
        } catch (RuntimeException e) {
            metrics.dropped(Drop.INTERNAL_ERROR);
        }
    }

    private static byte[] channelData(int channel, byte[] buf, int off, int len, boolean pad) {
        int size = ChannelData.HEADER_LENGTH + (pad ? (len + 3) & ~3 : len);
        byte[] out = new byte[size];
        ChannelData.writeHeaderAndData(channel, buf, off, len, out, 0);
        return out;
    }

    private byte[] dataIndication(InetSocketAddress peer, byte[] buf, int off, int len) {
        byte[] txId = new byte[12];
        random.nextBytes(txId);
        return new StunMessageBuilder(StunMethod.DATA, StunClass.INDICATION, txId)
                .addXorAddress(StunAttributeType.XOR_PEER_ADDRESS, peer)
                .add(StunAttributeType.DATA, buf, off, len)
                .build();
    }
}
