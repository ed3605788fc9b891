package io.confero.tools.impair;

import java.util.ArrayList;
import java.util.List;

/**
 * A timed sequence of link conditions: step i holds for its duration, then the next begins; after
 * the last step the schedule either stays there or starts over ({@code loop}). A schedule of one
 * step with an infinite duration is a constant link.
 */
public record Schedule(List<Step> steps, boolean loop) {
    /** One step: the conditions of both directions for {@code durationMillis}. */
    public record Step(long durationMillis, ImpairmentSpec up, ImpairmentSpec down) {
        public Step {
            if (durationMillis <= 0) {
                throw new IllegalArgumentException("a step lasts more than 0 ms");
            }
        }

        /**
         * {@code DURATION;SPEC} (both directions) or {@code DURATION;up:SPEC;down:SPEC} (either
         * part optional, a missing one is a perfect link), e.g. {@code 10s;rate=300k,loss=2%}.
         */
        public static Step parse(String text) {
            String[] parts = text.split(";", -1);
            long ms = SpecValues.millis(parts[0].trim(), "step duration");
            if (parts.length == 2 && !parts[1].trim().startsWith("up:") && !parts[1].trim().startsWith("down:")) {
                ImpairmentSpec both = ImpairmentSpec.parse(parts[1]);
                return new Step(ms, both, both);
            }
            ImpairmentSpec up = ImpairmentSpec.PERFECT;
            ImpairmentSpec down = ImpairmentSpec.PERFECT;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim();
                if (p.startsWith("up:")) {
                    up = ImpairmentSpec.parse(p.substring(3));
                } else if (p.startsWith("down:")) {
                    down = ImpairmentSpec.parse(p.substring(5));
                } else {
                    throw new IllegalArgumentException("step part must start with up: or down:, was '"
                        + ImpairmentSpec.clip(p) + "'");
                }
            }
            return new Step(ms, up, down);
        }
    }

    public Schedule {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a schedule needs at least one step");
        }
        steps = List.copyOf(steps);
    }

    /** The same conditions for ever. */
    public static Schedule constant(ImpairmentSpec up, ImpairmentSpec down) {
        return new Schedule(List.of(new Step(Long.MAX_VALUE / 2_000_000L, up, down)), false);
    }

    /** Parses step texts (see {@link Step#parse}). */
    public static Schedule parse(List<String> stepTexts, boolean loop) {
        List<Step> out = new ArrayList<>();
        stepTexts.forEach(s -> out.add(Step.parse(s)));
        return new Schedule(out, loop);
    }

    /** The index of the step in force {@code elapsedNanos} after the schedule started. */
    public int stepAt(long elapsedNanos) {
        long ms = Math.max(0, elapsedNanos / 1_000_000L);
        long total = 0;
        for (Step s : steps) {
            total += s.durationMillis();
        }
        if (loop) {
            ms %= total;
        }
        long end = 0;
        for (int i = 0; i < steps.size(); i++) {
            end += steps.get(i).durationMillis();
            if (ms < end) {
                return i;
            }
        }
        return steps.size() - 1;
    }
}
