package io.confero.sfu.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.confero.media.srtp.SrtpKeys;
import io.confero.media.srtp.SrtpProfile;
import io.confero.media.srtp.SrtpSession;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Back-to-back DTLS-SRTP handshakes in one JVM (RFC 5764, RFC 6347 §4.2.4 retransmission). */
class DtlsEndpointTest {
    private static final DtlsOptions OPTIONS = DtlsOptions.defaults();
    /** DTLS record content types (RFC 6347 §4.1). */
    private static final int HANDSHAKE = 22;

    static Stream<Arguments> profilesAndStartOrder() {
        return Stream.of(SrtpProfile.values()).flatMap(p -> Stream.of(Arguments.of(p, true), Arguments.of(p, false)));
    }

    @ParameterizedTest
    @MethodSource("profilesAndStartOrder")
    void bothSidesDeriveTheSameKeysForEachProfile(SrtpProfile profile, boolean serverFirst) throws Exception {
        try (BackToBack b = BackToBack.plain(OPTIONS, OPTIONS.withProfiles(List.of(profile)))) {
            b.start(serverFirst);
            SrtpKeys serverKeys = b.serverEvents.keys();
            SrtpKeys clientKeys = b.clientEvents.keys();
            assertThat(serverKeys.profile()).isEqualTo(profile);
            assertThat(clientKeys).isEqualTo(serverKeys);
            assertThat(serverKeys.clientKey()).isNotEqualTo(serverKeys.serverKey());
            assertThat(b.server.isConnected()).isTrue();
            assertThat(b.client.isConnected()).isTrue();
        }
    }

