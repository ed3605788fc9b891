package io.confero.tools.impair;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Specs and steps come from a person's command line: a bad one is an IllegalArgumentException, never anything else. */
class ImpairmentSpecFuzzTest {

    @Provide
    Arbitrary<String> specs() {
        Arbitrary<String> key = Arbitraries.of("rate", "burst", "queue", "delay", "jitter", "loss", "ge", "every",
            "scope", "spare", "x", "");
        Arbitrary<String> value = Arbitraries.oneOf(
            Arbitraries.strings().withChars("0123456789.%/+-kmgsbitKMe;:upd ").ofMaxLength(12),
            Arbitraries.strings().ofMaxLength(8));
        Arbitrary<String> pair = key.flatMap(k -> value.map(v -> k + "=" + v));
        return Arbitraries.oneOf(pair.list().ofMaxSize(6).map(l -> String.join(",", l)), Arbitraries.strings().ofMaxLength(60));
    }

    @Property(tries = 3000)
    void specParsingFailsOnlyWithIllegalArgument(@ForAll("specs") String spec) {
        try {
            ImpairmentSpec.parse(spec);
        } catch (IllegalArgumentException expected) {
            // the message is shown to the user
        }
    }

    @Property(tries = 1000)
    void stepParsingFailsOnlyWithIllegalArgument(@ForAll("specs") String spec, @ForAll("specs") String other) {
        for (String step : new String[] {spec, "5s;" + spec, "1s;up:" + spec + ";down:" + other, spec + ";" + other}) {
            try {
                Schedule.Step.parse(step);
            } catch (IllegalArgumentException expected) {
                // shown to the user
            }
        }
    }
}
