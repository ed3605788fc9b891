package io.confero.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Subscriber offers and renegotiation (RFC 8829 §5.2, RFC 8843, RFC 3264 §8). */
class SubscribeOffererTest {
    static final RtpCodec OPUS = new RtpCodec(111, "opus", 48000, 2, "minptime=10;useinbandfec=1", -1);
    static final RtpCodec VP8 = new RtpCodec(96, "VP8", 90000, 0, null, 97);
    static final OutgoingTrack ALICE_AUDIO = new OutgoingTrack("a0", MediaKind.AUDIO, List.of(OPUS), 1111, -1,
            "alice", "alice", "alice-mic");
    static final OutgoingTrack ALICE_VIDEO = new OutgoingTrack("v1", MediaKind.VIDEO, List.of(VP8), 2222, 3333,
            "alice", "alice", "alice-cam");
    static final OutgoingTrack BOB_VIDEO = new OutgoingTrack("v2", MediaKind.VIDEO, List.of(VP8), 4444, 5555,
            "bob", "bob", "bob-cam");

    private final SubscribeOfferer offerer = new SubscribeOfferer(TestTransports.LOCAL);

    static final String GOLDEN_FIRST_OFFER = String.join("\r\n",
            "v=0",
            "o=- 77 1 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "a=group:BUNDLE a0 v1",
            "a=msid-semantic: WMS *",
            "a=ice-lite",
            "m=audio 40000 UDP/TLS/RTP/SAVPF 111",
            "c=IN IP4 127.0.0.1",
            "a=ice-ufrag:sfu1",
            "a=ice-pwd:abcdefghijklmnopqrstuv",
            "a=fingerprint:sha-256 " + TestTransports.FINGERPRINT,
            "a=setup:actpass",
            "a=mid:a0",
            "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
            "a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
            "a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
            "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid",
            "a=sendonly",
            "a=msid:alice alice-mic",
            "a=rtcp-mux",
            "a=rtcp-rsize",
            "a=rtpmap:111 opus/48000/2",
            "a=rtcp-fb:111 transport-cc",
            "a=fmtp:111 minptime=10;useinbandfec=1",
            "a=ssrc:1111 cname:alice",
            "a=ssrc:1111 msid:alice alice-mic",
            "a=candidate:1 1 udp 2130706431 127.0.0.1 40000 typ host",
            "a=candidate:2 1 udp 2130706175 ::1 40000 typ host",
            "a=end-of-candidates",
            "m=video 40000 UDP/TLS/RTP/SAVPF 96 97",
            "c=IN IP4 127.0.0.1",
            "a=ice-ufrag:sfu1",
            "a=ice-pwd:abcdefghijklmnopqrstuv",
            "a=fingerprint:sha-256 " + TestTransports.FINGERPRINT,
            "a=setup:actpass",
            "a=mid:v1",
            "a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
            "a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
            "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid",
            "a=sendonly",
            "a=msid:alice alice-cam",
            "a=rtcp-mux",
            "a=rtcp-rsize",
            "a=rtpmap:96 VP8/90000",
            "a=rtcp-fb:96 goog-remb",
            "a=rtcp-fb:96 transport-cc",
            "a=rtcp-fb:96 ccm fir",
            "a=rtcp-fb:96 nack",
            "a=rtcp-fb:96 nack pli",
            "a=rtpmap:97 rtx/90000",
            "a=fmtp:97 apt=96",
            "a=ssrc-group:FID 2222 3333",
            "a=ssrc:2222 cname:alice",
            "a=ssrc:2222 msid:alice alice-cam",
            "a=ssrc:3333 cname:alice",
            "a=ssrc:3333 msid:alice alice-cam",
            "a=candidate:1 1 udp 2130706431 127.0.0.1 40000 typ host",
            "a=candidate:2 1 udp 2130706175 ::1 40000 typ host",
            "a=end-of-candidates",
            "");

    @Test
    void firstOfferMatchesGolden() throws SdpParseException {
        SubscribeOffer first = offerer.offer(SubscribeState.initial(77), List.of(ALICE_AUDIO, ALICE_VIDEO));
        assertThat(first.sdp()).isEqualTo(GOLDEN_FIRST_OFFER);
        assertThat(SdpParser.parse(first.sdp())).isEqualTo(first.offer());
        assertThat(first.state().sessionVersion()).isEqualTo(1);
        assertThat(first.state().slots()).extracting(SubscribeState.Slot::state)
                .containsOnly(SubscribeState.SlotState.ACTIVE);
    }

