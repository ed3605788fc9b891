package io.confero.tools.impair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command-line impairment language: specs, steps, schedules and options. */
class ImpairmentSpecTest {

    @Test
    void everyKey() {
        ImpairmentSpec s = ImpairmentSpec.parse("rate=1.5m, burst=3000,queue=0.3s,delay=40ms,jitter=10,scope=rtp,spare=111+63,loss=2%");
        assertThat(s.rateBps()).isEqualTo(1_500_000);
        assertThat(s.burstBytes()).isEqualTo(3000);
        assertThat(s.queueMillis()).isEqualTo(300);
        assertThat(s.delayMillis()).isEqualTo(40);
        assertThat(s.jitterMillis()).isEqualTo(10);
        assertThat(s.scope()).isEqualTo(ImpairmentSpec.Scope.RTP);
        assertThat(s.sparedPayloadTypes()).isEqualTo(Set.of(111, 63));
        assertThat(s.loss()).isEqualTo(new LossModel.Random(0.02));
        assertThat(ImpairmentSpec.parse("")).isEqualTo(ImpairmentSpec.PERFECT);
        assertThat(ImpairmentSpec.parse("rate=800kbit").rateBps()).isEqualTo(800_000);
        assertThat(ImpairmentSpec.parse("rate=2g").effectiveBurstBytes()).isEqualTo(2_500_000);
        assertThat(ImpairmentSpec.parse("rate=100k").effectiveBurstBytes()).isEqualTo(1500);
    }

    @Test
    void gilbertElliottAndEveryNth() {
        LossModel.GilbertElliott ge = (LossModel.GilbertElliott) ImpairmentSpec.parse("ge=1%/30%").loss();
        assertThat(ge.meanLoss()).isCloseTo(0.01 / 0.31, org.assertj.core.data.Offset.offset(1e-9));
        LossModel.GilbertElliott partial = (LossModel.GilbertElliott) ImpairmentSpec.parse("ge=0.1/0.5/50%/1%").loss();
        assertThat(partial.meanLoss()).isCloseTo(0.1 / 0.6 * 0.5 + 0.5 / 0.6 * 0.01, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(((LossModel.EveryNth) ImpairmentSpec.parse("every=25").loss()).n()).isEqualTo(25);
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', value = {
        "rate | expected key=value",
        "=5 | expected key=value",
        "speed=5 | unknown impairment key",
        "rate=fast | not a number",
        "rate=-1k | rate must be between",
        "rate=1e3 | not a number",
        "delay=5min | not a number",
        "delay=2h | not a number",
        "delay=10ms,jitter=20ms | jitter (20ms) must not exceed delay",
        "loss=150% | loss must be between 0 and 1",
        "loss=NaN | not a number",
        "loss=1%,every=3 | only one of loss, ge, every",
        "ge=1% | ge needs p/r",
        "ge=10%/0 | never recovers",
        "every=1 | every must be between 2",
        "scope=udp | scope must be all or rtp",
        "spare=111 | spare needs scope=rtp",
        "scope=rtp,spare=128 | spare payload type must be between 0 and 127",
    })
    void badSpecsSayWhy(String spec, String message) {
        assertThatThrownBy(() -> ImpairmentSpec.parse(spec)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(message);
    }

    @Test
    void stepsAndSchedules() {
        Schedule.Step both = Schedule.Step.parse("10s;rate=300k");
        assertThat(both.durationMillis()).isEqualTo(10_000);
        assertThat(both.up()).isEqualTo(both.down());
        Schedule.Step split = Schedule.Step.parse("500ms;down:delay=100ms");
        assertThat(split.up()).isEqualTo(ImpairmentSpec.PERFECT);
        assertThat(split.down().delayMillis()).isEqualTo(100);
        assertThatThrownBy(() -> Schedule.Step.parse("5s;up:rate=1m;sideways:rate=1m")).hasMessageContaining("up: or down:");
        assertThatThrownBy(() -> Schedule.Step.parse("0s;rate=1m")).hasMessageContaining("more than 0 ms");

        Schedule once = Schedule.parse(List.of("1s;rate=1m", "2s;rate=2m"), false);
        long s = 1_000_000_000L;
        assertThat(List.of(once.stepAt(0), once.stepAt(s - 1), once.stepAt(s), once.stepAt(3 * s - 1), once.stepAt(99 * s)))
            .containsExactly(0, 0, 1, 1, 1);
        Schedule looped = Schedule.parse(List.of("1s;rate=1m", "2s;rate=2m"), true);
        assertThat(List.of(looped.stepAt(3 * s), looped.stepAt(4 * s), looped.stepAt(-5)))
            .containsExactly(0, 1, 0);
        assertThat(Schedule.constant(ImpairmentSpec.PERFECT, ImpairmentSpec.PERFECT).stepAt(Long.MAX_VALUE)).isZero();
    }

    @Test
    void commandLine() {
        ImpairRelayMain.Config c = ImpairRelayMain.parse(new String[] {"--listen", "127.0.0.2", "--server", "127.0.0.1",
            "--ports", "40000,40001", "--up", "rate=800k", "--down", "loss=1%", "--seed", "9", "--report", "2"});
        assertThat(c.ports()).containsExactly(40000, 40001);
        assertThat(c.schedule().steps()).singleElement().satisfies(st -> {
            assertThat(st.up().rateBps()).isEqualTo(800_000);
            assertThat(st.down().loss()).isEqualTo(new LossModel.Random(0.01));
        });
        assertThat(c.seed()).isEqualTo(9);
        ImpairRelayMain.Config stepped = ImpairRelayMain.parse(new String[] {"--listen", "h", "--server", "s", "--ports",
            "1", "--step", "5s;rate=1m", "--step", "5s;rate=200k", "--loop"});
        assertThat(stepped.schedule().steps()).hasSize(2);
        assertThat(stepped.schedule().loop()).isTrue();
        assertThatThrownBy(() -> ImpairRelayMain.parse(new String[] {"--listen", "h"})).hasMessageContaining("required");
        assertThatThrownBy(() -> ImpairRelayMain.parse(new String[] {"--ports"})).hasMessageContaining("missing value");
        assertThatThrownBy(() -> ImpairRelayMain.parse(new String[] {"--bogus", "1"})).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> ImpairRelayMain.parse(new String[] {"--ports", "0"})).hasMessageContaining("port");
    }
}
