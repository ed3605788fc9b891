package io.confero.media.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code a=candidate:} (RFC 8839 §5.1). {@code relAddr}/{@code relPort} are null/-1 when absent;
 * {@code extensions} holds the trailing name/value pairs (e.g. {@code generation 0}) verbatim.
 */
public record Candidate(String foundation, int component, String transport, long priority,
                        String address, int port, String type, String relAddr, int relPort,
                        List<String> extensions) {
    public Candidate {
        Objects.requireNonNull(foundation, "foundation");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(type, "type");
        extensions = List.copyOf(extensions);
    }

    /**
     * A host candidate for component 1 (RTP, rtcp-mux) with the RFC 8445 §5.1.2.1 priority:
     * type preference 126, local preference {@code 65535 - index}.
     */
    public static Candidate host(String foundation, int index, String transport, String address, int port) {
        long priority = (126L << 24) + ((long) (65535 - index) << 8) + (256 - 1);
        return new Candidate(foundation, 1, transport, priority, address, port, "host", null, -1, List.of());
    }

    String toValue() {
        StringBuilder sb = new StringBuilder();
        sb.append(foundation).append(' ').append(component).append(' ').append(transport).append(' ')
                .append(priority).append(' ').append(address).append(' ').append(port).append(" typ ").append(type);
        if (relAddr != null) {
            sb.append(" raddr ").append(relAddr);
        }
        if (relPort >= 0) {
            sb.append(" rport ").append(relPort);
        }
        for (String e : extensions) {
            sb.append(' ').append(e);
        }
        return sb.toString();
    }

    static Candidate parse(String value, int line) throws SdpParseException {
        List<String> f = SdpSyntax.fields(value, line, "candidate");
        if (f.size() < 8 || !f.get(6).equals("typ")) {
            throw new SdpParseException(line, "candidate needs '<foundation> <component> <transport> <priority> "
                    + "<address> <port> typ <type>'");
        }
        if (f.get(0).length() > 32) {
            throw new SdpParseException(line, "candidate foundation longer than 32 characters");
        }
        int component = SdpSyntax.integer(f.get(1), 1, 256, line, "candidate component");
        long priority = SdpSyntax.number(f.get(3), 1, 0xFFFF_FFFFL, line, "candidate priority");
        int port = SdpSyntax.integer(f.get(5), 0, 65535, line, "candidate port");
        String relAddr = null;
        int relPort = -1;
        List<String> ext = new ArrayList<>();
        int i = 8;
        if (i + 1 < f.size() && f.get(i).equals("raddr")) {
            relAddr = f.get(i + 1);
            i += 2;
        }
        if (i + 1 < f.size() && f.get(i).equals("rport")) {
            relPort = SdpSyntax.integer(f.get(i + 1), 0, 65535, line, "candidate rport");
            i += 2;
        }
        if ((f.size() - i) % 2 != 0) {
            throw new SdpParseException(line, "candidate extension without a value");
        }
        ext.addAll(f.subList(i, f.size()));
        return new Candidate(f.get(0), component, SdpSyntax.token(f.get(2), line, "candidate transport"),
                priority, f.get(4), port, SdpSyntax.token(f.get(7), line, "candidate type"), relAddr, relPort, ext);
    }
}