    @Test
    void renegotiationKeepsMidsAndIncrementsVersion() throws SdpParseException {
        SubscribeOffer first = offerer.offer(SubscribeState.initial(77), List.of(ALICE_AUDIO, ALICE_VIDEO));
        SubscribeOffer second = offerer.offer(first.state(), List.of(ALICE_AUDIO));
        SubscribeOffer third = offerer.offer(second.state(), List.of(ALICE_AUDIO, BOB_VIDEO));

        assertThat(List.of(first, second, third)).extracting(o -> o.offer().origin().sessionVersion())
                .containsExactly(1L, 2L, 3L);
        assertThat(List.of(first, second, third)).extracting(o -> o.offer().origin().sessionId())
                .containsOnly("77");

        SessionDescription s2 = SdpParser.parse(second.sdp());
        assertThat(s2.media()).extracting(MediaDescription::mid).containsExactly("a0", "v1");
        MediaDescription ended = s2.media().get(1);
        assertThat(ended.port()).isZero();
        assertThat(ended.direction()).isEqualTo(Direction.INACTIVE);
        assertThat(ended.ssrcs()).isEmpty();
        assertThat(ended.msids()).isEmpty();
        assertThat(s2.bundleGroup()).get().extracting(Group::mids).isEqualTo(List.of("a0"));
        assertThat(s2.media().get(0)).isEqualTo(SdpParser.parse(first.sdp()).media().get(0));

        SessionDescription s3 = SdpParser.parse(third.sdp());
        assertThat(s3.media()).extracting(MediaDescription::mid).containsExactly("a0", "v1", "v2");
        assertThat(s3.media()).extracting(MediaDescription::direction)
                .containsExactly(Direction.SENDONLY, Direction.INACTIVE, Direction.SENDONLY);
        assertThat(s3.media().get(1).port()).isZero();
        assertThat(s3.bundleGroup()).get().extracting(Group::mids).isEqualTo(List.of("a0", "v2"));
        MediaDescription bob = s3.media().get(2);
        assertThat(bob.msids()).containsExactly(new Msid("bob", "bob-cam"));
        assertThat(bob.ssrcGroups()).containsExactly(new SsrcGroup("FID", List.of(4444L, 5555L)));
        assertThat(third.state().slots()).extracting(SubscribeState.Slot::state).containsExactly(
                SubscribeState.SlotState.ACTIVE, SubscribeState.SlotState.STOPPED, SubscribeState.SlotState.ACTIVE);
    }

    @Test
    void endedBundleTagStaysBundledAndInactive() throws SdpParseException {
        SubscribeOffer first = offerer.offer(SubscribeState.initial(1), List.of(ALICE_AUDIO, ALICE_VIDEO));
        SubscribeOffer second = offerer.offer(first.state(), List.of(ALICE_VIDEO));
        SessionDescription s2 = SdpParser.parse(second.sdp());
        MediaDescription tag = s2.media().get(0);
        assertThat(tag.port()).isEqualTo(40000);
        assertThat(tag.direction()).isEqualTo(Direction.INACTIVE);
        assertThat(tag.ssrcs()).isEmpty();
        assertThat(s2.bundleGroup()).get().extracting(Group::mids).isEqualTo(List.of("a0", "v1"));
        assertThat(second.state().slots().get(0).state()).isEqualTo(SubscribeState.SlotState.INACTIVE);
        SubscribeOffer third = offerer.offer(second.state(), List.of());
        SessionDescription s3 = SdpParser.parse(third.sdp());
        assertThat(s3.media()).extracting(MediaDescription::port).containsExactly(40000, 0);
        assertThat(s3.bundleGroup()).get().extracting(Group::mids).isEqualTo(List.of("a0"));
    }

    @Test
    void emptyFirstOfferHasNoMediaAndNoBundle() throws SdpParseException {
        SubscribeOffer first = offerer.offer(SubscribeState.initial(5), List.of());
        SessionDescription sd = SdpParser.parse(first.sdp());
        assertThat(sd.media()).isEmpty();
        assertThat(sd.groups()).isEmpty();
    }

    @Test
    void misuseIsRejected() {
        SubscribeOffer first = offerer.offer(SubscribeState.initial(1), List.of(ALICE_AUDIO, ALICE_VIDEO));
        SubscribeOffer second = offerer.offer(first.state(), List.of(ALICE_AUDIO));
        assertThatThrownBy(() -> offerer.offer(second.state(), List.of(ALICE_AUDIO, ALICE_VIDEO)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ended track");
        assertThatThrownBy(() -> offerer.offer(first.state(), List.of(ALICE_AUDIO, ALICE_AUDIO)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("given twice");
        OutgoingTrack videoAsA0 = new OutgoingTrack("a0", MediaKind.VIDEO, List.of(VP8), 9, -1, "x", "x", "x");
        assertThatThrownBy(() -> offerer.offer(first.state(), List.of(videoAsA0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kind");
        RtpCodec clash = new RtpCodec(97, "H264", 90000, 0, "packetization-mode=1", 98);
        OutgoingTrack clashing = new OutgoingTrack("v9", MediaKind.VIDEO, List.of(VP8, clash), 9, 10, "x", "x", "x");
        assertThatThrownBy(() -> offerer.offer(first.state(), List.of(clashing)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("payload type 97");
        assertThatThrownBy(() -> new OutgoingTrack("a b", MediaKind.AUDIO, List.of(OPUS), 1, -1, "x", "x", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
