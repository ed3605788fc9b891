package io.confero.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One subscriber bundle's payload types (RFC 8843 §9.1.2): one configuration per payload type. */
class PayloadTypeTableTest {
    static final RtpCodec FIREFOX_OPUS = new RtpCodec(109, "opus", 48000, 2,
            "maxplaybackrate=48000;stereo=1;useinbandfec=1", -1);
    static final RtpCodec FIREFOX_VP8 = new RtpCodec(120, "VP8", 90000, 0, "max-fs=12288;max-fr=60", 124);
    static final RtpCodec CHROMIUM_OPUS = new RtpCodec(111, "opus", 48000, 2, "minptime=10;useinbandfec=1", -1);
    static final RtpCodec CHROMIUM_VP8 = new RtpCodec(96, "VP8", 90000, 0, null, 97);
    /** Chromium 156's H.264 whose rtx is 109, Firefox's Opus. */
    static final RtpCodec CHROMIUM_H264 = new RtpCodec(108, "H264", 90000, 0,
            "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f", 109);

    @ParameterizedTest(name = "{0}: {1}/{2}")
    @CsvSource({"FIREFOX_OPUS, 109, -1", "FIREFOX_VP8, 120, 124", "CHROMIUM_OPUS, 111, -1", "CHROMIUM_VP8, 96, 97"})
    void firefoxAndChromiumCodecsKeepTheirOwnPayloadTypesWhenTheyDoNotClash(String name, int pt, int rtx) {
        PayloadTypeTable t = new PayloadTypeTable();
        List.of(FIREFOX_OPUS, FIREFOX_VP8, CHROMIUM_OPUS, CHROMIUM_VP8).forEach(t::assign);
        RtpCodec c = t.assign(codec(name));
        assertThat(c.payloadType()).isEqualTo(pt);
        assertThat(c.rtxPayloadType()).isEqualTo(rtx);
    }

    @Test
    void aClashingPayloadTypeMovesToAFreeDynamicOne() {
        PayloadTypeTable t = new PayloadTypeTable();
        t.assign(FIREFOX_OPUS);
        t.assign(CHROMIUM_VP8);
        RtpCodec h264 = t.assign(CHROMIUM_H264);
        assertThat(h264.payloadType()).isEqualTo(108);
        assertThat(h264.rtxPayloadType()).as("109 is Opus in this bundle").isEqualTo(98);
        assertThat(h264.fmtp()).isEqualTo(CHROMIUM_H264.fmtp());
        assertThat(t.assign(new RtpCodec(120, "VP8", 90000, 0, null, 124)))
                .as("Chromium's VP8 configuration already has 96/97 here")
                .extracting(RtpCodec::payloadType, RtpCodec::rtxPayloadType).containsExactly(96, 97);
    }

    @Test
    void theSameConfigurationFromAnotherPublisherSharesItsPayloadType() {
        PayloadTypeTable t = new PayloadTypeTable();
        t.assign(FIREFOX_VP8);
        RtpCodec second = t.assign(new RtpCodec(96, "vp8", 90000, 0, "max-fs=12288;max-fr=60", 97));
        assertThat(second.payloadType()).isEqualTo(120);
        assertThat(second.rtxPayloadType()).isEqualTo(124);
    }

    @Test
    void aFullBundleIsAClearError() {
        PayloadTypeTable t = new PayloadTypeTable();
        for (int i = 0; i < 61; i++) {
            t.assign(new RtpCodec(96, "VP8", 90000, 0, "x=" + i, -1));
        }
        assertThatThrownBy(() -> t.assign(new RtpCodec(96, "VP8", 90000, 0, "x=61", -1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no dynamic payload type left");
    }

    /** Whatever the publishers offer, no payload type of the bundle means two configurations. */
    @Property(tries = 500)
    void onePayloadTypeNeverMeansTwoConfigurations(@ForAll("publisherCodecs") List<RtpCodec> codecs) {
        PayloadTypeTable t = new PayloadTypeTable();
        Map<Integer, String> seen = new HashMap<>();
        for (RtpCodec c : codecs) {
            RtpCodec out = t.assign(c);
            String config = c.name().toLowerCase() + "/" + c.clockRate() + "/" + c.channels() + "/" + c.fmtp();
            assertThat(seen.putIfAbsent(out.payloadType(), config)).isIn(null, config);
            if (out.hasRtx()) {
                assertThat(seen.putIfAbsent(out.rtxPayloadType(), "rtx:" + config)).isIn(null, "rtx:" + config);
            }
            assertThat(t.assign(c)).as("stable").isEqualTo(out);
        }
    }

    @Provide
    Arbitrary<List<RtpCodec>> publisherCodecs() {
        Arbitrary<RtpCodec> codec = Combinators.combine(Arbitraries.integers().between(96, 127),
                Arbitraries.of("VP8", "H264", "opus"), Arbitraries.of("a=1", "b=2", "c=3"),
                Arbitraries.integers().between(-1, 127)).as((pt, name, fmtp, rtx) ->
                new RtpCodec(pt, name, 90000, 0, fmtp, rtx == pt ? -1 : rtx));
        return codec.list().ofMaxSize(20);
    }

    private static RtpCodec codec(String name) {
        return switch (name) {
            case "FIREFOX_OPUS" -> FIREFOX_OPUS;
            case "FIREFOX_VP8" -> FIREFOX_VP8;
            case "CHROMIUM_OPUS" -> CHROMIUM_OPUS;
            default -> CHROMIUM_VP8;
        };
    }
}
