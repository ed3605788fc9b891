package io.confero.sfu.ice;

import io.confero.sfu.metrics.DropReason;
import static org.assertj.core.api.Assertions.assertThat;

import io.confero.media.stun.StunAttributeType;
import io.confero.media.stun.StunClass;
import io.confero.media.stun.StunMessage;
import io.confero.media.stun.StunMessageBuilder;
import io.confero.media.stun.StunMethod;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** ICE-lite responses (RFC 8445 §7.3), drops, nomination and consent (RFC 7675). */
class IceLiteAgentTest {
    static final IceCredentials LOCAL = new IceCredentials("Lf9x", "VOkJxbRl1RmTxUk/WvJxBt00");
    static final InetSocketAddress A = new InetSocketAddress("127.0.0.1", 50000);
    static final InetSocketAddress B = new InetSocketAddress("::1", 50001);

    /** A check shaped like libwebrtc's: USERNAME, ICE-CONTROLLING, PRIORITY, [USE-CANDIDATE], MI, FINGERPRINT. */
    static byte[] check(String username, String pwd, boolean useCandidate, boolean fingerprint) {
        StunMessageBuilder b = new StunMessageBuilder(StunMethod.BINDING, StunClass.REQUEST, tid(7))
                .addString(StunAttributeType.USERNAME, username)
                .addUInt64(StunAttributeType.ICE_CONTROLLING, 0x1122334455667788L)
                .add(0xC057, new byte[] {0, 1, 0, 10})
                .addUInt32(StunAttributeType.PRIORITY, 1853824767L);
        if (useCandidate) {
            b.addFlag(StunAttributeType.USE_CANDIDATE);
        }
        b.addMessageIntegrity(pwd.getBytes(StandardCharsets.UTF_8));
        if (fingerprint) {
            b.addFingerprint();
        }
        return b.build();
    }

    static byte[] check(boolean useCandidate) {
        return check("Lf9x:rEmT", LOCAL.pwd(), useCandidate, true);
    }

    static byte[] tid(int seed) {
        byte[] t = new byte[12];
        t[11] = (byte) seed;
        return t;
    }

