package io.confero.media.sdp;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The payload types of one subscriber's bundle (RFC 8843 §9.1.2: within a BUNDLE group a payload
 * type means one codec configuration). Publishers number codecs their own way (Firefox: Opus 109,
 * VP8 120, rtx 124; Chromium: Opus 111, VP8 96, rtx 97, and Chromium's 109 is an H.264 rtx), so
 * each forwarded codec gets a payload type here: the publisher's own when it is free in this
 * bundle or already means the same configuration, else the next free dynamic one (96–127, then
 * 35–63). Its rtx gets one the same way, keyed by the configuration it repairs. Not thread-safe:
 * owned by the subscriber's router state.
 */
public final class PayloadTypeTable {
    private final Map<Integer, String> configByPt = new HashMap<>();
    private final Map<String, Integer> ptByConfig = new HashMap<>();

    /**
     * The publisher's codec as this subscriber's bundle carries it: same configuration, payload
     * types of this table.
     *
     * @throws IllegalStateException when all dynamic payload types of the bundle are taken
     */
    public RtpCodec assign(RtpCodec publisher) {
        String key = key(publisher);
        int pt = ptFor(key, publisher.payloadType());
        int rtx = publisher.hasRtx() ? ptFor("rtx/" + publisher.clockRate() + "/apt=" + key, publisher.rtxPayloadType()) : -1;
        return new RtpCodec(pt, publisher.name(), publisher.clockRate(), publisher.channels(), publisher.fmtp(), rtx,
                publisher.rtcpFeedback());
    }

    private static String key(RtpCodec c) {
        return c.name().toLowerCase(Locale.ROOT) + "/" + c.clockRate() + "/" + c.channels() + "/"
                + Objects.toString(c.fmtp(), "");
    }

    private int ptFor(String config, int preferred) {
        Integer known = ptByConfig.get(config);
        if (known != null) {
            return known;
        }
        int pt = isFree(preferred) ? preferred : firstFree();
        configByPt.put(pt, config);
        ptByConfig.put(config, pt);
        return pt;
    }

    private boolean isFree(int pt) {
        return pt >= 0 && !configByPt.containsKey(pt);
    }

    private int firstFree() {
        for (int pt = 96; pt <= 127; pt++) {
            if (isFree(pt)) {
                return pt;
            }
        }
        for (int pt = 35; pt <= 63; pt++) {
            if (isFree(pt)) {
                return pt;
            }
        }
        throw new IllegalStateException("no dynamic payload type left in this bundle (" + configByPt.size() + " used)");
    }
}
