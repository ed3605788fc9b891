package io.confero.media.sdp;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the browser's answer to our subscriber offer tells the transport: its ICE credentials
 * (RFC 8839), DTLS fingerprints (RFC 8122) and role (RFC 5763 §5: {@code active} means the browser
 * is the DTLS client and we the server), and per m-section what it accepted. ICE credentials and
 * fingerprints come from the first accepted m-section (all are bundled) or the session level; they
 * may be null/empty only when the browser accepted no m-section.
 */
public record SubscribeAnswer(String iceUfrag, String icePwd, List<Fingerprint> fingerprints, Setup setup,
                              List<Section> sections) {

    /**
     * One answered m-section.
     *
     * @param accepted false when the browser (or our offer) set port 0
     * @param direction the answered direction (recvonly, or inactive)
     * @param payloadTypes the payload types the browser accepted, in its preference order
     * @param headerExtensions header-extension URI → id the browser accepted (RFC 8285)
     */
    public record Section(String mid, boolean accepted, Direction direction, List<Integer> payloadTypes,
                          Map<String, Integer> headerExtensions) {
        public Section {
            payloadTypes = List.copyOf(payloadTypes);
            headerExtensions = Map.copyOf(headerExtensions);
        }
    }

    public SubscribeAnswer {
        Objects.requireNonNull(setup, "setup");
        fingerprints = List.copyOf(fingerprints);
        sections = List.copyOf(sections);
    }

    /** True when we must act as DTLS server (the browser answered active). */
    public boolean weAreDtlsServer() {
        return setup == Setup.ACTIVE;
    }

    /** The sha-256 fingerprint, the one WebRTC peers use (RFC 8827 §6.5). */
    public Optional<Fingerprint> sha256() {
        return fingerprints.stream().filter(f -> f.hashFunction().equals("sha-256")).findFirst();
    }

    public Optional<Section> section(String mid) {
        return sections.stream().filter(s -> s.mid().equals(mid)).findFirst();
    }
}
