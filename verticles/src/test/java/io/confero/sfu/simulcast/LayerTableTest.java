package io.confero.sfu.simulcast;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.media.sdp.LocalTransport;
import io.confero.media.sdp.MediaCapabilities;
import io.confero.media.sdp.MediaKind;
import io.confero.media.sdp.PublishAnswerer;
import io.confero.media.sdp.PublishedTrack;
import io.confero.sfu.simulcast.LayerMatch.Outcome;
import io.confero.sfu.simulcast.LayerMatch.StreamRole;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Layer learning by RFC 8852 rid/rrid, a=ssrc-group:FID and explicit SSRCs, from real Chromium offers. */
class LayerTableTest {
    static final LocalTransport LOCAL = new LocalTransport("sfu1", "abcdefghijklmnopqrstuv",
        "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89",
        List.of(new LocalTransport.HostAddress("127.0.0.1", 40000)));

    /** The accepted video track of a captured Chromium publish offer. */
    static PublishedTrack chromiumVideo(String fixture) throws Exception {
        Path dir = Path.of(System.getProperty("confero.fixtures", "../../shared/fixtures"), "sdp");
        String sdp = Files.readString(dir.resolve(fixture), StandardCharsets.UTF_8);
        return new PublishAnswerer(MediaCapabilities.defaults()).answer(sdp, LOCAL, 1, 1).tracks().stream()
            .filter(t -> t.kind() == MediaKind.VIDEO).findFirst().orElseThrow();
    }

    static LayerTable chromiumSimulcast() throws Exception {
        return LayerTable.of(chromiumVideo("chromium-offer-simulcast.sdp"));
    }

    @Test
    void chromiumSimulcastOfferHasThreeRidLayersAndNoSsrcs() throws Exception {
        LayerTable t = chromiumSimulcast();
        assertThat(t.layerCount()).isEqualTo(3);
        assertThat(t.isSimulcast()).isTrue();
        assertThat(List.of(t.rid(0), t.rid(1), t.rid(2))).containsExactly("q", "h", "f");
        for (int layer = 0; layer < 3; layer++) {
            assertThat(t.mediaSsrc(layer)).isEqualTo(-1);
            assertThat(t.rtxSsrc(layer)).isEqualTo(-1);
        }
    }

    /**
     * One packet sequence per row against a fresh Chromium simulcast table, learned beforehand:
     * media 100 = q, 200 = h, 300 = f; RTX 101 = rrid q, 201 = rrid h.
     */
    @ParameterizedTest(name = "ssrc {0} rid={1} rrid={2} rtxPt={3} -> {4} layer {5} {6}")
    @CsvSource(nullValues = "-", value = {
        // already learned, extensions no longer sent (Chromium stops once acknowledged)
        "100, -, -, false, KNOWN, 0, MEDIA",
        "200, -, -, false, KNOWN, 1, MEDIA",
        "300, -, -, false, KNOWN, 2, MEDIA",
        "101, -, -, true, KNOWN, 0, RTX",
        "201, -, -, true, KNOWN, 1, RTX",
        // extensions repeated and consistent
        "200, h, -, false, KNOWN, 1, MEDIA",
        "201, -, h, true, KNOWN, 1, RTX",
        // new SSRCs
        "301, -, f, true, LEARNED, 2, RTX",
        "400, -, -, false, UNKNOWN_SSRC, -1, -",
        // RTX payload type alone never picks a layer of a simulcast track
        "401, -, -, true, UNKNOWN_SSRC, -1, -",
        "402, x, -, false, UNKNOWN_RID, -1, -",
        "403, -, x, true, UNKNOWN_RID, -1, -",
        // a bound SSRC never moves to another layer or role
        "100, h, -, false, CONFLICT, -1, -",
        "101, -, h, true, CONFLICT, -1, -",
        "101, -, -, false, CONFLICT, -1, -",
        "100, -, q, true, CONFLICT, -1, -",
    })
    void ridAndRridTable(int ssrc, String rid, String rrid, boolean rtxPt, Outcome outcome, int layer, StreamRole role)
            throws Exception {
        LayerTable t = chromiumSimulcast();
        t.classify(100, "q", null, false);
        t.classify(200, "h", null, false);
        t.classify(300, "f", null, false);
        t.classify(101, null, "q", true);
        t.classify(201, null, "h", true);
        assertThat(t.classify(ssrc, rid, rrid, rtxPt)).isEqualTo(new LayerMatch(outcome, layer, role));
    }

