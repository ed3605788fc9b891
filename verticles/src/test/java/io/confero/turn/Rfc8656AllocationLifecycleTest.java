package io.confero.turn;

import static io.confero.turn.TurnFakes.addr;
import static org.assertj.core.api.Assertions.assertThat;

import io.confero.media.stun.ChannelData;
import io.confero.media.stun.StunAttributeType;
import io.confero.media.stun.StunClass;
import io.confero.media.stun.StunErrorCode;
import io.confero.media.stun.StunMessage;
import io.confero.media.stun.StunMessageBuilder;
import io.confero.media.stun.StunMethod;
import io.confero.turn.ClientChannel.Transport;
import io.confero.turn.TurnFakes.FakeClient;
import io.confero.turn.TurnFakes.FakeClock;
import io.confero.turn.TurnFakes.FakeRelay;
import io.confero.turn.TurnFakes.FakeRelays;
import io.confero.turn.TurnMetrics.Drop;
import io.confero.turn.TurnMetrics.Refusal;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Allocation, permission and channel lifecycles of RFC 8656 §7, §9, §11, §12 with a fake clock. */
class Rfc8656AllocationLifecycleTest {
    static final String SECRET = "test-secret-0123456789";
    static final InetSocketAddress PEER = addr("198.51.100.7", 5000);

    FakeClock clock;
    FakeRelays relays;
    TurnMetrics metrics;
    TurnServer server;
    FakeClient client;

    @BeforeEach
    void setUp() {
        start(TurnConfig.defaults(SECRET));
    }

    void start(TurnConfig config) {
        clock = new FakeClock();
        relays = new FakeRelays();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TurnServer[] holder = new TurnServer[1];
        metrics = new TurnMetrics(registry, () -> holder[0] == null ? 0 : holder[0].allocationCount());
        server = new TurnServer(config, metrics, clock, new SplittableRandom(7), relays);
        holder[0] = server;
        client = newClient("203.0.113.5", 40000, "alice");
    }

    FakeClient newClient(String ip, int port, String user) {
        return new FakeClient(server, Transport.UDP, addr(ip, port))
                .credentials(TurnCredentials.mint(SECRET, user, clock.now / 1000, 86400));
    }

    static Consumer<StunMessageBuilder> udpTransport() {
        return b -> b.addFirstByteOf4(StunAttributeType.REQUESTED_TRANSPORT, 17);
    }

    static Consumer<StunMessageBuilder> peer(InetSocketAddress p) {
        return b -> b.addXorAddress(StunAttributeType.XOR_PEER_ADDRESS, p);
    }

    static int errorOf(StunMessage m) throws Exception {
        assertThat(m.messageClass()).isEqualTo(StunClass.ERROR_RESPONSE);
        return m.errorCode().code();
    }

    StunMessage allocate(FakeClient c) {
        return c.request(StunMethod.ALLOCATE, udpTransport());
    }

    @Test
    void section7_2_firstRequestIsChallengedWith401RealmAndNonce() throws Exception {
        StunMessage r = client.raw(StunMethod.ALLOCATE, StunClass.REQUEST, client.nextTxId(), udpTransport(), false);
        assertThat(errorOf(r)).isEqualTo(401);
        assertThat(r.realm()).isEqualTo("confero");
        assertThat(r.nonce()).isNotEmpty();
        assertThat(r.hasMessageIntegrity()).isFalse();
        assertThat(server.allocationCount()).isZero();
        assertThat(metrics.refusals(Refusal.UNAUTHENTICATED)).isEqualTo(1);
    }

