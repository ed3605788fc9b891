package io.confero.media.sdp;

import java.util.List;
import java.util.Objects;

/**
 * A track the SFU forwards to one subscriber, offered as one sendonly m-section.
 *
 * @param mid the m-section's mid (unique within the subscriber PeerConnection, never reused)
 * @param codecs the codecs with the PT numbers we forward (audio: Opus; video: each with its rtx PT)
 * @param ssrc the SSRC we send with
 * @param rtxSsrc the rtx SSRC (RFC 4588), or -1 when none
 * @param cname RTCP CNAME for the a=ssrc lines (RFC 7022)
 * @param streamId msid stream id: the publisher's participant id (RFC 8830)
 * @param trackId msid track id
 */
public record OutgoingTrack(String mid, MediaKind kind, List<RtpCodec> codecs, long ssrc, long rtxSsrc,
                            String cname, String streamId, String trackId) {
    public OutgoingTrack {
        if (!SdpSyntax.isToken(mid)) {
            throw new IllegalArgumentException("mid must be a non-empty token: " + mid);
        }
        if (kind != MediaKind.AUDIO && kind != MediaKind.VIDEO) {
            throw new IllegalArgumentException("kind must be audio or video: " + kind);
        }
        codecs = List.copyOf(codecs);
        if (codecs.isEmpty()) {
            throw new IllegalArgumentException("track " + mid + " has no codec");
        }
        if (ssrc < 0 || ssrc > 0xFFFF_FFFFL || rtxSsrc < -1 || rtxSsrc > 0xFFFF_FFFFL || rtxSsrc == ssrc) {
            throw new IllegalArgumentException("invalid ssrc/rtx ssrc " + ssrc + "/" + rtxSsrc);
        }
        requireWord(cname, "cname");
        requireWord(streamId, "streamId");
        requireWord(trackId, "trackId");
    }

    private static void requireWord(String v, String what) {
        Objects.requireNonNull(v, what);
        if (v.isEmpty() || v.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException(what + " must be non-empty without spaces or control characters");
        }
    }
}
