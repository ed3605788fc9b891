package io.confero.tools.impair;

import java.util.Locale;

/** Parsing of the values in an {@link ImpairmentSpec}: bit rates, durations, probabilities. */
final class SpecValues {
    private static final long MAX_MILLIS = 3_600_000;

    private SpecValues() {
    }

    /** {@code 800k}, {@code 1.5m}, {@code 2g}, {@code 64000} → bit/s. */
    static long bitrate(String v) {
        String s = v.toLowerCase(Locale.ROOT).replace("bit", "").replace("bps", "");
        double scale = 1;
        if (s.endsWith("k") || s.endsWith("m") || s.endsWith("g")) {
            scale = switch (s.charAt(s.length() - 1)) {
                case 'k' -> 1e3;
                case 'm' -> 1e6;
                default -> 1e9;
            };
            s = s.substring(0, s.length() - 1);
        }
        double d = number(s, "rate");
        if (d < 0 || d * scale > 100e9) {
            throw new IllegalArgumentException("rate must be between 0 and 100g, was '" + ImpairmentSpec.clip(v) + "'");
        }
        return Math.round(d * scale);
    }

    /** {@code 40ms}, {@code 2s}, {@code 40} (milliseconds) → milliseconds. */
    static long millis(String v, String what) {
        String s = v.toLowerCase(Locale.ROOT);
        double scale = 1;
        if (s.endsWith("ms")) {
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("s")) {
            s = s.substring(0, s.length() - 1);
            scale = 1000;
        }
        double d = number(s, what) * scale;
        if (d < 0 || d > MAX_MILLIS) {
            throw new IllegalArgumentException(what + " must be between 0 and 1h, was '" + ImpairmentSpec.clip(v) + "'");
        }
        return Math.round(d);
    }

    /** {@code 2%} or {@code 0.02}. */
    static double probability(String v, String what) {
        double d = v.endsWith("%") ? number(v.substring(0, v.length() - 1), what) / 100 : number(v, what);
        return ImpairmentSpec.requireProbability(d, what);
    }

    static long bounded(String v, long min, long max, String what) {
        long n;
        try {
            n = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a whole number, was '" + ImpairmentSpec.clip(v) + "'");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(what + " must be between " + min + " and " + max + ", was " + n);
        }
        return n;
    }

    /** {@code p/r[/lossBad[/lossGood]]}, each a probability; lossBad defaults to 100 %, lossGood to 0. */
    static LossModel.GilbertElliott gilbertElliott(String v) {
        String[] f = v.split("/", -1);
        if (f.length < 2 || f.length > 4) {
            throw new IllegalArgumentException("ge needs p/r[/loss-bad[/loss-good]], was '" + ImpairmentSpec.clip(v) + "'");
        }
        return new LossModel.GilbertElliott(probability(f[0], "ge p"), probability(f[1], "ge r"),
            f.length > 3 ? probability(f[3], "ge loss-good") : 0, f.length > 2 ? probability(f[2], "ge loss-bad") : 1);
    }

    private static double number(String s, String what) {
        try {
            double d = Double.parseDouble(s.trim());
            if (Double.isNaN(d) || Double.isInfinite(d) || s.trim().matches(".*[a-zA-Z].*")) {
                throw new NumberFormatException(s);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": '" + ImpairmentSpec.clip(s) + "' is not a number");
        }
    }
}
