package io.confero.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Surefire picks end-to-end tests by name ({@code *E2ETest}) and by the {@code e2e} tag that
 * {@link EndToEnd} carries: a class with only one of the two would silently never run. This test
 * (default execution) keeps them paired across all compiled test classes.
 */
class EndToEndConventionTest {

  @Test
  void e2eNameAndEndToEndAnnotationGoTogether() throws Exception {
    List<String> mismatched = new ArrayList<>();
    for (Class<?> c : testClasses()) {
      boolean named = c.getSimpleName().endsWith("E2ETest");
      boolean tagged = c.isAnnotationPresent(EndToEnd.class);
      if (named != tagged) {
        mismatched.add(c.getName() + (named ? " lacks @EndToEnd" : " is @EndToEnd but not named *E2ETest"));
      }
    }
    assertThat(mismatched).isEmpty();
  }

  private static List<Class<?>> testClasses() throws IOException, ClassNotFoundException {
    Path root = Path.of(EndToEndConventionTest.class.getProtectionDomain().getCodeSource().getLocation().getPath());
    List<Class<?>> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
        String name = root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
        out.add(Class.forName(name, false, EndToEndConventionTest.class.getClassLoader()));
      }
    }
    return out;
  }
}
