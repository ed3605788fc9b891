package io.confero.media.sdp;

import java.util.List;
import java.util.Objects;

/**
 * The {@code o=} line (RFC 8866 §5.2). {@code sessionId} is kept as its decimal text because
 * browsers use up to 64-bit unsigned values; {@code sessionVersion} must be incremented on every
 * new offer (RFC 3264 §8, RFC 8829 §5.2.2).
 */
public record Origin(String username, String sessionId, long sessionVersion, String netType,
                     String addrType, String address) {
    public Origin {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(netType, "netType");
        Objects.requireNonNull(addrType, "addrType");
        Objects.requireNonNull(address, "address");
    }

    /** The origin our SFU writes: {@code o=- <id> <version> IN IP4 127.0.0.1} (RFC 8829 §5.2.1). */
    public static Origin ours(long sessionId, long sessionVersion) {
        return new Origin("-", Long.toUnsignedString(sessionId), sessionVersion, "IN", "IP4", "127.0.0.1");
    }

    String toValue() {
        return username + " " + sessionId + " " + sessionVersion + " " + netType + " " + addrType + " " + address;
    }

    static Origin parse(String value, int line) throws SdpParseException {
        List<String> f = SdpSyntax.fields(value, line, "o= line");
        if (f.size() != 6) {
            throw new SdpParseException(line, "o= line needs 6 fields, found " + f.size());
        }
        String id = f.get(1);
        if (id.length() > 20) {
            throw new SdpParseException(line, "o= session id too long");
        }
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) < '0' || id.charAt(i) > '9') {
                throw new SdpParseException(line, "o= session id is not a number: '" + SdpSyntax.clip(id) + "'");
            }
        }
        long version = SdpSyntax.number(f.get(2), 0, Long.MAX_VALUE, line, "o= session version");
        return new Origin(f.get(0), id, version, f.get(3), f.get(4), f.get(5));
    }
}
