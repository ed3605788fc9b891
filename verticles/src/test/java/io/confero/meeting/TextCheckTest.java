package io.confero.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** {@link TextCheck}: accepted text survives UTF-8 and PostgreSQL unchanged; nothing else is accepted. */
class TextCheckTest {
  @Property(tries = 2000)
  void acceptsExactlyWhatRoundTripsWithoutNul(@ForAll String s) {
    boolean roundTrips = new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(s);
    assertThat(TextCheck.problem(s) == null).isEqualTo(roundTrips && s.indexOf('\0') < 0);
  }

  @Test
  void namesTheProblem() {
    assertThat(TextCheck.problem("ok \uD83D\uDE00")).isNull();
    assertThat(TextCheck.problem("a\u0000")).contains("NUL");
    assertThat(TextCheck.problem("\uD800")).contains("surrogate");
    assertThat(TextCheck.problem("\uDC00x")).contains("surrogate");
    assertThat(TextCheck.problem("x\uD800\uD800\uDC00")).contains("surrogate");
  }
}
