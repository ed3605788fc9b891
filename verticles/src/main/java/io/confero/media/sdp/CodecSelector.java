package io.confero.media.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks the payload types we accept from an offered m-section (RFC 3264 §6.1: the answer lists a
 * subset of the offered formats, same PT numbers): Opus/48000/2 for audio (RFC 7587); for video
 * the first VP8 (RFC 7741) and the best H264 with packetization-mode=1 (RFC 6184), preferring
 * profile-level-id 42e01f, then constrained baseline, then baseline, then any other; each with
 * the rtx PT whose apt points at it (RFC 4588 §8.6). rtcp-fb values are filtered to what we honour.
 */
final class CodecSelector {
    private final MediaCapabilities caps;

    CodecSelector(MediaCapabilities caps) {
        this.caps = caps;
    }

    /** The accepted primary codecs, preferred first; empty when nothing is acceptable. */
    List<RtpCodec> select(MediaDescription offered) {
        List<RtpCodec> out = new ArrayList<>();
        if (offered.kind() == MediaKind.AUDIO) {
            offered.codecs().stream()
                    .filter(c -> c.is("opus") && c.clockRate() == 48000 && c.channels() == 2)
                    .findFirst().ifPresent(c -> out.add(toRtpCodec(c, -1)));
        } else if (offered.kind() == MediaKind.VIDEO) {
            for (String name : caps.videoCodecs()) {
                Optional<Codec> c = name.equals("H264") ? bestH264(offered) : firstVideo(offered, name);
                c.ifPresent(codec -> out.add(toRtpCodec(codec, rtxFor(offered, codec.payloadType()))));
            }
        }
        return out;
    }

    /** The answer's Codec lines for the selection: each primary followed by its rtx. */
    List<Codec> answerCodecs(MediaDescription offered, List<RtpCodec> chosen) {
        List<Codec> out = new ArrayList<>();
        for (RtpCodec c : chosen) {
            out.add(new Codec(c.payloadType(), c.name(), c.clockRate(), c.channels(), c.fmtp(), c.rtcpFeedback()));
            if (c.hasRtx()) {
                Codec rtx = offered.codec(c.rtxPayloadType()).orElseThrow();
                out.add(new Codec(rtx.payloadType(), rtx.name(), rtx.clockRate(), rtx.channels(), rtx.fmtp(), List.of()));
            }
        }
        return out;
    }

    private RtpCodec toRtpCodec(Codec c, int rtxPt) {
        List<String> fb = c.rtcpFeedback().stream().filter(caps.rtcpFeedback()::contains).distinct().toList();
        return new RtpCodec(c.payloadType(), c.name(), c.clockRate(), c.channels(), c.fmtp(), rtxPt, fb);
    }

    private static Optional<Codec> firstVideo(MediaDescription m, String name) {
        return m.codecs().stream().filter(c -> c.is(name) && c.clockRate() == 90000).findFirst();
    }

    private static Optional<Codec> bestH264(MediaDescription m) {
        Codec best = null;
        int bestScore = -1;
        for (Codec c : m.codecs()) {
            if (c.is("H264") && c.clockRate() == 90000 && "1".equals(c.fmtpParameters().get("packetization-mode"))) {
                int score = h264Score(c.fmtpParameters().getOrDefault("profile-level-id", "42001f"));
                if (score > bestScore) {
                    best = c;
                    bestScore = score;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** 3: 42e01f; 2: constrained baseline (42e0xx); 1: baseline (42xxxx); 0: other profiles. */
    private static int h264Score(String profileLevelId) {
        String p = profileLevelId.toLowerCase(Locale.ROOT);
        if (p.equals("42e01f")) {
            return 3;
        }
        if (p.startsWith("42e0")) {
            return 2;
        }
        return p.startsWith("42") ? 1 : 0;
    }

    private static int rtxFor(MediaDescription m, int pt) {
        return m.codecs().stream()
                .filter(c -> c.isRtx() && c.clockRate() == 90000 && c.apt() == pt)
                .mapToInt(Codec::payloadType).findFirst().orElse(-1);
    }
}
