package io.confero.sfu.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.media.rtcp.RtcpSr;
import io.confero.media.rtp.RtpPacket;
import io.confero.media.rtp.TimestampNum;
import io.confero.media.sdp.MediaKind;
import io.confero.media.sdp.PublishedTrack;
import io.confero.media.sdp.RtpCodec;
import io.confero.sfu.forward.ForwardDecision;
import io.confero.sfu.forward.Forwarder;
import io.confero.sfu.simulcast.Dynacast;
import io.confero.sfu.simulcast.LayerSwitcher.SwitchDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A subscriber's simulcast path without sockets: a three-layer VP8 producer (independent SSRCs,
 * sequence and timestamp bases, one wallclock reported in sender reports), the consumer's
 * {@link SimulcastLayers} gate and its {@link Forwarder}, as {@link WebRtcConsumer} combines them.
 * The publisher answers each key-frame request with a key frame on the next frame of that layer.
 */
class SimulcastLayersTest {
    static final long MS = 1_000_000L;
    static final int[] SSRC = {0x1000, 0x2000, 0x3000};
    static final int[] SEQ_BASE = {65000, 10, 40000};
    static final long[] TS_BASE = {4294900000L, 7, 2147483000L};
    static final int[] HEIGHT = {180, 360, 720};

    final Producer producer = new Producer("t1", "alice", new PublishedTrack("1", MediaKind.VIDEO,
        List.of(new RtpCodec(96, "VP8", 90000, 0, null, 97, List.of("nack", "nack pli"))), Map.of(), List.of(), Map.of(),
        List.of("q", "h", "f"), null, null), TrackSource.CAMERA);
    final SimulcastLayers layers = new SimulcastLayers(producer);
    final Forwarder forwarder = new Forwarder(0xABCD, 90000, true, 100, 1000);
    final boolean[] keyframeWanted = {true, true, true};
    final List<long[]> sent = new ArrayList<>(); // {frame, layer, out seq, out ts}
    int keyframeRequests;

    SimulcastLayersTest() {
        for (int i = 0; i < 3; i++) {
            producer.encodings().get(i).setSsrc(SSRC[i]);
            producer.activity().onKeyframeHeight(i, HEIGHT[i]);
            // every layer's clock captured frame 0 at the same wallclock instant, reported once
            layers.onSenderReport(producer.encodings().get(i),
                new RtcpSr(SSRC[i], 3_976_000_000L << 32, TS_BASE[i], 0, 0, List.of()));
        }
    }

    static RtpPacket packet(int layer, int frame, boolean keyframe) {
        byte[] b = new byte[12 + 4 + 10];
        b[0] = (byte) 0x80;
        b[1] = 96;
        int seq = (SEQ_BASE[layer] + frame) & 0xFFFF;
        long ts = TimestampNum.add(TS_BASE[layer], 3000L * frame);
        b[2] = (byte) (seq >> 8);
        b[3] = (byte) seq;
        for (int i = 0; i < 4; i++) {
            b[4 + i] = (byte) (ts >> (24 - 8 * i));
            b[8 + i] = (byte) (SSRC[layer] >> (24 - 8 * i));
        }
        b[12] = (byte) 0x90; // VP8 descriptor: X, S, PID 0
        b[13] = (byte) 0x80; // I
        b[14] = (byte) (0x80 | (frame >> 8) & 0x7F);
        b[15] = (byte) frame;
        b[16] = (byte) (keyframe ? 0 : 1);
        return RtpPacket.parse(b, 0, b.length);
    }

    /** One frame time: every layer sends one packet (a key frame when one was asked for); returns the forwarded layer. */
    int frame(int n) {
        long now = n * 33 * MS;
        int forwarded = -1;
        for (int layer = 0; layer < 3; layer++) {
            boolean key = keyframeWanted[layer];
            keyframeWanted[layer] = false;
            RtpPacket p = packet(layer, n, key);
            producer.activity().onPacket(layer, p.length(), now);
            PacketInfo info = new PacketInfo(p, producer.encodings().get(layer), now, -1, key);
            SwitchDecision s = layers.onPacket(info);
            if (s.requestKeyframe()) {
                keyframeWanted[layers.target()] = true;
                keyframeRequests++;
            }
            if (!s.forward()) {
                continue;
            }
            if (s.switched()) {
                layers.switchForwarder(forwarder, info);
            }
            ForwardDecision d = forwarder.decide(p.ssrc(), p.sequenceNumber(), p.timestamp(), p.marker(), key, now);
            assertThat(d.isForward()).as("frame %d layer %d", n, layer).isTrue();
            sent.add(new long[] {n, layer, d.sequenceNumber(), d.timestamp()});
            forwarded = layer;
        }
        return forwarded;
    }

