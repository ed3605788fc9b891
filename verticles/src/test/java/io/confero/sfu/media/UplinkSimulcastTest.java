package io.confero.sfu.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.media.rtcp.RtcpSr;
import io.confero.media.sdp.LocalTransport;
import io.confero.media.sdp.MediaCapabilities;
import io.confero.media.sdp.MediaKind;
import io.confero.media.sdp.PublishAnswerer;
import io.confero.media.sdp.PublishedTrack;
import io.confero.sfu.dtls.DtlsCertificate;
import io.confero.sfu.ice.IceCredentials;
import io.confero.sfu.metrics.SfuMetrics;
import io.confero.sfu.transport.WebRtcTransport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The publisher's receive path learns Chromium's rid simulcast (no a=ssrc lines): each SSRC is
 * bound to its encoding by the mid/rid/rrid header extensions, an RTX repair is unwrapped into its
 * own layer's sequence space, and packets naming an unknown rid or another layer are dropped.
 */
class UplinkSimulcastTest {
    static final DtlsCertificate CERT = DtlsCertificate.generate();

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final SfuMetrics metrics = new SfuMetrics(registry, 0);
    final WebRtcTransport transport = new WebRtcTransport("alice", true, IceCredentials.generate(new SecureRandom()), 0,
        CERT, null, r -> { }, (buf, len, to) -> { }, metrics, new WebRtcTransport.Listener() {
            @Override
            public void onRtp(WebRtcTransport t, byte[] buf, int len, long nowNanos) {
            }

            @Override
            public void onRtcp(WebRtcTransport t, byte[] buf, int len, long nowNanos) {
            }

            @Override
            public void onConnected(WebRtcTransport t) {
            }

            @Override
            public void onDown(WebRtcTransport t, String reason) {
            }
        });
    final Uplink uplink = new Uplink(transport, metrics);
    final Producer producer;
    final List<int[]> received = new ArrayList<>(); // {encoding, ssrc, seq}

    UplinkSimulcastTest() throws Exception {
        String offer = Files.readString(Path.of(System.getProperty("confero.fixtures", "../../shared/fixtures"), "sdp",
            "chromium-offer-simulcast.sdp"), StandardCharsets.UTF_8);
        LocalTransport local = new LocalTransport("sfu1", "abcdefghijklmnopqrstuv", transport.fingerprint(),
            List.of(new LocalTransport.HostAddress("127.0.0.1", 40000)));
        PublishedTrack video = new PublishAnswerer(MediaCapabilities.defaults()).answer(offer, local, 1, 1).tracks()
            .stream().filter(t -> t.kind() == MediaKind.VIDEO).findFirst().orElseThrow();
        producer = new Producer("t1", "alice", video, TrackSource.CAMERA);
        producer.addConsumer(new Consumer() {
            @Override
            public Producer producer() {
                return producer;
            }

            @Override
            public void onPacket(PacketInfo p) {
                received.add(new int[] {p.encoding().index(), p.packet().ssrc(), p.packet().sequenceNumber()});
            }

            @Override
            public void onSenderReport(Encoding encoding, RtcpSr sr) {
            }

            @Override
            public void close() {
            }
        });
        uplink.add(producer);
    }

    /** An RTP packet with one-byte header extensions (RFC 8285 §4.2) for mid and, when given, rid / rrid. */
    byte[] rtp(int pt, int ssrc, int seq, String rid, String rrid, byte[] payload) {
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        element(ext, producer.midExtensionId(), producer.mid());
        if (rid != null) {
            element(ext, producer.ridExtensionId(), rid);
        }
        if (rrid != null) {
            element(ext, producer.repairedRidExtensionId(), rrid);
        }
        while (ext.size() % 4 != 0) {
            ext.write(0);
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x90);
        b.write(pt);
        b.write(seq >> 8);
        b.write(seq);
        b.writeBytes(new byte[] {0, 0, 0x10, 0});
        b.writeBytes(new byte[] {(byte) (ssrc >> 24), (byte) (ssrc >> 16), (byte) (ssrc >> 8), (byte) ssrc});
        b.writeBytes(new byte[] {(byte) 0xBE, (byte) 0xDE, 0, (byte) (ext.size() / 4)});
        b.writeBytes(ext.toByteArray());
        b.writeBytes(payload);
        return b.toByteArray();
    }

    static void element(ByteArrayOutputStream out, int id, String value) {
        byte[] v = value.getBytes(StandardCharsets.US_ASCII);
        out.write(id << 4 | v.length - 1);
        out.writeBytes(v);
    }

    void send(byte[] packet) {
        uplink.onRtp(packet, packet.length, 1_000_000L * received.size());
    }

    int vp8() {
        return producer.primaryCodec().payloadType();
    }

    int rtxPt() {
        return producer.primaryCodec().rtxPayloadType();
    }

    static final byte[] VP8_DELTA = {(byte) 0x90, (byte) 0x80, 0, 1, 1, 0, 0, 0};

    @Test
    void ridsBindEachSsrcToItsEncodingAndRtxRepairsStayInTheirLayer() {
        assertThat(producer.encodings()).extracting(Encoding::rid).containsExactly("q", "h", "f");
        send(rtp(vp8(), 100, 500, "q", null, VP8_DELTA));
        send(rtp(vp8(), 200, 10, "h", null, VP8_DELTA));
        send(rtp(vp8(), 300, 7000, "f", null, VP8_DELTA));
        assertThat(producer.encodings()).extracting(Encoding::ssrc).containsExactly(100, 200, 300);
        // once acknowledged, Chromium stops sending mid/rid: the SSRC alone now places the packet
        send(rtp(vp8(), 200, 12, null, null, VP8_DELTA));
        // h's packet 11 was lost; its RTX (rrid h, OSN 11) repairs it on h, not on another layer
        byte[] osn11 = {0, 11, (byte) 0x90, (byte) 0x80, 0, 1, 1, 0, 0, 0};
        send(rtp(rtxPt(), 201, 1, null, "h", osn11));
        assertThat(producer.encodings().get(1).rtxSsrc()).isEqualTo(201);
        assertThat(received).extracting(r -> r[0] + "/" + r[1] + "/" + r[2])
            .containsExactly("0/100/500", "1/200/10", "2/300/7000", "1/200/12", "1/200/11");
        assertThat(producer.activity().isArriving(1, 4_000_000L)).isTrue();
    }

    @Test
    void unknownRidsAndLayerConflictsAreCountedDrops() {
        send(rtp(vp8(), 100, 1, "q", null, VP8_DELTA));
        send(rtp(vp8(), 400, 1, "x", null, VP8_DELTA));
        send(rtp(vp8(), 100, 2, "f", null, VP8_DELTA));
        assertThat(received).hasSize(1);
        assertThat(drops("unknown_rid")).isEqualTo(1);
        assertThat(drops("layer_conflict")).isEqualTo(1);
        assertThat(producer.encodings().get(2).ssrcKnown()).isFalse();
    }

    double drops(String reason) {
        return registry.find("confero.sfu.drops").tag("reason", reason).counter().count();
    }
}
