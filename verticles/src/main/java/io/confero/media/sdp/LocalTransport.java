package io.confero.media.sdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Our side of the single bundled transport: ICE-lite credentials (RFC 8839 §5.4), the sha-256
 * fingerprint of our DTLS certificate (RFC 8122) and the UDP addresses we listen on.
 *
 * @param iceUfrag 4-256 ice-chars
 * @param icePwd 22-256 ice-chars
 * @param fingerprintSha256 colon-separated hex of the certificate's SHA-256 digest (32 bytes)
 * @param addresses host addresses, most preferred first; may be empty (the browser then reaches us
 *     through a peer-reflexive pair only if it learned our address elsewhere)
 */
public record LocalTransport(String iceUfrag, String icePwd, String fingerprintSha256, List<HostAddress> addresses) {

    /** One UDP host address we receive media on. */
    public record HostAddress(String ip, int port) {
        public HostAddress {
            Objects.requireNonNull(ip, "ip");
            if (ip.isEmpty() || ip.indexOf(' ') >= 0 || port < 1 || port > 65535) {
                throw new IllegalArgumentException("invalid host address " + ip + ":" + port);
            }
        }
    }

    public LocalTransport {
        checkIce(iceUfrag, 4, "iceUfrag");
        checkIce(icePwd, 22, "icePwd");
        Objects.requireNonNull(fingerprintSha256, "fingerprintSha256");
        if (!fingerprintSha256.matches("(?i)[0-9a-f]{2}(:[0-9a-f]{2}){31}")) {
            throw new IllegalArgumentException("fingerprintSha256 must be 32 colon-separated hex bytes");
        }
        addresses = List.copyOf(addresses);
    }

    private static void checkIce(String v, int min, String what) {
        Objects.requireNonNull(v, what);
        if (v.length() < min || v.length() > 256 || !v.matches("[A-Za-z0-9+/]+")) {
            throw new IllegalArgumentException(what + " must be " + min + "-256 ice-chars (RFC 8839 §5.4)");
        }
    }

    public Fingerprint fingerprint() {
        return Fingerprint.sha256(fingerprintSha256);
    }

    /**
     * Host candidates for component 1 over UDP (RFC 8839 §5.1, RFC 8445 §5.1.2): priorities
     * decrease with list order; addresses with the same IP share a foundation.
     */
    public List<Candidate> candidates() {
        Map<String, String> foundations = new LinkedHashMap<>();
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            HostAddress a = addresses.get(i);
            String foundation = foundations.computeIfAbsent(a.ip(), ip -> Integer.toString(foundations.size() + 1));
            out.add(Candidate.host(foundation, i, "udp", a.ip(), a.port()));
        }
        return out;
    }

    /** The default address for m=/c= lines: the first host address, or 0.0.0.0:9 (RFC 8829 §5.2.1). */
    int defaultPort() {
        return addresses.isEmpty() ? 9 : addresses.get(0).port();
    }

    Connection defaultConnection() {
        return Connection.of(addresses.isEmpty() ? "0.0.0.0" : addresses.get(0).ip());
    }
}
