package io.confero.media.stun;

final class Hex {
    private Hex() {
    }

    /** Parses hex, ignoring whitespace and "//" comments to the end of a line. */
    static byte[] parse(String s) {
        String clean = s.replaceAll("//[^\\n]*", "").replaceAll("\\s+", "");
        byte[] out = new byte[clean.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(clean.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
