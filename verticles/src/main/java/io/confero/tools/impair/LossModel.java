package io.confero.tools.impair;

import java.util.random.RandomGenerator;

/**
 * Whether the next packet on a link is lost. Stateful (one per direction), single-threaded; the
 * randomness is injected so tests repeat exactly.
 */
public sealed interface LossModel {
    /** Decides the fate of the next packet the model applies to. */
    boolean lose(RandomGenerator random);

    /** The same model with its state reset (a fresh copy for another link). */
    LossModel fresh();

    /** Nothing is lost. */
    record None() implements LossModel {
        @Override
        public boolean lose(RandomGenerator random) { return false; }

        @Override
        public LossModel fresh() { return this; }
    }

    /** Each packet is lost independently with {@code probability} (Bernoulli). */
    record Random(double probability) implements LossModel {
        public Random {
            ImpairmentSpec.requireProbability(probability, "loss");
        }

        @Override
        public boolean lose(RandomGenerator random) { return random.nextDouble() < probability; }

        @Override
        public LossModel fresh() { return this; }
    }

    /** Every {@code n}-th packet is lost: deterministic, for tests that need loss to happen. */
    final class EveryNth implements LossModel {
        private final int n;
        private long count;

        public EveryNth(int n) {
            if (n < 2) {
                throw new IllegalArgumentException("every must be at least 2, was " + n);
            }
            this.n = n;
        }

        public int n() { return n; }

        @Override
        public boolean lose(RandomGenerator random) { return ++count % n == 0; }

        @Override
        public LossModel fresh() { return new EveryNth(n); }

        @Override
        public String toString() { return "every=" + n; }
    }

    /**
     * The Gilbert–Elliott two-state burst-loss channel: a good and a bad state with their own loss
     * probabilities; before each packet the channel moves good→bad with {@code pGoodToBad} and
     * bad→good with {@code pBadToGood}. Mean burst length in the bad state is 1 / pBadToGood;
     * the stationary share of time in the bad state is p / (p + r).
     */
    final class GilbertElliott implements LossModel {
        private final double pGoodToBad;
        private final double pBadToGood;
        private final double lossGood;
        private final double lossBad;
        private boolean bad;

        public GilbertElliott(double pGoodToBad, double pBadToGood, double lossGood, double lossBad) {
            this.pGoodToBad = ImpairmentSpec.requireProbability(pGoodToBad, "burst p");
            this.pBadToGood = ImpairmentSpec.requireProbability(pBadToGood, "burst r");
            this.lossGood = ImpairmentSpec.requireProbability(lossGood, "burst good-state loss");
            this.lossBad = ImpairmentSpec.requireProbability(lossBad, "burst bad-state loss");
            if (pBadToGood == 0 && pGoodToBad > 0) {
                throw new IllegalArgumentException("burst r must be above 0 or the channel never recovers");
            }
        }

        public boolean inBadState() { return bad; }

        /** The long-run loss rate. */
        public double meanLoss() {
            double sum = pGoodToBad + pBadToGood;
            double shareBad = sum == 0 ? 0 : pGoodToBad / sum;
            return shareBad * lossBad + (1 - shareBad) * lossGood;
        }

        @Override
        public boolean lose(RandomGenerator random) {
            bad = bad ? random.nextDouble() >= pBadToGood : random.nextDouble() < pGoodToBad;
            return random.nextDouble() < (bad ? lossBad : lossGood);
        }

        @Override
        public LossModel fresh() { return new GilbertElliott(pGoodToBad, pBadToGood, lossGood, lossBad); }

        @Override
        public String toString() {
            return "burst=" + pGoodToBad + "/" + pBadToGood + "/" + lossBad + "/" + lossGood;
        }
    }
}