    @Test
    void answersAValidCheckWithXorMappedAddressIntegrityAndFingerprint() throws Exception {
        IceLiteAgent agent = new IceLiteAgent(LOCAL, 0);
        byte[] req = check(false);
        IceCheckResult r = agent.handleBindingRequest(req, 0, req.length, A, 1000);
        assertThat(r.isSuccess()).isTrue();
        assertThat(r.nominated()).isFalse();
        StunMessage resp = StunMessage.parse(r.response(), 0, r.response().length);
        assertThat(resp.method()).isEqualTo(StunMethod.BINDING);
        assertThat(resp.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(resp.transactionId()).isEqualTo(tid(7));
        assertThat(resp.xorAddress(StunAttributeType.XOR_MAPPED_ADDRESS)).isEqualTo(A);
        assertThat(resp.verifyMessageIntegrity(LOCAL.pwd().getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(resp.verifyMessageIntegrity("wrong-password-wrong-pwd".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(resp.verifyFingerprint()).isTrue();
    }

    @Test
    void ipv6SourceIsReflected() throws Exception {
        IceLiteAgent agent = new IceLiteAgent(LOCAL, 0);
        byte[] req = check(true);
        IceCheckResult r = agent.handleBindingRequest(req, 0, req.length, B, 1);
        assertThat(StunMessage.parse(r.response(), 0, r.response().length).xorAddress(StunAttributeType.XOR_MAPPED_ADDRESS))
                .isEqualTo(B);
    }

    @Test
    void rfc5769SampleRequestAuthenticatesAndGetsRoleConflict() throws Exception {
        // RFC 5769 §2.1: USERNAME "evtj:h6vY", password "VOkJxbRl1RmTxUk/WvJxBt", carries ICE-CONTROLLED
        byte[] request = HexFormat.of().parseHex(("000100582112a442b7e7a701bc34d686fa87dfae"
                + "802200105354554e207465737420636c69656e74"
                + "002400046e0001ff80290008932ff9b151263b36"
                + "000600096576746a3a6836765920202000080014"
                + "9aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a2"
                + "80280004e57a3bcf"));
        IceLiteAgent agent = new IceLiteAgent(new IceCredentials("evtj", "VOkJxbRl1RmTxUk/WvJxBt"), 0);
        agent.setRemoteUfrag("h6vY");
        IceCheckResult r = agent.handleBindingRequest(request, 0, request.length,
                new InetSocketAddress("192.0.2.1", 32853), 0);
        assertThat(r.errorCode()).isEqualTo(IceLiteAgent.ROLE_CONFLICT);
        StunMessage resp = StunMessage.parse(r.response(), 0, r.response().length);
        assertThat(resp.messageClass()).isEqualTo(StunClass.ERROR_RESPONSE);
        assertThat(resp.errorCode().code()).isEqualTo(487);
        assertThat(resp.verifyMessageIntegrity("VOkJxbRl1RmTxUk/WvJxBt".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(resp.verifyFingerprint()).isTrue();
        assertThat(agent.selectedAddress()).isNull();
    }

    @Test
    void wrongUfragGetsNoResponse() {
        IceLiteAgent agent = new IceLiteAgent(LOCAL, 0);
        byte[] other = check("Xxxx:rEmT", LOCAL.pwd(), true, true);
        assertThat(agent.handleBindingRequest(other, 0, other.length, A, 0).dropReason())
                .isEqualTo(DropReason.WRONG_UFRAG);
        byte[] prefix = check("Lf9xy:rEmT", LOCAL.pwd(), true, true);
        assertThat(agent.handleBindingRequest(prefix, 0, prefix.length, A, 0).dropReason())
                .isEqualTo(DropReason.WRONG_UFRAG);
        agent.setRemoteUfrag("expected");
        byte[] remote = check(true);
        IceCheckResult r = agent.handleBindingRequest(remote, 0, remote.length, A, 0);
        assertThat(r.hasResponse()).isFalse();
        assertThat(r.dropReason()).isEqualTo(DropReason.WRONG_UFRAG);
        assertThat(agent.selectedAddress()).isNull();
    }

    @Test
    void badIntegrityGetsNoResponse() {
        IceLiteAgent agent = new IceLiteAgent(LOCAL, 0);
        byte[] req = check("Lf9x:rEmT", "someOtherPasswordOf22ch", true, true);
        IceCheckResult r = agent.handleBindingRequest(req, 0, req.length, A, 0);
        assertThat(r.hasResponse()).isFalse();
        assertThat(r.dropReason()).isEqualTo(DropReason.BAD_INTEGRITY);
        assertThat(agent.selectedAddress()).isNull();
    }

    @Test
    void fingerprintIsRequiredAndChecked() {
        IceLiteAgent agent = new IceLiteAgent(LOCAL, 0);
        byte[] none = check("Lf9x:rEmT", LOCAL.pwd(), true, false);
        assertThat(agent.handleBindingRequest(none, 0, none.length, A, 0).dropReason())
                .isEqualTo(DropReason.MISSING_FINGERPRINT);
        byte[] bad = check(true);
        bad[bad.length - 1] ^= 1;
        assertThat(agent.handleBindingRequest(bad, 0, bad.length, A, 0).dropReason())
                .isEqualTo(DropReason.BAD_FINGERPRINT);
    }

    @Test
    void nonStunAndNonRequestsAreDropped() {
        IceLiteAgent agent = new IceLiteAgent(LOCAL, 0);
        byte[] dtls = {22, (byte) 0xFE, (byte) 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0};
        assertThat(agent.handleBindingRequest(dtls, 0, dtls.length, A, 0).dropReason()).isEqualTo(DropReason.NOT_STUN);
        byte[] indication = new StunMessageBuilder(StunMethod.BINDING, StunClass.INDICATION, tid(1)).addFingerprint().build();
        assertThat(agent.handleBindingRequest(indication, 0, indication.length, A, 0).dropReason())
                .isEqualTo(DropReason.NOT_BINDING_REQUEST);
        byte[] noCreds = new StunMessageBuilder(StunMethod.BINDING, StunClass.REQUEST, tid(2)).addFingerprint().build();
        assertThat(agent.handleBindingRequest(noCreds, 0, noCreds.length, A, 0).dropReason())
                .isEqualTo(DropReason.MISSING_CREDENTIALS);
    }

    @Test
    void unknownComprehensionRequiredAttributeGets420() throws Exception {
        IceLiteAgent agent = new IceLiteAgent(LOCAL, 0);
        byte[] req = new StunMessageBuilder(StunMethod.BINDING, StunClass.REQUEST, tid(3))
                .addString(StunAttributeType.USERNAME, "Lf9x:rEmT")
                .add(0x7F01, new byte[4])
                .addMessageIntegrity(LOCAL.pwd().getBytes(StandardCharsets.UTF_8))
                .addFingerprint().build();
        IceCheckResult r = agent.handleBindingRequest(req, 0, req.length, A, 0);
        assertThat(r.errorCode()).isEqualTo(420);
        StunMessage resp = StunMessage.parse(r.response(), 0, r.response().length);
        assertThat(resp.unknownAttributes()).containsExactly(0x7F01);
    }

    @Test
    void nominationSelectsAndSwitchesTheAddress() {
        IceLiteAgent agent = new IceLiteAgent(LOCAL, 0);
        byte[] plain = check(false);
        byte[] nominate = check(true);
        IceCheckResult first = agent.handleBindingRequest(plain, 0, plain.length, A, 10);
        assertThat(first.selectedAddressChanged()).isFalse();
        assertThat(agent.selectedAddress()).isNull();

        IceCheckResult second = agent.handleBindingRequest(nominate, 0, nominate.length, A, 20);
        assertThat(second.nominated()).isTrue();
        assertThat(second.selectedAddressChanged()).isTrue();
        assertThat(agent.selectedAddress()).isEqualTo(A);

        IceCheckResult again = agent.handleBindingRequest(nominate, 0, nominate.length, A, 30);
        assertThat(again.selectedAddressChanged()).isFalse();

        IceCheckResult other = agent.handleBindingRequest(plain, 0, plain.length, B, 40);
        assertThat(other.isSuccess()).isTrue();
        assertThat(agent.selectedAddress()).isEqualTo(A);

        IceCheckResult moved = agent.handleBindingRequest(nominate, 0, nominate.length, B, 50);
        assertThat(moved.selectedAddressChanged()).isTrue();
        assertThat(agent.selectedAddress()).isEqualTo(B);
    }

    @Test
    void consentExpiresThirtySecondsAfterTheLastValidCheck() {
        IceLiteAgent agent = new IceLiteAgent(LOCAL, 1_000);
        assertThat(agent.isConsentExpired(30_999)).isFalse();
        assertThat(agent.isConsentExpired(31_000)).isTrue();

        byte[] nominate = check(true);
        agent.handleBindingRequest(nominate, 0, nominate.length, A, 40_000);
        assertThat(agent.isConsentExpired(69_999)).isFalse();

        // checks from another address, or invalid ones, do not refresh consent for the selected pair
        byte[] plain = check(false);
        agent.handleBindingRequest(plain, 0, plain.length, B, 60_000);
        byte[] forged = check("Lf9x:rEmT", "someOtherPasswordOf22ch", true, true);
        agent.handleBindingRequest(forged, 0, forged.length, A, 65_000);
        assertThat(agent.isConsentExpired(70_000)).isTrue();

        agent.handleBindingRequest(nominate, 0, nominate.length, A, 72_700);
        assertThat(agent.isConsentExpired(80_000)).isFalse();
        assertThat(agent.lastValidCheckMillis()).isEqualTo(72_700);
    }

    @Test
    void generatedCredentialsFollowRfc8839() {
        IceCredentials c = IceCredentials.generate(new SecureRandom());
        assertThat(c.ufrag()).hasSizeGreaterThanOrEqualTo(4).matches("[A-Za-z0-9+/]+");
        assertThat(c.pwd()).hasSizeGreaterThanOrEqualTo(22).matches("[A-Za-z0-9+/]+");
        assertThat(IceCredentials.generate(new SecureRandom())).isNotEqualTo(c);
        assertThat(c.toString()).doesNotContain(c.pwd());
    }
}
