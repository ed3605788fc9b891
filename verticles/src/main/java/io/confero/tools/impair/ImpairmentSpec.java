package io.confero.tools.impair;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What one direction of a link does to packets, written on the command line as comma-separated
 * {@code key=value} pairs (every key optional; an empty spec is a perfect link):
 *
 * <pre>
 * rate=800k        cap in bit/s (suffix k, m, g; 0 = none)
 * burst=15000      token-bucket depth in bytes (default: 10 ms at the rate, at least 1500)
 * queue=200ms      longest queueing delay before tail drop (ms or s; default 200ms)
 * delay=40ms       one-way delay added to every packet
 * jitter=10ms      each packet's delay varies uniformly by ± this (order is kept)
 * loss=2%          independent random loss (percent or a fraction 0..1)
 * ge=1%/30%/100%/0%   Gilbert–Elliott burst loss: p(good→bad)/r(bad→good)[/loss in bad[/loss in good]]
 * every=25         lose every 25th packet (deterministic)
 * scope=rtp        apply loss to RTP only (RFC 5761 §4: not RTCP, STUN, DTLS); default all
 * spare=111+63     with scope=rtp, never lose these payload types (e.g. Opus)
 * </pre>
 *
 * Rate, queue and delay apply to every packet; only one loss model per spec.
 *
 * @param loss a template; {@link LinkModel} takes a {@link LossModel#fresh()} copy per link
 */
public record ImpairmentSpec(long rateBps, int burstBytes, long queueMillis, long delayMillis, long jitterMillis,
                             LossModel loss, Scope scope, Set<Integer> sparedPayloadTypes) {
    public static final ImpairmentSpec PERFECT = new ImpairmentSpec(0, 0, 200, 0, 0, new LossModel.None(), Scope.ALL, Set.of());
    private static final int MAX_SPEC_LENGTH = 1000;

    /** Which packets loss applies to. */
    public enum Scope { ALL, RTP }

    public ImpairmentSpec {
        if (rateBps < 0 || burstBytes < 0 || queueMillis < 0 || delayMillis < 0 || jitterMillis < 0) {
            throw new IllegalArgumentException("rate, burst, queue, delay and jitter must not be negative");
        }
        if (jitterMillis > delayMillis) {
            throw new IllegalArgumentException("jitter (" + jitterMillis + "ms) must not exceed delay (" + delayMillis + "ms)");
        }
        sparedPayloadTypes = Set.copyOf(sparedPayloadTypes);
    }

    /** The token-bucket depth: as given, else 10 ms at the rate, at least one full-size packet. */
    public int effectiveBurstBytes() {
        return burstBytes > 0 ? burstBytes : (int) Math.max(1500, Math.min(Integer.MAX_VALUE, rateBps / 800));
    }

    /**
     * Parses a spec (see the class comment).
     *
     * @throws IllegalArgumentException naming the offending pair
     */
    public static ImpairmentSpec parse(String spec) {
        if (spec.length() > MAX_SPEC_LENGTH) {
            throw new IllegalArgumentException("impairment spec longer than " + MAX_SPEC_LENGTH + " characters");
        }
        Builder b = new Builder();
        for (String pair : spec.split(",")) {
            String p = pair.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got '" + p + "'");
            }
            b.set(p.substring(0, eq).trim().toLowerCase(Locale.ROOT), p.substring(eq + 1).trim());
        }
        return b.build();
    }

    static double requireProbability(double p, String what) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(what + " must be between 0 and 1 (or 0% and 100%), was " + p);
        }
        return p;
    }

    private static final class Builder {
        long rate;
        int burst;
        long queue = 200;
        long delay;
        long jitter;
        LossModel loss = new LossModel.None();
        Scope scope = Scope.ALL;
        final Set<Integer> spared = new LinkedHashSet<>();
        private boolean lossSet;

        void set(String key, String value) {
            switch (key) {
                case "rate" -> rate = SpecValues.bitrate(value);
                case "burst" -> burst = (int) SpecValues.bounded(value, 0, 100_000_000, "burst");
                case "queue" -> queue = SpecValues.millis(value, "queue");
                case "delay" -> delay = SpecValues.millis(value, "delay");
                case "jitter" -> jitter = SpecValues.millis(value, "jitter");
                case "loss" -> setLoss(new LossModel.Random(SpecValues.probability(value, "loss")));
                case "ge" -> setLoss(SpecValues.gilbertElliott(value));
                case "every" -> setLoss(new LossModel.EveryNth((int) SpecValues.bounded(value, 2, 1_000_000, "every")));
                case "scope" -> scope = switch (value.toLowerCase(Locale.ROOT)) {
                    case "all" -> Scope.ALL;
                    case "rtp" -> Scope.RTP;
                    default -> throw new IllegalArgumentException("scope must be all or rtp, was '" + clip(value) + "'");
                };
                case "spare" -> {
                    for (String pt : value.split("\\+")) {
                        spared.add((int) SpecValues.bounded(pt, 0, 127, "spare payload type"));
                    }
                }
                default -> throw new IllegalArgumentException("unknown impairment key '" + clip(key) + "'");
            }
        }

        private void setLoss(LossModel m) {
            if (lossSet) {
                throw new IllegalArgumentException("only one of loss, ge, every may be given");
            }
            lossSet = true;
            loss = m;
        }

        ImpairmentSpec build() {
            if (!spared.isEmpty() && scope != Scope.RTP) {
                throw new IllegalArgumentException("spare needs scope=rtp");
            }
            return new ImpairmentSpec(rate, burst, queue, delay, jitter, loss, scope, spared);
        }
    }

    static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
