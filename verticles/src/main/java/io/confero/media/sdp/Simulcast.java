package io.confero.media.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code a=simulcast:} (RFC 8853 §5.1). Each direction holds a list of simulcast streams; each
 * stream is a list of alternative rids, each possibly paused ({@code ~}). Empty lists mean the
 * direction is absent.
 */
public record Simulcast(List<List<Stream>> send, List<List<Stream>> recv) {
    /** One rid in a simulcast alternative list. */
    public record Stream(String rid, boolean paused) {
        String toValue() {
            return (paused ? "~" : "") + rid;
        }
    }

    public Simulcast {
        send = send.stream().map(List::copyOf).toList();
        recv = recv.stream().map(List::copyOf).toList();
    }

    /** The same streams with send and recv swapped, as an answerer mirrors an offer (RFC 8853 §5.3). */
    public Simulcast reverse() {
        return new Simulcast(recv, send);
    }

    /** Every rid named in the given direction's streams, in order. */
    public static List<String> rids(List<List<Stream>> streams) {
        List<String> out = new ArrayList<>();
        streams.forEach(alts -> alts.forEach(s -> out.add(s.rid())));
        return out;
    }

    String toValue() {
        StringBuilder sb = new StringBuilder();
        if (!send.isEmpty()) {
            sb.append("send ").append(format(send));
        }
        if (!recv.isEmpty()) {
            sb.append(sb.length() > 0 ? " " : "").append("recv ").append(format(recv));
        }
        return sb.toString();
    }

    private static String format(List<List<Stream>> streams) {
        return streams.stream()
                .map(alts -> alts.stream().map(Stream::toValue).collect(Collectors.joining(",")))
                .collect(Collectors.joining(";"));
    }

    static Simulcast parse(String value, int line) throws SdpParseException {
        List<String> f = SdpSyntax.fields(value, line, "simulcast");
        if (f.size() != 2 && f.size() != 4) {
            throw new SdpParseException(line, "simulcast needs 'send|recv <streams> [send|recv <streams>]'");
        }
        List<List<Stream>> send = List.of();
        List<List<Stream>> recv = List.of();
        for (int i = 0; i < f.size(); i += 2) {
            List<List<Stream>> streams = parseList(f.get(i + 1), line);
            if (f.get(i).equals("send") && send.isEmpty()) {
                send = streams;
            } else if (f.get(i).equals("recv") && recv.isEmpty()) {
                recv = streams;
            } else {
                throw new SdpParseException(line, "invalid or repeated simulcast direction '" + SdpSyntax.clip(f.get(i)) + "'");
            }
        }
        return new Simulcast(send, recv);
    }

    private static List<List<Stream>> parseList(String text, int line) throws SdpParseException {
        List<List<Stream>> out = new ArrayList<>();
        for (String alt : text.split(";", -1)) {
            List<Stream> alts = new ArrayList<>();
            for (String r : alt.split(",", -1)) {
                boolean paused = r.startsWith("~");
                String id = paused ? r.substring(1) : r;
                if (!Rid.isRidId(id)) {
                    throw new SdpParseException(line, "invalid rid '" + SdpSyntax.clip(r) + "' in simulcast");
                }
                alts.add(new Stream(id, paused));
            }
            out.add(alts);
        }
        return out;
    }
}
