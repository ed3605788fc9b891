package io.confero.media.sdp;

import java.util.ArrayList;
import java.util.List;

/** Shared lexical helpers for the RFC 8866 grammar; every failure is an {@link SdpParseException}. */
final class SdpSyntax {
    private SdpSyntax() {
    }

    /** Parses a decimal number in [min, max]; at most 18 digits, no sign. */
    static long number(String text, long min, long max, int line, String what) throws SdpParseException {
        if (text == null || text.isEmpty() || text.length() > 18) {
            throw new SdpParseException(line, what + " is not a number: '" + clip(text) + "'");
        }
        long v = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new SdpParseException(line, what + " is not a number: '" + clip(text) + "'");
            }
            v = v * 10 + (c - '0');
        }
        if (v < min || v > max) {
            throw new SdpParseException(line, what + " " + v + " out of range [" + min + ", " + max + "]");
        }
        return v;
    }

    static int integer(String text, int min, int max, int line, String what) throws SdpParseException {
        return (int) number(text, min, max, line, what);
    }

    /** Splits on single spaces, rejecting empty fields (RFC 8866 §9: fields are separated by one space). */
    static List<String> fields(String text, int line, String what) throws SdpParseException {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == ' ') {
                if (i == start) {
                    throw new SdpParseException(line, "malformed " + what + ": empty field in '" + clip(text) + "'");
                }
                out.add(text.substring(start, i));
                start = i + 1;
            }
        }
        return out;
    }

    /** True for RFC 8866 token characters (token-char). */
    static boolean isToken(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c > 0x20 && c < 0x7f && c != '"' && c != '(' && c != ')' && c != ','
                    && c != '/' && c != ':' && c != ';' && c != '<' && c != '=' && c != '>'
                    && c != '?' && c != '@' && c != '[' && c != '\\' && c != ']' && c != '{' && c != '}';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static String token(String s, int line, String what) throws SdpParseException {
        if (!isToken(s)) {
            throw new SdpParseException(line, "invalid " + what + " '" + clip(s) + "'");
        }
        return s;
    }

    /** Shortens text quoted in error messages. */
    static String clip(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
