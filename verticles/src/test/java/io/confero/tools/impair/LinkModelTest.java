package io.confero.tools.impair;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** One direction: queue, loss scope, delay and jitter with the order kept. */
class LinkModelTest {
    static final long MS = 1_000_000L;
    static final byte[] VIDEO_RTP = rtp(96);
    static final byte[] OPUS_RTP = rtp(111);
    static final byte[] RTCP_SR = {(byte) 0x80, (byte) 200, 0, 6, 0, 0, 0, 1, 0, 0, 0, 0};
    static final byte[] STUN = {0, 1, 0, 0, 0x21, 0x12, (byte) 0xA4, 0x42, 0, 0, 0, 0};

    static byte[] rtp(int pt) {
        byte[] b = new byte[100];
        b[0] = (byte) 0x80;
        b[1] = (byte) pt;
        return b;
    }

    @Test
    void delayAndJitterStayInBoundsAndKeepOrder() {
        LinkModel link = new LinkModel(ImpairmentSpec.parse("delay=50ms,jitter=20ms"), new SplittableRandom(1));
        long last = 0;
        for (int i = 0; i < 1000; i++) {
            long now = i * MS;
            LinkModel.Verdict v = link.offer(VIDEO_RTP, 0, VIDEO_RTP.length, now);
            assertThat(v.fate()).isEqualTo(LinkModel.Fate.DELIVER);
            assertThat(v.deliverAtNanos()).isGreaterThanOrEqualTo(last);
            assertThat(v.deliverAtNanos() - now).isBetween(30 * MS, 70 * MS);
            last = v.deliverAtNanos();
        }
    }

    @Test
    void rtpScopeSparesRtcpStunDtlsAndTheSparedPayloadTypes() {
        LinkModel link = new LinkModel(ImpairmentSpec.parse("every=2,scope=rtp,spare=111"), new SplittableRandom(1));
        int videoLost = 0;
        for (int i = 0; i < 10; i++) {
            assertThat(link.offer(RTCP_SR, 0, RTCP_SR.length, 0).fate()).isEqualTo(LinkModel.Fate.DELIVER);
            assertThat(link.offer(STUN, 0, STUN.length, 0).fate()).isEqualTo(LinkModel.Fate.DELIVER);
            assertThat(link.offer(OPUS_RTP, 0, OPUS_RTP.length, 0).fate()).isEqualTo(LinkModel.Fate.DELIVER);
            videoLost += link.offer(VIDEO_RTP, 0, VIDEO_RTP.length, 0).fate() == LinkModel.Fate.LOST ? 1 : 0;
        }
        assertThat(videoLost).isEqualTo(5);
    }

    @Test
    void aFullQueueDropsAndAStepChangeStartsAfresh() {
        LinkModel link = new LinkModel(ImpairmentSpec.parse("rate=100k,burst=1500,queue=50ms"), new SplittableRandom(1));
        int full = 0;
        for (int i = 0; i < 20; i++) {
            full += link.offer(VIDEO_RTP, 0, 1000, 0).fate() == LinkModel.Fate.QUEUE_FULL ? 1 : 0;
        }
        assertThat(full).isPositive();
        link.reconfigure(ImpairmentSpec.PERFECT);
        assertThat(link.offer(VIDEO_RTP, 0, 1000, 1 * MS).fate()).isEqualTo(LinkModel.Fate.DELIVER);
        assertThat(link.spec()).isEqualTo(ImpairmentSpec.PERFECT);
    }

    @Test
    void rtpIsToldApartByFirstAndSecondByte() {
        assertThat(LinkModel.isRtp(VIDEO_RTP, 0, VIDEO_RTP.length)).isTrue();
        assertThat(LinkModel.isRtp(RTCP_SR, 0, RTCP_SR.length)).isFalse();
        assertThat(LinkModel.isRtp(STUN, 0, STUN.length)).isFalse();
        assertThat(LinkModel.isRtp(VIDEO_RTP, 0, 11)).isFalse();
        assertThat(LinkModel.isRtp(new byte[] {22, (byte) 0xFE, (byte) 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0, 12)).isFalse();
    }
}
