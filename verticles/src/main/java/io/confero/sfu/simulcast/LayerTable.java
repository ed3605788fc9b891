package io.confero.sfu.simulcast;

import io.confero.media.sdp.PublishedTrack;
import io.confero.sfu.simulcast.LayerMatch.Outcome;
import io.confero.sfu.simulcast.LayerMatch.StreamRole;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Learns which simulcast layer (encoding) of one published track each incoming SSRC carries, and
 * whether it carries the layer's media or its RTX repairs (RFC 4588). One per producer; touched
 * from its worker's event loop only.
 *
 * <p>Sources of a binding, strongest first:
 * <ol>
 *   <li>explicit SSRCs from the publisher's SDP: the {@code a=ssrc} media SSRCs in order (legacy
 *       {@code a=ssrc-group:SIM} order, lowest first) and their {@code a=ssrc-group:FID} RTX SSRCs;
 *   <li>a packet's RFC 8852 {@code rtp-stream-id} (rid: media) or {@code repaired-rtp-stream-id}
 *       (rrid: RTX) header extension naming one of the negotiated rids (Chromium's rid simulcast
 *       sends no {@code a=ssrc} lines; it sends these extensions until the SSRCs are acknowledged);
 *   <li>for a track with one layer and neither rids nor SSRCs in its SDP, the first SSRC seen
 *       (media, or RTX when its payload type is an RTX type).
 * </ol>
 *
 * <p>Invariants:
 * <ul>
 *   <li>an SSRC is bound to at most one (layer, role), and each (layer, role) to at most one SSRC;
 *   <li>a bound SSRC never moves to another layer or role: a packet whose rid/rrid disagrees with
 *       its SSRC's binding is a {@link Outcome#CONFLICT} and must be dropped, so a retransmission is
 *       never unwrapped into another layer's sequence space;
 *   <li>an RTX packet is only ever attributed to the layer its rrid (or FID group) names, never
 *       to a layer guessed from its payload type alone while several layers exist;
 *   <li>a new SSRC naming an already bound (layer, role) replaces the old SSRC (the publisher
 *       restarted that encoding), which is then unbound.
 * </ul>
 */
public final class LayerTable {
    private final List<String> rids;
    private final int layers;
    private final Map<Integer, Integer> bindings = new HashMap<>();
    private final long[] media;
    private final long[] rtx;

    /**
     * @param rids negotiated rids in simulcast order (lowest first), empty without rid simulcast
     * @param ssrcs explicit media SSRCs from SDP in layer order, empty when none were signalled
     * @param rtxByMedia explicit media SSRC → RTX SSRC ({@code a=ssrc-group:FID})
     */
    public LayerTable(List<String> rids, List<Long> ssrcs, Map<Long, Long> rtxByMedia) {
        this.rids = List.copyOf(rids);
        this.layers = Math.max(1, Math.max(rids.size(), ssrcs.size()));
        this.media = new long[layers];
        this.rtx = new long[layers];
        Arrays.fill(media, -1);
        Arrays.fill(rtx, -1);
        for (int i = 0; i < ssrcs.size(); i++) {
            bind(ssrcs.get(i).intValue(), i, StreamRole.MEDIA);
            Long r = rtxByMedia.get(ssrcs.get(i));
            if (r != null) {
                bind(r.intValue(), i, StreamRole.RTX);
            }
        }
    }

    /** The table for a track as the publish answer accepted it. */
    public static LayerTable of(PublishedTrack track) {
        return new LayerTable(track.rids(), track.ssrcs(), track.rtxSsrcs());
    }

    public int layerCount() { return layers; }

    /** Whether the track is simulcast (more than one layer). */
    public boolean isSimulcast() { return layers > 1; }

    /** The rid of {@code layer}, or null without rid simulcast. */
    public String rid(int layer) {
        return layer < rids.size() ? rids.get(layer) : null;
    }

    /** The media SSRC bound to {@code layer} (unsigned), or -1 while unknown. */
    public long mediaSsrc(int layer) { return media[layer]; }

    /** The RTX SSRC bound to {@code layer} (unsigned), or -1 while unknown. */
    public long rtxSsrc(int layer) { return rtx[layer]; }

    /** The layer whose media an SSRC carries, or -1. */
    public int layerOfMedia(int ssrc) {
        Integer b = bindings.get(ssrc);
        return b == null || roleOf(b) != StreamRole.MEDIA ? -1 : layerOf(b);
    }

    /**
     * Places one incoming packet's SSRC, binding it when the packet says enough.
     *
     * @param rid the packet's rtp-stream-id value, or null when absent
     * @param repairedRid the packet's repaired-rtp-stream-id value, or null when absent
     * @param rtxPayloadType whether the packet's payload type is one of the track's RTX types
     */
    public LayerMatch classify(int ssrc, String rid, String repairedRid, boolean rtxPayloadType) {
        StreamRole role = repairedRid != null || rtxPayloadType ? StreamRole.RTX : StreamRole.MEDIA;
        String named = repairedRid != null ? repairedRid : rid;
        int namedLayer = -1;
        if (named != null) {
            namedLayer = rids.indexOf(named);
            if (namedLayer < 0) {
                return LayerMatch.rejected(Outcome.UNKNOWN_RID);
            }
        }
        Integer bound = bindings.get(ssrc);
        if (bound != null) {
            boolean agrees = (namedLayer < 0 || namedLayer == layerOf(bound)) && role == roleOf(bound);
            return agrees ? LayerMatch.accepted(Outcome.KNOWN, layerOf(bound), roleOf(bound))
                : LayerMatch.rejected(Outcome.CONFLICT);
        }
        if (namedLayer < 0 && layers == 1 && rids.isEmpty() && (role == StreamRole.MEDIA ? media : rtx)[0] < 0) {
            namedLayer = 0;
        }
        if (namedLayer < 0) {
            return LayerMatch.rejected(Outcome.UNKNOWN_SSRC);
        }
        bind(ssrc, namedLayer, role);
        return LayerMatch.accepted(Outcome.LEARNED, namedLayer, role);
    }

    private void bind(int ssrc, int layer, StreamRole role) {
        long[] slots = role == StreamRole.MEDIA ? media : rtx;
        if (slots[layer] >= 0) {
            bindings.remove((int) slots[layer]);
        }
        Integer previous = bindings.put(ssrc, layer * 2 + (role == StreamRole.RTX ? 1 : 0));
        if (previous != null) {
            (roleOf(previous) == StreamRole.MEDIA ? media : rtx)[layerOf(previous)] = -1;
        }
        slots[layer] = ssrc & 0xFFFFFFFFL;
    }

    private static int layerOf(int binding) { return binding >> 1; }

    private static StreamRole roleOf(int binding) { return (binding & 1) == 0 ? StreamRole.MEDIA : StreamRole.RTX; }
}
