package io.confero.media.sdp;

import java.util.List;
import java.util.Objects;

/** The {@code c=} line (RFC 8866 §5.7). */
public record Connection(String netType, String addrType, String address) {
    public Connection {
        Objects.requireNonNull(netType, "netType");
        Objects.requireNonNull(addrType, "addrType");
        Objects.requireNonNull(address, "address");
    }

    /** {@code IN IP4|IP6 <address>}, the address family chosen from the text. */
    public static Connection of(String address) {
        return new Connection("IN", address.indexOf(':') >= 0 ? "IP6" : "IP4", address);
    }

    String toValue() {
        return netType + " " + addrType + " " + address;
    }

    static Connection parse(String value, int line) throws SdpParseException {
        List<String> f = SdpSyntax.fields(value, line, "c= line");
        if (f.size() != 3) {
            throw new SdpParseException(line, "c= line needs 3 fields, found " + f.size());
        }
        if (!f.get(1).equals("IP4") && !f.get(1).equals("IP6")) {
            SdpSyntax.token(f.get(1), line, "c= address type");
        }
        return new Connection(f.get(0), f.get(1), f.get(2));
    }
}
