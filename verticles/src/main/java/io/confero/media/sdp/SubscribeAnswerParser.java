package io.confero.media.sdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses and checks the browser's answer to one of our subscriber offers (RFC 3264 §6, RFC 8829
 * §5.3, RFC 8843 §7.3): same m-sections in the same order with the same mids; sections we offered
 * with port 0 answered with port 0; accepted sections recvonly or inactive, with payload types and
 * header-extension ids from our offer, all in the answer's BUNDLE group; consistent ICE
 * credentials, a fingerprint and a DTLS role of active or passive (whatever the browser chose).
 */
public final class SubscribeAnswerParser {
    private SubscribeAnswerParser() {
    }

    public static SubscribeAnswer parse(SessionDescription offer, String answerSdp)
            throws SdpParseException, SdpNegotiationException {
        return validate(offer, SdpParser.parse(answerSdp));
    }

    public static SubscribeAnswer validate(SessionDescription offer, SessionDescription answer)
            throws SdpNegotiationException {
        if (answer.media().size() != offer.media().size()) {
            throw new SdpNegotiationException("answer has " + answer.media().size() + " m-sections, offer had "
                    + offer.media().size() + " (RFC 3264 §6)");
        }
        List<String> bundle = answer.bundleGroup().map(Group::mids).orElse(List.of());
        List<SubscribeAnswer.Section> sections = new ArrayList<>();
        MediaDescription firstAccepted = null;
        for (int i = 0; i < offer.media().size(); i++) {
            MediaDescription o = offer.media().get(i);
            MediaDescription a = answer.media().get(i);
            checkSection(o, a, bundle);
            sections.add(section(o, a));
            if (firstAccepted == null && !a.isRejected()) {
                firstAccepted = a;
            }
        }
        if (firstAccepted == null) {
            return new SubscribeAnswer(answer.iceUfrag(), answer.icePwd(), answer.fingerprints(),
                    answer.setup() == null ? Setup.ACTIVE : answer.setup(), sections);
        }
        return transport(answer, firstAccepted, sections);
    }

    private static void checkSection(MediaDescription o, MediaDescription a, List<String> bundle)
            throws SdpNegotiationException {
        String mid = o.mid();
        if (mid == null || !mid.equals(a.mid())) {
            throw new SdpNegotiationException("offered mid " + mid + " not answered at its position (found "
                    + a.mid() + ")");
        }
        if (!o.media().equals(a.media()) || !o.proto().equals(a.proto())) {
            throw new SdpNegotiationException("mid " + mid + " answered as " + a.media() + " " + a.proto()
                    + ", offered " + o.media() + " " + o.proto());
        }
        if (a.isRejected()) {
            return;
        }
        if (o.isRejected()) {
            throw new SdpNegotiationException("mid " + mid + " was stopped in the offer but accepted in the answer");
        }
        Direction d = a.effectiveDirection();
        if (d != Direction.INACTIVE && d != o.effectiveDirection().reverse()) {
            throw new SdpNegotiationException("mid " + mid + " answered " + d.token() + " to "
                    + o.effectiveDirection().token());
        }
        if (!bundle.contains(mid)) {
            throw new SdpNegotiationException("mid " + mid + " accepted outside the BUNDLE group (RFC 8843)");
        }
        for (String fmt : a.formats()) {
            if (!o.formats().contains(fmt)) {
                throw new SdpNegotiationException("mid " + mid + " answers payload type " + fmt + " we did not offer");
            }
        }
        for (HeaderExtension e : a.extensions()) {
            if (o.extension(e.uri()).map(HeaderExtension::id).orElse(-1) != e.id()) {
                throw new SdpNegotiationException("mid " + mid + " answers extmap " + e.id() + " " + e.uri()
                        + " not offered with that id (RFC 8285 §6)");
            }
        }
    }

    private static SubscribeAnswer.Section section(MediaDescription o, MediaDescription a) {
        Map<String, Integer> ext = new LinkedHashMap<>();
        a.extensions().forEach(e -> ext.put(e.uri(), e.id()));
        List<Integer> pts = new ArrayList<>();
        if (!a.isRejected()) {
            a.codecs().forEach(c -> pts.add(c.payloadType()));
            pts.sort(java.util.Comparator.comparingInt(pt -> a.formats().indexOf(Integer.toString(pt))));
        }
        return new SubscribeAnswer.Section(o.mid(), !a.isRejected(),
                a.isRejected() ? Direction.INACTIVE : a.effectiveDirection(), pts, ext);
    }

    private static SubscribeAnswer transport(SessionDescription answer, MediaDescription m,
                                             List<SubscribeAnswer.Section> sections) throws SdpNegotiationException {
        String ufrag = m.iceUfrag() != null ? m.iceUfrag() : answer.iceUfrag();
        String pwd = m.icePwd() != null ? m.icePwd() : answer.icePwd();
        if (ufrag == null || pwd == null) {
            throw new SdpNegotiationException("answer has no ice-ufrag/ice-pwd (RFC 8839 §5.4)");
        }
        List<Fingerprint> fingerprints = m.fingerprints().isEmpty() ? answer.fingerprints() : m.fingerprints();
        if (fingerprints.isEmpty()) {
            throw new SdpNegotiationException("answer has no DTLS fingerprint (RFC 8122)");
        }
        Setup setup = m.setup() != null ? m.setup() : answer.setup();
        if (setup == null) {
            setup = Setup.ACTIVE;
        }
        if (setup != Setup.ACTIVE && setup != Setup.PASSIVE) {
            throw new SdpNegotiationException("answer setup:" + setup.token() + " is not active or passive (RFC 5763 §5)");
        }
        return new SubscribeAnswer(ufrag, pwd, fingerprints, setup, sections);
    }
}
