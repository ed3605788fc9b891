package io.confero.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Round trips, role selection and the failure results of {@link SrtpSession} (RFC 3711 §3.3, §3.4). */
class SrtpSessionTest {
    private static final int SSRC = 0x11223344;

    static SrtpKeys keys(SrtpProfile profile, long seed) {
        byte[] material = new byte[profile.exporterLength()];
        new Random(seed).nextBytes(material);
        return SrtpKeys.fromExporter(profile, material);
    }

    static byte[] rtp(int seq, int ssrc, int payloadLen) {
        byte[] p = new byte[12 + payloadLen];
        p[0] = (byte) 0x80;
        p[1] = 111;
        p[2] = (byte) (seq >>> 8);
        p[3] = (byte) seq;
        p[8] = (byte) (ssrc >>> 24);
        p[9] = (byte) (ssrc >>> 16);
        p[10] = (byte) (ssrc >>> 8);
        p[11] = (byte) ssrc;
        for (int i = 12; i < p.length; i++) {
            p[i] = (byte) (i * 7 + seq);
        }
        return p;
    }

    static byte[] rtcpReceiverReport(int ssrc) {
        byte[] p = new byte[8 + 24];
        p[0] = (byte) 0x81;
        p[1] = (byte) 201;
        p[3] = 7;
        p[4] = (byte) (ssrc >>> 24);
        p[5] = (byte) (ssrc >>> 16);
        p[6] = (byte) (ssrc >>> 8);
        p[7] = (byte) ssrc;
        for (int i = 8; i < p.length; i++) {
            p[i] = (byte) i;
        }
        return p;
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rtpRoundTripBothDirections(SrtpProfile profile) {
        SrtpKeys keys = keys(profile, 1);
        try (SrtpSession client = SrtpSession.forDtlsClient(keys);
             SrtpSession server = SrtpSession.forDtlsServer(keys)) {
            for (int seq = 65530; seq < 65545; seq++) {
                roundTripRtp(client, server, seq & 0xFFFF, profile);
                roundTripRtp(server, client, seq & 0xFFFF, profile);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rtcpRoundTripBothDirections(SrtpProfile profile) {
        SrtpKeys keys = keys(profile, 2);
        try (SrtpSession client = SrtpSession.forDtlsClient(keys);
             SrtpSession server = SrtpSession.forDtlsServer(keys)) {
            for (int i = 0; i < 5; i++) {
                roundTripRtcp(client, server, profile);
                roundTripRtcp(server, client, profile);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void sameRoleOnBothEndsCannotTalk(SrtpProfile profile) {
        SrtpKeys keys = keys(profile, 3);
        try (SrtpSession a = SrtpSession.forDtlsServer(keys); SrtpSession b = SrtpSession.forDtlsServer(keys)) {
            byte[] buf = Arrays.copyOf(rtp(1, SSRC, 100), 200);
            int len = a.protectRtp(buf, 0, 112);
            assertThat(SrtpStatus.ofResult(b.unprotectRtp(buf, 0, len))).isEqualTo(SrtpStatus.AUTH_FAIL);
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void tamperedPacketFailsAuthentication(SrtpProfile profile) {
        try (SessionPair pair = SessionPair.of(keys(profile, 4))) {
            for (int position : new int[] {1, 4, 20, 111, 112 + profile.tagLength() - 1}) {
                byte[] buf = Arrays.copyOf(rtp(position, SSRC, 100), 200);
                int len = pair.sender().protectRtp(buf, 0, 112);
                buf[position] ^= 0x01;
                assertThat(SrtpStatus.ofResult(pair.receiver().unprotectRtp(buf, 0, len)))
                        .as("flip at %d", position).isEqualTo(SrtpStatus.AUTH_FAIL);
            }
            assertThat(pair.receiver().failureCount(SrtpStatus.AUTH_FAIL)).isEqualTo(5);
            assertThat(pair.receiver().inboundRtpSsrcCount()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void tamperedRtcpFailsAuthentication(SrtpProfile profile) {
        try (SessionPair pair = SessionPair.of(keys(profile, 5))) {
            byte[] buf = Arrays.copyOf(rtcpReceiverReport(SSRC), 100);
            int len = pair.sender().protectRtcp(buf, 0, 32);
            buf[20] ^= (byte) 0x80;
            assertThat(SrtpStatus.ofResult(pair.receiver().unprotectRtcp(buf, 0, len))).isEqualTo(SrtpStatus.AUTH_FAIL);
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void replayedPacketIsRefused(SrtpProfile profile) {
        try (SessionPair pair = SessionPair.of(keys(profile, 6))) {
            byte[] buf = Arrays.copyOf(rtp(500, SSRC, 50), 100);
            int len = pair.sender().protectRtp(buf, 0, 62);
            byte[] copy = buf.clone();
            assertThat(pair.receiver().unprotectRtp(buf, 0, len)).isEqualTo(62);
            assertThat(SrtpStatus.ofResult(pair.receiver().unprotectRtp(copy, 0, len))).isEqualTo(SrtpStatus.REPLAY);
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void replayedRtcpIsRefused(SrtpProfile profile) {
        try (SessionPair pair = SessionPair.of(keys(profile, 7))) {
            byte[] buf = Arrays.copyOf(rtcpReceiverReport(SSRC), 100);
            int len = pair.sender().protectRtcp(buf, 0, 32);
            byte[] copy = buf.clone();
            assertThat(pair.receiver().unprotectRtcp(buf, 0, len)).isEqualTo(32);
            assertThat(SrtpStatus.ofResult(pair.receiver().unprotectRtcp(copy, 0, len))).isEqualTo(SrtpStatus.REPLAY);
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void truncatedPacketIsMalformed(SrtpProfile profile) {
        try (SessionPair pair = SessionPair.of(keys(profile, 8))) {
            byte[] buf = Arrays.copyOf(rtp(1, SSRC, 4), 100);
            int len = pair.sender().protectRtp(buf, 0, 16);
            for (int cut : new int[] {0, 1, 11, 12, 12 + profile.tagLength() - 1}) {
                assertThat(SrtpStatus.ofResult(pair.receiver().unprotectRtp(buf, 0, cut)))
                        .as("cut at %d", cut).isEqualTo(SrtpStatus.MALFORMED);
            }
            assertThat(SrtpStatus.ofResult(pair.receiver().unprotectRtcp(buf, 0, 8))).isEqualTo(SrtpStatus.MALFORMED);
            assertThat(SrtpStatus.ofResult(pair.receiver().unprotectRtp(buf, 90, 20))).isEqualTo(SrtpStatus.MALFORMED);
            assertThat(pair.receiver().unprotectRtp(buf, 0, len)).isEqualTo(16);
        }
    }

    @Test
    void extensionLongerThanPacketIsMalformed() {
        try (SessionPair pair = SessionPair.of(keys(SrtpProfile.AEAD_AES_128_GCM, 9))) {
            byte[] buf = rtp(1, SSRC, 40);
            buf[0] = (byte) 0x90;
            buf[14] = (byte) 0xFF;
            buf[15] = (byte) 0xFF;
            assertThat(SrtpStatus.ofResult(pair.receiver().unprotectRtp(buf, 0, buf.length)))
                    .isEqualTo(SrtpStatus.MALFORMED);
        }
    }

    @Test
    void protectNeedsRoomForTheTag() {
        try (SessionPair pair = SessionPair.of(keys(SrtpProfile.AES_CM_128_HMAC_SHA1_80, 10))) {
            byte[] buf = rtp(1, SSRC, 40);
            assertThat(SrtpStatus.ofResult(pair.sender().protectRtp(buf, 0, buf.length)))
                    .isEqualTo(SrtpStatus.BUFFER_TOO_SMALL);
        }
    }

    @Test
    void ssrcCountIsBounded() {
        SrtpKeys keys = keys(SrtpProfile.AEAD_AES_128_GCM, 11);
        try (SrtpSession sender = new SrtpSession(keys, true, 4); SrtpSession receiver = new SrtpSession(keys, false, 4)) {
            for (int ssrc = 1; ssrc <= 5; ssrc++) {
                byte[] buf = Arrays.copyOf(rtp(1, ssrc, 20), 100);
                int len = sender.protectRtp(buf, 0, 32);
                if (ssrc <= 4) {
                    assertThat(receiver.unprotectRtp(buf, 0, len)).isEqualTo(32);
                } else {
                    assertThat(SrtpStatus.ofResult(len)).isEqualTo(SrtpStatus.TOO_MANY_SSRCS);
                }
            }
            assertThat(sender.failureCount(SrtpStatus.TOO_MANY_SSRCS)).isEqualTo(1);
            assertThat(receiver.inboundRtpSsrcCount()).isEqualTo(4);
        }
    }

    @Test
    void aSubscriberSessionCarriesHundredsOfOutboundStreamsAndForgetsEndedOnes() {
        SrtpKeys keys = keys(SrtpProfile.AEAD_AES_128_GCM, 12);
        try (SrtpSession sfu = SrtpSession.forDtlsServer(keys); SrtpSession browser = SrtpSession.forDtlsClient(keys)) {
            // 48 remote participants' audio + video + video RTX: more than the inbound bound of 64
            for (int ssrc = 1000; ssrc < 1144; ssrc++) {
                byte[] buf = Arrays.copyOf(rtp(7, ssrc, 20), 100);
                int len = sfu.protectRtp(buf, 0, 32);
                assertThat(len).as("protect on SSRC " + ssrc).isPositive();
            }
            assertThat(sfu.outboundRtpSsrcCount()).isEqualTo(144);
            for (int ssrc = 1000; ssrc < 1100; ssrc++) {
                sfu.forgetOutbound(ssrc);
            }
            assertThat(sfu.outboundRtpSsrcCount()).isEqualTo(44);
            // the streams still running are untouched by the removals around them
            byte[] buf = Arrays.copyOf(rtp(8, 1143, 20), 100);
            int len = sfu.protectRtp(buf, 0, 32);
            assertThat(browser.unprotectRtp(buf, 0, len)).isEqualTo(32);
            // inbound state stays bounded by what a peer may make us keep
            assertThat(SrtpSession.DEFAULT_MAX_SSRCS).isEqualTo(64);
        }
    }

    @Test
    void exporterSplitFollowsRfc5764() {
        byte[] material = new byte[SrtpProfile.AES_CM_128_HMAC_SHA1_80.exporterLength()];
        for (int i = 0; i < material.length; i++) {
            material[i] = (byte) i;
        }
        SrtpKeys k = SrtpKeys.fromExporter(SrtpProfile.AES_CM_128_HMAC_SHA1_80, material);
        assertThat(k.clientKey()).isEqualTo(Arrays.copyOfRange(material, 0, 16));
        assertThat(k.serverKey()).isEqualTo(Arrays.copyOfRange(material, 16, 32));
        assertThat(k.clientSalt()).isEqualTo(Arrays.copyOfRange(material, 32, 46));
        assertThat(k.serverSalt()).isEqualTo(Arrays.copyOfRange(material, 46, 60));
        assertThat(k.toString()).doesNotContain("0102");
        assertThatThrownBy(() -> SrtpKeys.fromExporter(SrtpProfile.AEAD_AES_256_GCM, material))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void profileIdsAndLengths() {
        assertThat(SrtpProfile.fromId(0x0001)).isEqualTo(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        assertThat(SrtpProfile.fromId(0x0007)).isEqualTo(SrtpProfile.AEAD_AES_128_GCM);
        assertThat(SrtpProfile.fromId(0x0008)).isEqualTo(SrtpProfile.AEAD_AES_256_GCM);
        assertThat(SrtpProfile.fromId(0x0002)).isNull();
        assertThat(SrtpProfile.AES_CM_128_HMAC_SHA1_80.exporterLength()).isEqualTo(60);
        assertThat(SrtpProfile.AEAD_AES_128_GCM.exporterLength()).isEqualTo(56);
        assertThat(SrtpProfile.AEAD_AES_256_GCM.exporterLength()).isEqualTo(88);
    }

    private static void roundTripRtp(SrtpSession from, SrtpSession to, int seq, SrtpProfile profile) {
        byte[] plain = rtp(seq, SSRC, 160);
        byte[] buf = Arrays.copyOf(plain, plain.length + profile.rtpOverhead());
        int len = from.protectRtp(buf, 0, plain.length);
        assertThat(len).isEqualTo(plain.length + profile.rtpOverhead());
        assertThat(Arrays.copyOfRange(buf, 12, plain.length)).isNotEqualTo(Arrays.copyOfRange(plain, 12, plain.length));
        assertThat(to.unprotectRtp(buf, 0, len)).isEqualTo(plain.length);
        assertThat(Arrays.copyOf(buf, plain.length)).isEqualTo(plain);
    }

    private static void roundTripRtcp(SrtpSession from, SrtpSession to, SrtpProfile profile) {
        byte[] plain = rtcpReceiverReport(SSRC);
        byte[] buf = new byte[plain.length + 10 + profile.rtcpOverhead()];
        System.arraycopy(plain, 0, buf, 10, plain.length);
        int len = from.protectRtcp(buf, 10, plain.length);
        assertThat(len).isEqualTo(plain.length + profile.rtcpOverhead());
        assertThat(to.unprotectRtcp(buf, 10, len)).isEqualTo(plain.length);
        assertThat(Arrays.copyOfRange(buf, 10, 10 + plain.length)).isEqualTo(plain);
    }
}
