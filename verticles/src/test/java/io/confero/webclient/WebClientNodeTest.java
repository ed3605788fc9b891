package io.confero.webclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs the web client's unit tests ({@code src/test/js/*.test.js}, pure modules of webroot/js) with
 * node's own test runner, so that {@code mvn test} and CI run them. Needs node 20 or later on the
 * PATH (docs/testing.md); without it this test fails and says so rather than passing unseen.
 */
class WebClientNodeTest {
  @Test
  void theClientsPureModulesPassTheirNodeTests() throws Exception {
    Path dir = Path.of(System.getProperty("basedir", ".")).resolve("src/test/js");
    List<String> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".test.js")).sorted().toList();
    }
    assertThat(files).as("node test files in " + dir).isNotEmpty();
    List<String> command = new ArrayList<>(List.of("node", "--test", "--test-reporter=tap"));
    command.addAll(files);
    Process node;
    try {
      node = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError("node (20 or later) must be on the PATH to run the web client's unit tests", e);
    }
    node.getOutputStream().close();
    String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(node.waitFor(120, TimeUnit.SECONDS)).as("node --test finished").isTrue();
    assertThat(node.exitValue()).as(output).isZero();
    assertThat(output).as(output).contains("# fail 0").doesNotContain("# pass 0");
  }
}
