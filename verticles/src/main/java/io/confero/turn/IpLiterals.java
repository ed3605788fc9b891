package io.confero.turn;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** IP literal checks and conversion that never touch DNS. */
final class IpLiterals {
    private IpLiterals() {
    }

    static boolean isIpv4Literal(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    static boolean isIpLiteral(String s) {
        return isIpv4Literal(s) || (s.indexOf(':') >= 0 && s.matches("[0-9a-fA-F:.]+(%[A-Za-z0-9_.-]+)?"));
    }

    /** Parses an IP literal (never resolves names). */
    static InetAddress parse(String literal) {
        if (!isIpLiteral(literal)) {
            throw new IllegalArgumentException("not an IP literal: " + literal);
        }
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + literal, e);
        }
    }
}