    @Test
    void section7_2_allocateSucceedsWithRelayedMappedAndLifetime() throws Exception {
        StunMessage r = allocate(client);
        assertThat(r.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(r.verifyMessageIntegrity(client.hmacKey())).isTrue();
        assertThat(r.xorAddress(StunAttributeType.XOR_RELAYED_ADDRESS)).isEqualTo(addr("127.0.0.1", 50000));
        assertThat(r.xorAddress(StunAttributeType.XOR_MAPPED_ADDRESS)).isEqualTo(client.remote);
        assertThat(r.uint32(StunAttributeType.LIFETIME)).isEqualTo(600);
        assertThat(server.allocationCount()).isEqualTo(1);
    }

    @Test
    void section7_2_nonUdpTransportIs442AndTcpLifetimeClampedTo3600() throws Exception {
        StunMessage r = client.request(StunMethod.ALLOCATE, b -> b.addFirstByteOf4(StunAttributeType.REQUESTED_TRANSPORT, 6));
        assertThat(errorOf(r)).isEqualTo(442);
        assertThat(r.verifyMessageIntegrity(client.hmacKey())).isTrue();
        r = client.request(StunMethod.ALLOCATE, udpTransport().andThen(b -> b.addUInt32(StunAttributeType.LIFETIME, 100000)));
        assertThat(r.uint32(StunAttributeType.LIFETIME)).isEqualTo(3600);
    }

    @Test
    void section7_2_retransmittedAllocateGetsSameAnswerOtherTransactionGets437() throws Exception {
        byte[] tx = client.nextTxId();
        client.request(StunMethod.ALLOCATE, udpTransport()); // learn nonce
        StunMessage again = client.raw(StunMethod.ALLOCATE, StunClass.REQUEST, tx, udpTransport(), true);
        assertThat(errorOf(again)).isEqualTo(437);
        assertThat(relays.opened).hasSize(1);
    }

    @Test
    void section7_2_retransmittedAllocateWithSameTransactionIsAnsweredAgain() throws Exception {
        allocate(client); // learns the nonce; allocation 1 exists
        client.request(StunMethod.REFRESH, b -> b.addUInt32(StunAttributeType.LIFETIME, 0));
        byte[] tx = client.nextTxId();
        StunMessage first = client.raw(StunMethod.ALLOCATE, StunClass.REQUEST, tx, udpTransport(), true);
        clock.advanceSeconds(10);
        StunMessage again = client.raw(StunMethod.ALLOCATE, StunClass.REQUEST, tx, udpTransport(), true);
        assertThat(again.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(again.xorAddress(StunAttributeType.XOR_RELAYED_ADDRESS))
                .isEqualTo(first.xorAddress(StunAttributeType.XOR_RELAYED_ADDRESS));
        assertThat(again.uint32(StunAttributeType.LIFETIME)).isEqualTo(590);
        assertThat(relays.opened).hasSize(2);
    }

    @Test
    void section7_3_refreshWithZeroLifetimeDeletesAndFreesTheSocket() throws Exception {
        allocate(client);
        FakeRelay relay = relays.last();
        StunMessage r = client.request(StunMethod.REFRESH, b -> b.addUInt32(StunAttributeType.LIFETIME, 0));
        assertThat(r.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(r.uint32(StunAttributeType.LIFETIME)).isZero();
        assertThat(relay.closed).isTrue();
        assertThat(server.allocationCount()).isZero();
        assertThat(errorOf(client.request(StunMethod.REFRESH, b -> { }))).isEqualTo(437);
    }

    @Test
    void section7_allocationExpiresAfterLifetimeAndRefreshExtendsIt() throws Exception {
        allocate(client);
        FakeRelay relay = relays.last();
        clock.advanceSeconds(500);
        client.nonce = null;
        StunMessage r = client.request(StunMethod.REFRESH, b -> b.addUInt32(StunAttributeType.LIFETIME, 600));
        assertThat(r.uint32(StunAttributeType.LIFETIME)).isEqualTo(600);
        clock.advanceSeconds(599);
        server.sweep();
        assertThat(relay.closed).isFalse();
        clock.advanceSeconds(1);
        server.sweep();
        assertThat(relay.closed).isTrue();
        assertThat(server.allocationCount()).isZero();
    }

    @Test
    void section9_permissionsLastFiveMinutesAndGateBothDirections() throws Exception {
        allocate(client);
        FakeRelay relay = relays.last();
        byte[] payload = {1, 2, 3};
        sendIndication(PEER, payload);
        assertThat(relay.sent).isEmpty();
        assertThat(metrics.drops(Drop.NO_PERMISSION)).isEqualTo(1);

        assertThat(client.request(StunMethod.CREATE_PERMISSION, peer(PEER)).messageClass())
                .isEqualTo(StunClass.SUCCESS_RESPONSE);
        sendIndication(addr("198.51.100.7", 9999), payload); // permission is per IP, any port
        assertThat(relay.sent).hasSize(1);
        assertThat(relay.sent.get(0).data()).containsExactly(1, 2, 3);

        int before = client.received.size();
        relay.fromPeer(PEER, new byte[] {9, 9});
        StunMessage data = client.lastStun();
        assertThat(client.received).hasSize(before + 1);
        assertThat(data.method()).isEqualTo(StunMethod.DATA);
        assertThat(data.messageClass()).isEqualTo(StunClass.INDICATION);
        assertThat(data.xorAddress(StunAttributeType.XOR_PEER_ADDRESS)).isEqualTo(PEER);
        assertThat(data.value(StunAttributeType.DATA)).containsExactly(9, 9);

        relay.fromPeer(addr("198.51.100.8", 5000), new byte[] {1});
        assertThat(client.received).hasSize(before + 1);

        clock.advanceSeconds(300);
        server.sweep();
        sendIndication(PEER, payload);
        assertThat(relay.sent).hasSize(1);
    }

    @Test
    void section11_channelBindRelaysChannelDataAndExpiresAfterTenMinutes() throws Exception {
        allocate(client);
        FakeRelay relay = relays.last();
        StunMessage r = client.request(StunMethod.CHANNEL_BIND, peer(PEER).andThen(b -> b.addChannelNumber(0x4001)));
        assertThat(r.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);

        client.sendRaw(new byte[] {0x40, 0x01, 0, 3, 7, 8, 9});
        assertThat(relay.sent).hasSize(1);
        assertThat(relay.sent.get(0).peer()).isEqualTo(PEER);
        assertThat(relay.sent.get(0).data()).containsExactly(7, 8, 9);

        relay.fromPeer(PEER, new byte[] {5, 6, 7, 8, 9});
        assertThat(client.received.get(client.received.size() - 1)).containsExactly(0x40, 0x01, 0, 5, 5, 6, 7, 8, 9);

        // a different channel for the same peer, or this channel for another peer: 400
        assertThat(errorOf(client.request(StunMethod.CHANNEL_BIND, peer(PEER).andThen(b -> b.addChannelNumber(0x4002)))))
                .isEqualTo(400);
        assertThat(errorOf(client.request(StunMethod.CHANNEL_BIND,
                peer(addr("198.51.100.9", 1)).andThen(b -> b.addChannelNumber(0x4001))))).isEqualTo(400);
        assertThat(errorOf(client.request(StunMethod.CHANNEL_BIND, peer(PEER).andThen(b -> b.addChannelNumber(0x3FFF)))))
                .isEqualTo(400);

        // refresh the allocation, let the channel (10 min) lapse
        client.request(StunMethod.REFRESH, b -> b.addUInt32(StunAttributeType.LIFETIME, 3600));
        clock.advanceSeconds(600);
        server.sweep();
        client.sendRaw(new byte[] {0x40, 0x01, 0, 1, 7});
        assertThat(relay.sent).hasSize(1);
        assertThat(metrics.drops(Drop.NO_CHANNEL)).isEqualTo(1);

        // §12: for 5 minutes after expiry the number cannot go to another peer; the same pair may rebind
        InetSocketAddress other = addr("198.51.100.9", 1);
        client.nonce = null;
        assertThat(errorOf(client.request(StunMethod.CHANNEL_BIND, peer(other).andThen(b -> b.addChannelNumber(0x4001)))))
                .isEqualTo(400);
        clock.advanceSeconds(300);
        server.sweep();
        assertThat(client.request(StunMethod.CHANNEL_BIND, peer(other).andThen(b -> b.addChannelNumber(0x4001)))
                .messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
    }

    @Test
    void section12_5_channelDataOverTcpIsPadded() throws Exception {
        FakeClient tcp = new FakeClient(server, Transport.TCP, addr("203.0.113.5", 40001))
                .credentials(TurnCredentials.mint(SECRET, "bob", clock.now / 1000, 3600));
        allocate(tcp);
        FakeRelay relay = relays.last();
        tcp.request(StunMethod.CHANNEL_BIND, peer(PEER).andThen(b -> b.addChannelNumber(0x4FFF)));
        tcp.sendRaw(new byte[] {0x4F, (byte) 0xFF, 0, 1, 42, 0, 0, 0});
        assertThat(relay.sent.get(0).data()).containsExactly(42);
        relay.fromPeer(PEER, new byte[] {1, 2, 3, 4, 5});
        assertThat(tcp.received.get(tcp.received.size() - 1)).hasSize(12)
                .startsWith(0x4F, 0xFF, 0, 5, 1, 2, 3, 4, 5, 0, 0, 0);
        server.onClientClosed(tcp);
        assertThat(relay.closed).isTrue();
    }

    @Test
    void section9_privateAndLoopbackPeersAre403AndIpv6PeersAre443() throws Exception {
        allocate(client);
        for (String ip : new String[] {"10.1.2.3", "127.0.0.1", "192.168.1.1", "172.16.0.1", "169.254.1.1", "224.0.0.1", "0.0.0.0"}) {
            StunMessage r = client.request(StunMethod.CREATE_PERMISSION, peer(addr(ip, 1)));
            assertThat(errorOf(r)).as(ip).isEqualTo(403);
        }
        assertThat(errorOf(client.request(StunMethod.CREATE_PERMISSION, peer(addr("2001:db8::1", 1))))).isEqualTo(443);
        assertThat(errorOf(client.request(StunMethod.CHANNEL_BIND,
                peer(addr("10.0.0.1", 1)).andThen(b -> b.addChannelNumber(0x4000))))).isEqualTo(403);
        assertThat(metrics.refusals(Refusal.FORBIDDEN_PEER)).isEqualTo(8);
    }

    @Test
    void section5_staleNonceIs438AndExpiredOrWrongCredentialsAre401() throws Exception {
        allocate(client);
        clock.advanceSeconds(601);
        StunMessage stale = client.request(StunMethod.REFRESH, b -> { });
        assertThat(errorOf(stale)).isEqualTo(438);
        assertThat(stale.nonce()).isNotEqualTo(client.nonce);
        client.nonce = stale.nonce();
        assertThat(client.request(StunMethod.REFRESH, b -> { }).messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);

        FakeClient expired = newClient("203.0.113.6", 1, "carol")
                .credentials(TurnCredentials.mint(SECRET, "carol", clock.now / 1000 - 7200, 3600));
        assertThat(errorOf(allocate(expired))).isEqualTo(401);
        FakeClient wrong = newClient("203.0.113.7", 1, "dave")
                .credentials(TurnCredentials.mint("another-secret-000000", "dave", clock.now / 1000, 3600));
        assertThat(errorOf(allocate(wrong))).isEqualTo(401);
        assertThat(metrics.refusals(Refusal.EXPIRED_CREDENTIALS)).isEqualTo(1);
        assertThat(metrics.refusals(Refusal.BAD_INTEGRITY)).isEqualTo(1);
        assertThat(server.allocationCount()).isEqualTo(1);
    }

    @Test
    void section7_2_quotasAre486() throws Exception {
        start(TurnConfig.defaults(SECRET).withQuotas(3, 2, 0));
        assertThat(allocate(newClient("203.0.113.1", 1, "u1")).messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(allocate(newClient("203.0.113.1", 2, "u1")).messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(errorOf(allocate(newClient("203.0.113.1", 3, "u1")))).isEqualTo(486);
        assertThat(allocate(newClient("203.0.113.1", 4, "u2")).messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(errorOf(allocate(newClient("203.0.113.1", 5, "u3")))).isEqualTo(486);
        assertThat(metrics.refusals(Refusal.QUOTA)).isEqualTo(2);
    }

    /** Not in the RFC: every seat of one meeting draws on the meeting's share, so one meeting cannot take the server. */
    @Test
    void seatsOfOneMeetingShareItsQuota486() throws Exception {
        start(TurnConfig.defaults(SECRET).withMeetingQuota(3));
        for (int i = 1; i <= 3; i++) {
            assertThat(allocate(newClient("203.0.113.1", i, "meeting-a.guest" + i)).messageClass())
                    .isEqualTo(StunClass.SUCCESS_RESPONSE);
        }
        assertThat(errorOf(allocate(newClient("203.0.113.1", 4, "meeting-a.guest4")))).isEqualTo(486);
        assertThat(allocate(newClient("203.0.113.1", 5, "meeting-b.guest1")).messageClass())
                .as("another meeting has its own share").isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(metrics.refusals(Refusal.QUOTA)).isEqualTo(1);
    }

    @Test
    void otherUsersCannotTouchAnAllocation441AndUnknownAttributesAre420() throws Exception {
        allocate(client);
        FakeClient mallory = new FakeClient(server, Transport.UDP, client.remote)
                .credentials(TurnCredentials.mint(SECRET, "mallory", clock.now / 1000, 3600));
        assertThat(errorOf(mallory.request(StunMethod.REFRESH, b -> { }))).isEqualTo(441);
        StunMessage r = client.request(StunMethod.REFRESH, b -> b.add(0x0031, new byte[] {1}));
        assertThat(errorOf(r)).isEqualTo(420);
        assertThat(r.unknownAttributes()).containsExactly(0x0031);
        StunMessage df = client.request(StunMethod.CREATE_PERMISSION, peer(PEER).andThen(b -> b.addFlag(StunAttributeType.DONT_FRAGMENT)));
        assertThat(df.unknownAttributes()).containsExactly(StunAttributeType.DONT_FRAGMENT);
    }

    @Test
    void rfc8656_section7_2_evenPortWithReservationAndAdditionalFamily() throws Exception {
        StunMessage r = client.request(StunMethod.ALLOCATE, udpTransport().andThen(b -> b.addEvenPort(true))
                .andThen(b -> b.addFirstByteOf4(StunAttributeType.ADDITIONAL_ADDRESS_FAMILY, 2)));
        assertThat(r.xorAddress(StunAttributeType.XOR_RELAYED_ADDRESS).getPort() % 2).isZero();
        assertThat(r.addressErrorCode().code()).isEqualTo(StunErrorCode.ADDRESS_FAMILY_NOT_SUPPORTED);
        long token = r.uint64(StunAttributeType.RESERVATION_TOKEN);
        FakeClient second = newClient("203.0.113.5", 40002, "alice");
        StunMessage r2 = second.request(StunMethod.ALLOCATE,
                udpTransport().andThen(b -> b.addUInt64(StunAttributeType.RESERVATION_TOKEN, token)));
        assertThat(r2.xorAddress(StunAttributeType.XOR_RELAYED_ADDRESS).getPort())
                .isEqualTo(r.xorAddress(StunAttributeType.XOR_RELAYED_ADDRESS).getPort() + 1);
        FakeClient third = newClient("203.0.113.5", 40003, "alice");
        assertThat(errorOf(third.request(StunMethod.ALLOCATE,
                udpTransport().andThen(b -> b.addUInt64(StunAttributeType.RESERVATION_TOKEN, token))))).isEqualTo(508);
        assertThat(errorOf(third.request(StunMethod.ALLOCATE,
                udpTransport().andThen(b -> b.addFirstByteOf4(StunAttributeType.REQUESTED_ADDRESS_FAMILY, 2))))).isEqualTo(440);
    }

    @Test
    void bandwidthCapDropsBeyondTheRateAndCountsIt() throws Exception {
        start(TurnConfig.defaults(SECRET).withQuotas(10, 10, 1000));
        allocate(client);
        FakeRelay relay = relays.last();
        client.request(StunMethod.CREATE_PERMISSION, peer(PEER));
        for (int i = 0; i < 3; i++) {
            sendIndication(PEER, new byte[400]);
        }
        assertThat(relay.sent).hasSize(2);
        assertThat(metrics.drops(Drop.BANDWIDTH)).isEqualTo(1);
        clock.advanceSeconds(1);
        sendIndication(PEER, new byte[400]);
        assertThat(relay.sent).hasSize(3);
    }

    @Test
    void bindingRequestsAreAnsweredWithoutAuthentication() throws Exception {
        StunMessage r = client.raw(StunMethod.BINDING, StunClass.REQUEST, client.nextTxId(), b -> b.addFingerprint(), false);
        assertThat(r.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(r.xorAddress(StunAttributeType.XOR_MAPPED_ADDRESS)).isEqualTo(client.remote);
        assertThat(r.verifyFingerprint()).isTrue();
    }

    @Test
    void relayBindFailureIs508AndNothingLeaks() throws Exception {
        relays.fail = true;
        assertThat(errorOf(allocate(client))).isEqualTo(508);
        assertThat(server.allocationCount()).isZero();
        relays.fail = false;
        assertThat(allocate(client).messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
    }

    private void sendIndication(InetSocketAddress to, byte[] payload) {
        byte[] ind = new StunMessageBuilder(StunMethod.SEND, StunClass.INDICATION, client.nextTxId())
                .addXorAddress(StunAttributeType.XOR_PEER_ADDRESS, to).add(StunAttributeType.DATA, payload).build();
        client.sendRaw(ind);
    }

    @Test
    void channelDataCodecAgreesWithServerFraming() {
        assertThat(StreamClientConnection.frameLength(new byte[] {0x40, 0, 0, 5}, 0, 4)).isEqualTo(12);
        assertThat(StreamClientConnection.frameLength(new byte[] {0, 1, 0, 8}, 0, 4)).isEqualTo(28);
        assertThat(StreamClientConnection.frameLength(new byte[] {0, 1, 0, 7}, 0, 4)).isEqualTo(-1);
        assertThat(StreamClientConnection.frameLength(new byte[] {(byte) 0x80, 1, 0, 8}, 0, 4)).isEqualTo(-1);
        assertThat(StreamClientConnection.frameLength(new byte[] {0, 1, 0}, 0, 3)).isZero();
        assertThat(ChannelData.isValidRfc5766Channel(0x7FFE)).isTrue();
    }
}
