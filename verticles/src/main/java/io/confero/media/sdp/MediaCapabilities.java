package io.confero.media.sdp;

import java.util.List;
import java.util.Set;

/**
 * What the SFU forwards, used to answer publish offers. Audio is always Opus/48000/2 (RFC 7587);
 * video codecs are chosen from {@code videoCodecs} (each "VP8" or "H264"; H264 only with
 * packetization-mode=1, RFC 6184 §8.1) in preference order, each with its rtx (RFC 4588).
 *
 * @param rtcpFeedback the rtcp-fb values we honour (RFC 4585 §4.2, RFC 5104, RFC 8888 family)
 * @param headerExtensions the RTP header extension URIs we understand (RFC 8285)
 */
public record MediaCapabilities(List<String> videoCodecs, Set<String> rtcpFeedback, Set<String> headerExtensions) {
    public static final String AUDIO_LEVEL = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
    public static final String ABS_SEND_TIME = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
    public static final String TRANSPORT_CC = "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
    public static final String SDES_MID = "urn:ietf:params:rtp-hdrext:sdes:mid";
    public static final String RTP_STREAM_ID = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";
    public static final String REPAIRED_RTP_STREAM_ID = "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";

    public MediaCapabilities {
        videoCodecs = List.copyOf(videoCodecs);
        for (String c : videoCodecs) {
            if (!c.equals("VP8") && !c.equals("H264")) {
                throw new IllegalArgumentException("unsupported video codec " + c + " (VP8 or H264)");
            }
        }
        rtcpFeedback = Set.copyOf(rtcpFeedback);
        headerExtensions = Set.copyOf(headerExtensions);
    }

    /** VP8 then H264; nack, nack pli, ccm fir, goog-remb, transport-cc; the six extensions above. */
    public static MediaCapabilities defaults() {
        return new MediaCapabilities(List.of("VP8", "H264"),
                Set.of("nack", "nack pli", "ccm fir", "goog-remb", "transport-cc"),
                Set.of(AUDIO_LEVEL, ABS_SEND_TIME, TRANSPORT_CC, SDES_MID, RTP_STREAM_ID, REPAIRED_RTP_STREAM_ID));
    }
}
