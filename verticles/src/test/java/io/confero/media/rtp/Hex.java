package io.confero.media.rtp;

import java.util.HexFormat;

/** Test helper: hex strings with spaces/comments allowed ("# ..." to end of line). */
public final class Hex {
    private Hex() {
    }

    public static byte[] bytes(String hex) {
        StringBuilder sb = new StringBuilder();
        for (String line : hex.split("\n")) {
            int hash = line.indexOf('#');
            sb.append(hash >= 0 ? line.substring(0, hash) : line);
        }
        return HexFormat.of().parseHex(sb.toString().replaceAll("\\s+", ""));
    }

    public static String of(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
