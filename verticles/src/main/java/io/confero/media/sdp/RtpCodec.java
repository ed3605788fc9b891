package io.confero.media.sdp;

import java.util.List;
import java.util.Objects;

/**
 * A negotiated media codec with its RFC 4588 retransmission payload type.
 *
 * @param rtxPayloadType the rtx PT whose {@code apt} is {@code payloadType}, or -1 when none
 * @param channels 0 when the rtpmap has no channel count (video)
 * @param fmtp the fmtp parameters, or null
 * @param rtcpFeedback the negotiated rtcp-fb values (RFC 4585) on the publish side;
 *     {@link SubscribeOfferer} offers its own fixed set and ignores them
 */
public record RtpCodec(int payloadType, String name, int clockRate, int channels, String fmtp,
                       int rtxPayloadType, List<String> rtcpFeedback) {
    public RtpCodec {
        Objects.requireNonNull(name, "name");
        if (payloadType < 0 || payloadType > 127 || rtxPayloadType < -1 || rtxPayloadType > 127
                || rtxPayloadType == payloadType) {
            throw new IllegalArgumentException("invalid payload types " + payloadType + "/" + rtxPayloadType);
        }
        rtcpFeedback = List.copyOf(rtcpFeedback);
    }

    public RtpCodec(int payloadType, String name, int clockRate, int channels, String fmtp, int rtxPayloadType) {
        this(payloadType, name, clockRate, channels, fmtp, rtxPayloadType, List.of());
    }

    public boolean hasRtx() {
        return rtxPayloadType >= 0;
    }
}