    @Test
    void followsTheTileUpAndDownWithContinuousSequenceAndAlignedTimestamps() {
        int n = 0;
        while (n < 30) {
            frame(n++);
        }
        assertThat(layers.current()).as("an unreported tile gets the top layer").isEqualTo(2);
        layers.setTileHeight(180);
        while (n < 60) {
            frame(n++);
        }
        assertThat(layers.current()).as("a thumbnail gets the low layer").isZero();
        assertThat(layers.neededMask(0)).isEqualTo(1);
        layers.setTileHeight(360);
        while (n < 90) {
            frame(n++);
        }
        assertThat(layers.current()).isOne();
        assertThat(keyframeRequests).isPositive();

        // from the first forwarded frame on, every frame time forwards a packet: no gap at any switch.
        // At a switch the old layer's frame and the new layer's key frame of the same capture instant
        // both go out; the key frame is then bumped one tick (never the same or an older timestamp)
        for (int i = 1; i < sent.size(); i++) {
            long[] prev = sent.get(i - 1);
            long[] cur = sent.get(i);
            assertThat(cur[2]).as("sequence continues").isEqualTo((prev[2] + 1) & 0xFFFF);
            if (cur[0] == prev[0]) {
                assertThat(cur[1]).as("a second packet in a frame time is a switch").isNotEqualTo(prev[1]);
                assertThat(TimestampNum.diff(cur[3], prev[3])).as("same instant, bumped one tick").isEqualTo(1);
            } else {
                assertThat(cur[0]).as("frame after frame").isEqualTo(prev[0] + 1);
                assertThat(TimestampNum.diff(cur[3], prev[3])).as("timeline continues across layers (sender reports)")
                    .isEqualTo(3000);
            }
        }
    }

    @Test
    void hidingStopsAndShowingStartsAgainAtAKeyFrame() {
        for (int n = 0; n < 20; n++) {
            frame(n);
        }
        layers.setTileHeight(0);
        forwarder.pause();
        assertThat(layers.current()).isEqualTo(-1);
        assertThat(layers.neededMask(0)).isZero();
        assertThat(frame(20)).isEqualTo(-1);
        layers.setTileHeight(720);
        assertThat(Dynacast.need(0, 2, -1)).isEqualTo(layers.neededMask(0));
        int forwardedAt = -1;
        for (int n = 21; n < 40 && forwardedAt < 0; n++) {
            if (frame(n) >= 0) {
                forwardedAt = n;
            }
        }
        assertThat(forwardedAt).as("resumed within a few frames").isBetween(21, 25);
        assertThat(layers.current()).isEqualTo(2);
    }

    @Test
    void aBandwidthPauseStopsTheWantedVideoAndTheResumeStartsAtAKeyFrame() {
        for (int n = 0; n < 20; n++) {
            frame(n);
        }
        assertThat(layers.pausedForBandwidth()).isFalse();
        layers.setBudget(SimulcastLayers.PAUSED);
        assertThat(layers.pausedForBandwidth()).as("wanted, but not even the low layer fits").isTrue();
        for (int n = 20; n < 30; n++) {
            assertThat(frame(n)).as("frame %d while paused", n).isEqualTo(-1);
        }
        assertThat(layers.neededMask(0)).as("the publisher keeps the layer the resume needs").isNotZero();
        layers.setBudget(325_000);
        assertThat(layers.pausedForBandwidth()).isFalse();
        int forwardedAt = -1;
        for (int n = 30; n < 50 && forwardedAt < 0; n++) {
            if (frame(n) >= 0) {
                forwardedAt = n;
            }
        }
        assertThat(forwardedAt).as("resumed within a few frames").isBetween(30, 35);
    }

    @Test
    void aHiddenTileIsNotPausedForBandwidth() {
        layers.setTileHeight(0);
        layers.setBudget(SimulcastLayers.PAUSED);
        assertThat(layers.pausedForBandwidth()).isFalse();
    }
}