    @Test
    void serverPrefersGcm128ThenCm80AmongTheClientsOffer() throws Exception {
        try (BackToBack all = BackToBack.plain(OPTIONS, OPTIONS)) {
            all.start(true);
            assertThat(all.serverEvents.keys().profile()).isEqualTo(SrtpProfile.AEAD_AES_128_GCM);
        }
        try (BackToBack noGcm128 = BackToBack.plain(OPTIONS,
                OPTIONS.withProfiles(List.of(SrtpProfile.AEAD_AES_256_GCM, SrtpProfile.AES_CM_128_HMAC_SHA1_80)))) {
            noGcm128.start(true);
            assertThat(noGcm128.clientEvents.keys().profile()).isEqualTo(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        }
    }

    @ParameterizedTest
    @MethodSource("profilesAndStartOrder")
    void derivedKeysCarryMediaBothWays(SrtpProfile profile, boolean ignored) throws Exception {
        try (BackToBack b = BackToBack.plain(OPTIONS, OPTIONS.withProfiles(List.of(profile)))) {
            b.start(true);
            try (SrtpSession atClient = b.client.newSrtpSession(b.clientEvents.keys());
                 SrtpSession atServer = b.server.newSrtpSession(b.serverEvents.keys())) {
                assertThat(ignored ? carries(atClient, atServer) : carries(atServer, atClient)).isTrue();
            }
        }
    }

    @Test
    void wrongFingerprintFailsBothSides() throws Exception {
        String other = DtlsCertificate.generate().fingerprintSha256();
        try (BackToBack b = new BackToBack(OPTIONS, OPTIONS, d -> true, d -> true, other, null)) {
            b.start(true);
            assertThat(b.serverEvents.failure()).contains("fingerprint");
            assertThat(b.clientEvents.failure()).isNotBlank();
            assertThat(b.serverEvents.connected).isNotDone();
        }
    }

    @Test
    void clientRejectsAServerWithTheWrongCertificate() throws Exception {
        String other = DtlsCertificate.generate().fingerprintSha256();
        try (BackToBack b = new BackToBack(OPTIONS, OPTIONS, d -> true, d -> true, null, other)) {
            b.start(false);
            assertThat(b.clientEvents.failure()).contains("fingerprint");
            assertThat(b.serverEvents.failure()).isNotBlank();
        }
    }

    @Test
    void noCommonProfileFails() throws Exception {
        try (BackToBack b = BackToBack.plain(OPTIONS.withProfiles(List.of(SrtpProfile.AEAD_AES_128_GCM)),
                OPTIONS.withProfiles(List.of(SrtpProfile.AEAD_AES_256_GCM)))) {
            b.start(true);
            assertThat(b.serverEvents.failure()).contains("no common SRTP profile");
            assertThat(b.clientEvents.failure()).isNotBlank();
        }
    }

    @Test
    void silentPeerTimesOut() throws Exception {
        DtlsOptions quick = OPTIONS.withHandshakeTimeoutMillis(600);
        try (BackToBack b = new BackToBack(quick, quick, d -> false, d -> false)) {
            b.start(true);
            assertThat(b.clientEvents.failure()).isEqualTo("handshake timeout");
            assertThat(b.clientSent.get()).as("ClientHello retransmitted").isGreaterThan(1);
            assertThat(b.serverEvents.failed).as("a server that saw nothing holds no thread").isNotDone();
            assertThat(b.pool.getTaskCount()).isEqualTo(1);
        }
    }

    @Test
    void lostFirstFlightIsRetransmitted() throws Exception {
        AtomicBoolean dropped = new AtomicBoolean();
        try (BackToBack b = new BackToBack(OPTIONS, OPTIONS, d -> true, d -> !dropped.compareAndSet(false, true))) {
            b.start(true);
            assertThat(b.clientEvents.keys()).isEqualTo(b.serverEvents.keys());
            assertThat(dropped).isTrue();
        }
    }

    @Test
    void lostFinalFlightIsResentAfterTheServerConnected() throws Exception {
        AtomicBoolean dropped = new AtomicBoolean();
        // drop the server's first epoch-1 handshake record: its Finished, the last flight of the handshake
        try (BackToBack b = new BackToBack(OPTIONS, OPTIONS,
                d -> !(isEpoch1Handshake(d) && dropped.compareAndSet(false, true)), d -> true)) {
            b.start(true);
            SrtpKeys serverKeys = b.serverEvents.keys();
            assertThat(b.clientEvents.keys()).isEqualTo(serverKeys);
            assertThat(dropped).isTrue();
        }
    }

    @Test
    void closeNotifyReachesThePeerAndThreadsEnd() throws Exception {
        try (BackToBack b = BackToBack.plain(OPTIONS, OPTIONS)) {
            b.start(true);
            b.serverEvents.keys();
            b.clientEvents.keys();
            b.client.close();
            b.serverEvents.closed.get(20, TimeUnit.SECONDS);
            assertThat(b.server.isConnected()).isFalse();
            await().atMost(Duration.ofSeconds(20)).until(() -> b.pool.getActiveCount() == 0);
            assertThat(b.clientEvents.closed).isNotDone();
        }
    }

    @Test
    void closeDuringHandshakeEndsTheWorker() throws Exception {
        try (BackToBack b = new BackToBack(OPTIONS, OPTIONS, d -> false, d -> false)) {
            b.start(true);
            await().atMost(Duration.ofSeconds(20)).until(() -> b.pool.getActiveCount() == 1);
            b.server.close();
            b.client.close();
            await().atMost(Duration.ofSeconds(20)).until(() -> b.pool.getActiveCount() == 0);
            assertThat(b.serverEvents.failed).isNotDone();
            assertThat(b.clientEvents.failed).isNotDone();
        }
    }

    @Test
    void serverHandshakeTimesOutAfterAClientHelloWithNoFollowUp() throws Exception {
        DtlsOptions quick = OPTIONS.withHandshakeTimeoutMillis(600);
        AtomicBoolean first = new AtomicBoolean(true);
        try (BackToBack b = new BackToBack(quick, quick, d -> false, d -> first.getAndSet(false))) {
            b.start(true);
            assertThat(b.serverEvents.failure()).isEqualTo("handshake timeout");
            assertThat(b.clientEvents.failure()).isEqualTo("handshake timeout");
        }
    }

    @Test
    void datagramsBeforeStartAreKept() throws Exception {
        try (BackToBack b = BackToBack.plain(OPTIONS, OPTIONS)) {
            b.client.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> b.clientSent.get() > 0);
            b.server.start();
            assertThat(b.serverEvents.keys()).isEqualTo(b.clientEvents.keys());
        }
    }

    @Test
    void warmupCompletes() {
        assertThat(DtlsWarmup.run()).isPositive();
    }

    private static boolean isEpoch1Handshake(byte[] d) {
        return d.length > 13 && d[0] == HANDSHAKE && d[3] == 0 && d[4] == 1;
    }

    private static boolean carries(SrtpSession from, SrtpSession to) {
        byte[] rtp = new byte[12 + 200 + 16];
        rtp[0] = (byte) 0x80;
        rtp[1] = 96;
        rtp[11] = 7;
        Arrays.fill(rtp, 12, 212, (byte) 0x5A);
        int len = from.protectRtp(rtp, 0, 212);
        return len > 212 && to.unprotectRtp(rtp, 0, len) == 212 && rtp[100] == 0x5A;
    }
}
