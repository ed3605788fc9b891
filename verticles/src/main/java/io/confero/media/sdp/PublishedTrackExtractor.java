package io.confero.media.sdp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the {@link PublishedTrack} summary of an accepted publish m-section. */
final class PublishedTrackExtractor {
    private PublishedTrackExtractor() {
    }

    static PublishedTrack extract(MediaDescription offered, MediaDescription answer, List<RtpCodec> chosen) {
        Map<String, Integer> extensions = new LinkedHashMap<>();
        answer.extensions().forEach(e -> extensions.put(e.uri(), e.id()));
        List<String> rids = answer.simulcast() == null ? List.of() : Simulcast.rids(answer.simulcast().recv());
        Map<Long, Long> rtx = new LinkedHashMap<>();
        List<Long> ssrcs = new ArrayList<>();
        if (rids.isEmpty()) {
            Set<Long> secondary = new HashSet<>();
            for (SsrcGroup g : offered.ssrcGroups()) {
                if (g.semantics().equals("FID") && g.ssrcs().size() == 2) {
                    rtx.put(g.ssrcs().get(0), g.ssrcs().get(1));
                    secondary.add(g.ssrcs().get(1));
                }
            }
            offered.ssrcIds().stream().filter(s -> !secondary.contains(s)).forEach(ssrcs::add);
        }
        return new PublishedTrack(offered.mid(), offered.kind(), chosen, extensions, ssrcs, rtx, rids,
                msid(offered), ssrcAttribute(offered, "cname"));
    }

    private static Msid msid(MediaDescription m) {
        if (!m.msids().isEmpty()) {
            return m.msids().get(0);
        }
        String v = ssrcAttribute(m, "msid");
        if (v == null || v.isEmpty()) {
            return null;
        }
        int sp = v.indexOf(' ');
        return sp < 0 ? new Msid(v, null) : new Msid(v.substring(0, sp), v.substring(sp + 1));
    }

    private static String ssrcAttribute(MediaDescription m, String name) {
        return m.ssrcs().stream().filter(s -> s.attribute().equals(name) && s.value() != null)
                .map(SsrcAttribute::value).findFirst().orElse(null);
    }
}
