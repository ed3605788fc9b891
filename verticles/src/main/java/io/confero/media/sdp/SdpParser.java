package io.confero.media.sdp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Strict parser for session descriptions (RFC 8866) with the WebRTC attributes of RFC 8829,
 * RFC 8843, RFC 8851, RFC 8853, RFC 8285, RFC 4588, RFC 5763 and RFC 8839. Accepts CRLF or LF
 * line ends. Rejects, with an {@link SdpParseException} naming the line: input over
 * {@value #MAX_LENGTH} characters, more than {@value #MAX_LINES} lines or {@value #MAX_MEDIA}
 * m-sections, a missing or misplaced v=/o=/s=/t= line, unknown line types, control characters,
 * malformed numbers, ports, m= lines and attributes, attributes for payload types not in the m=
 * format list, duplicate mids, BUNDLE groups naming unknown mids, and simulcast naming undeclared
 * rids. Unknown attributes are kept. Stateless and thread-safe.
 */
public final class SdpParser {
    public static final int MAX_LENGTH = 64 * 1024;
    public static final int MAX_LINES = 5000;
    public static final int MAX_MEDIA = 200;

    private SdpParser() {
    }

    public static SessionDescription parse(String text) throws SdpParseException {
        if (text == null) {
            throw new SdpParseException(0, "no session description");
        }
        if (text.length() > MAX_LENGTH) {
            throw new SdpParseException(0, "session description longer than " + MAX_LENGTH + " characters");
        }
        List<String> lines = splitLines(text);
        if (lines.isEmpty() || !lines.get(0).equals("v=0")) {
            throw new SdpParseException(1, "first line must be 'v=0'");
        }
        SessionDescription.Builder session = new SessionDescription.Builder();
        session.origin = Origin.parse(expect(lines, 1, 'o'), 2);
        session.sessionName = expect(lines, 2, 's');
        List<Integer> mLines = body(lines, session);
        SessionDescription sd = session.build();
        validate(sd, mLines);
        return sd;
    }

    /** Parses the lines after s=; returns the line number of each m= line. */
    private static List<Integer> body(List<String> lines, SessionDescription.Builder session) throws SdpParseException {
        List<Integer> mLines = new ArrayList<>();
        MediaSectionParser current = null;
        boolean sawTiming = false;
        for (int i = 3; i < lines.size(); i++) {
            String line = lines.get(i);
            int no = i + 1;
            char type = line.charAt(0);
            String value = line.substring(2);
            if (type == 'm') {
                if (!sawTiming) {
                    throw new SdpParseException(no, "m= line before the required t= line");
                }
                if (current != null) {
                    session.media.add(current.finish());
                }
                if (mLines.size() == MAX_MEDIA) {
                    throw new SdpParseException(no, "more than " + MAX_MEDIA + " m-sections");
                }
                mLines.add(no);
                current = new MediaSectionParser(value, no);
            } else if (current != null) {
                current.line(type, value, no);
            } else {
                sawTiming |= sessionLine(session, type, value, no, sawTiming);
            }
        }
        if (!sawTiming) {
            throw new SdpParseException(lines.size(), "missing t= line");
        }
        if (current != null) {
            session.media.add(current.finish());
        }
        return mLines;
    }

    private static List<String> splitLines(String text) throws SdpParseException {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            int contentEnd = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            String line = text.substring(start, contentEnd);
            int no = lines.size() + 1;
            if (no > MAX_LINES) {
                throw new SdpParseException(no, "more than " + MAX_LINES + " lines");
            }
            checkLine(line, no);
            lines.add(line);
            start = nl < 0 ? text.length() : nl + 1;
        }
        return lines;
    }

    private static void checkLine(String line, int no) throws SdpParseException {
        if (line.length() < 2 || line.charAt(1) != '=') {
            throw new SdpParseException(no, "not a '<type>=<value>' line: '" + SdpSyntax.clip(line) + "'");
        }
        char type = line.charAt(0);
        if (type < 'a' || type > 'z') {
            throw new SdpParseException(no, "invalid line type '" + type + "'");
        }
        for (int i = 2; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw new SdpParseException(no, "control character 0x" + Integer.toHexString(c) + " in line");
            }
        }
    }

    private static String expect(List<String> lines, int index, char type) throws SdpParseException {
        if (lines.size() <= index || lines.get(index).charAt(0) != type) {
            throw new SdpParseException(index + 1, "expected '" + type + "=' line (RFC 8866 §5 order v, o, s)");
        }
        return lines.get(index).substring(2);
    }

    /** Handles one session-level line; returns true when it was the t= line. */
    private static boolean sessionLine(SessionDescription.Builder s, char type, String value, int no,
                                       boolean sawTiming) throws SdpParseException {
        switch (type) {
            case 'c' -> {
                if (s.connection != null) {
                    throw new SdpParseException(no, "more than one session-level c= line");
                }
                s.connection = Connection.parse(value, no);
            }
            case 'b' -> s.bandwidths.add(bandwidth(value, no));
            case 't' -> {
                if (sawTiming) {
                    s.otherLines.add(new OtherLine('t', Timing.parse(value, no).toValue()));
                } else {
                    s.timing = Timing.parse(value, no);
                }
                return true;
            }
            case 'i', 'u', 'e', 'p', 'r', 'z', 'k' -> s.otherLines.add(new OtherLine(type, value));
            case 'a' -> SessionAttributes.apply(s, value, no);
            default -> throw new SdpParseException(no, "'" + type + "=' line not allowed at session level");
        }
        return false;
    }

    /** {@code b=<bwtype>:<bandwidth>} (RFC 8866 §5.8). */
    static String bandwidth(String value, int no) throws SdpParseException {
        int colon = value.indexOf(':');
        if (colon <= 0) {
            throw new SdpParseException(no, "b= line needs '<bwtype>:<bandwidth>'");
        }
        SdpSyntax.token(value.substring(0, colon), no, "bandwidth type");
        SdpSyntax.number(value.substring(colon + 1), 0, Long.MAX_VALUE, no, "bandwidth");
        return value;
    }

    private static void validate(SessionDescription sd, List<Integer> mLines) throws SdpParseException {
        Set<String> mids = new HashSet<>();
        for (int i = 0; i < sd.media().size(); i++) {
            String mid = sd.media().get(i).mid();
            if (mid != null && !mids.add(mid)) {
                throw new SdpParseException(mLines.get(i), "duplicate mid '" + SdpSyntax.clip(mid) + "'");
            }
        }
        for (Group g : sd.groups()) {
            for (String mid : g.mids()) {
                if (g.isBundle() && !mids.contains(mid)) {
                    throw new SdpParseException(0, "BUNDLE group names unknown mid '" + SdpSyntax.clip(mid) + "'");
                }
            }
        }
    }
}
