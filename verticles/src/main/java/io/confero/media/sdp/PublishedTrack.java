package io.confero.media.sdp;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a browser will send on one accepted publish m-section.
 *
 * @param codecs the accepted codecs, preferred first (the browser sends the first)
 * @param headerExtensions header-extension URI → id as negotiated (RFC 8285)
 * @param ssrcs primary SSRCs from a=ssrc lines, rtx SSRCs excluded; empty for rid simulcast
 *     (then SSRCs are learned from the mid/rid header extensions, RFC 8852)
 * @param rtxSsrcs primary SSRC → rtx SSRC from {@code a=ssrc-group:FID} (RFC 5576 §4.2, RFC 4588)
 * @param rids the rids we agreed to receive, in simulcast order (RFC 8853); empty without simulcast
 * @param msid the track's a=msid (or the a=ssrc msid), or null
 * @param cname the RTCP CNAME from a=ssrc, or null
 */
public record PublishedTrack(String mid, MediaKind kind, List<RtpCodec> codecs, Map<String, Integer> headerExtensions,
                             List<Long> ssrcs, Map<Long, Long> rtxSsrcs, List<String> rids, Msid msid, String cname) {
    public PublishedTrack {
        Objects.requireNonNull(mid, "mid");
        Objects.requireNonNull(kind, "kind");
        codecs = List.copyOf(codecs);
        headerExtensions = Map.copyOf(headerExtensions);
        ssrcs = List.copyOf(ssrcs);
        rtxSsrcs = Map.copyOf(rtxSsrcs);
        rids = List.copyOf(rids);
    }

    /** The id negotiated for a header-extension URI, or -1. */
    public int extensionId(String uri) {
        return headerExtensions.getOrDefault(uri, -1);
    }
}