    @Test
    void learningBindsBothDirections() throws Exception {
        LayerTable t = chromiumSimulcast();
        assertThat(t.classify(0xF0000001, null, "h", true)).isEqualTo(new LayerMatch(Outcome.LEARNED, 1, StreamRole.RTX));
        assertThat(t.classify(0xF0000000, "h", null, false)).isEqualTo(new LayerMatch(Outcome.LEARNED, 1, StreamRole.MEDIA));
        assertThat(t.mediaSsrc(1)).isEqualTo(0xF0000000L);
        assertThat(t.rtxSsrc(1)).isEqualTo(0xF0000001L);
        assertThat(t.layerOfMedia(0xF0000000)).isEqualTo(1);
        assertThat(t.layerOfMedia(0xF0000001)).isEqualTo(-1);
    }

    @Test
    void aNewSsrcForABoundLayerReplacesTheOldOne() throws Exception {
        LayerTable t = chromiumSimulcast();
        t.classify(100, "q", null, false);
        assertThat(t.classify(110, "q", null, false).outcome()).isEqualTo(Outcome.LEARNED);
        assertThat(t.mediaSsrc(0)).isEqualTo(110);
        assertThat(t.classify(100, null, null, false).outcome()).isEqualTo(Outcome.UNKNOWN_SSRC);
        assertThat(t.classify(110, null, null, false)).isEqualTo(new LayerMatch(Outcome.KNOWN, 0, StreamRole.MEDIA));
    }

    @Test
    void fidGroupOfAPlainChromiumOfferBindsRtx() throws Exception {
        PublishedTrack video = chromiumVideo("chromium-offer-plain.sdp");
        LayerTable t = LayerTable.of(video);
        assertThat(t.layerCount()).isOne();
        assertThat(t.isSimulcast()).isFalse();
        assertThat(t.mediaSsrc(0)).isEqualTo(3432414575L);
        assertThat(t.rtxSsrc(0)).isEqualTo(2997329255L);
        assertThat(t.classify((int) 3432414575L, null, null, false)).isEqualTo(new LayerMatch(Outcome.KNOWN, 0, StreamRole.MEDIA));
        assertThat(t.classify((int) 2997329255L, null, null, true)).isEqualTo(new LayerMatch(Outcome.KNOWN, 0, StreamRole.RTX));
        // SDP named both SSRCs: a third one is not learned by payload type
        assertThat(t.classify(77, null, null, false).outcome()).isEqualTo(Outcome.UNKNOWN_SSRC);
        assertThat(t.classify(78, null, null, true).outcome()).isEqualTo(Outcome.UNKNOWN_SSRC);
    }

    @Test
    void explicitSimSsrcsInLayerOrderWithFid() {
        LayerTable t = new LayerTable(List.of(), List.of(1L, 2L, 3L), Map.of(1L, 11L, 2L, 12L, 3L, 13L));
        assertThat(t.layerCount()).isEqualTo(3);
        for (int layer = 0; layer < 3; layer++) {
            assertThat(t.classify(layer + 1, null, null, false)).isEqualTo(new LayerMatch(Outcome.KNOWN, layer, StreamRole.MEDIA));
            assertThat(t.classify(layer + 11, null, null, true)).isEqualTo(new LayerMatch(Outcome.KNOWN, layer, StreamRole.RTX));
        }
        assertThat(t.rid(0)).isNull();
        assertThat(t.classify(4, null, null, false).outcome()).isEqualTo(Outcome.UNKNOWN_SSRC);
    }

    @Test
    void singleLayerWithoutSdpSsrcsLearnsFirstMediaAndFirstRtx() {
        LayerTable t = new LayerTable(List.of(), List.of(), Map.of());
        assertThat(t.classify(5, null, null, false)).isEqualTo(new LayerMatch(Outcome.LEARNED, 0, StreamRole.MEDIA));
        assertThat(t.classify(6, null, null, true)).isEqualTo(new LayerMatch(Outcome.LEARNED, 0, StreamRole.RTX));
        assertThat(t.classify(7, null, null, false).outcome()).isEqualTo(Outcome.UNKNOWN_SSRC);
        assertThat(t.classify(8, null, null, true).outcome()).isEqualTo(Outcome.UNKNOWN_SSRC);
        assertThat(t.classify(5, null, null, true).outcome()).isEqualTo(Outcome.CONFLICT);
    }
}
