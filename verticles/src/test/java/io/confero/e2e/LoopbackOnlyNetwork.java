package io.confero.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails end-to-end tests unless this JVM runs in a network namespace whose only interface is
 * {@code lo}, and {@code lo} is up. Inside such a namespace Chromium gathers 127.0.0.1 candidates
 * only and nothing a test does can leave the machine (TESTING-WEBRTC.md, "Keeping all media on
 * loopback"). Both {@code /proc/self/net/dev} (always the caller's namespace) and
 * {@code /sys/class/net} (remounted by {@code ip netns exec}) must agree.
 */
public final class LoopbackOnlyNetwork implements BeforeAllCallback {
  private static final int IFF_UP = 0x1;

  @Override
  public void beforeAll(ExtensionContext context) {
    require();
  }

  /** Throws {@link IllegalStateException} with instructions unless only {@code lo} is present and up. */
  public static void require() {
    Set<String> proc = procInterfaces();
    Set<String> sys = sysInterfaces();
    if (!proc.equals(Set.of("lo")) || !sys.equals(Set.of("lo")) || !loUp()) {
      throw new IllegalStateException("End-to-end tests must run inside a network namespace that has only"
          + " 'lo' (up), but this JVM sees interfaces " + proc + " in /proc/self/net/dev and " + sys
          + " in /sys/class/net" + (loUp() ? "" : " and lo is down") + ". Run them through Maven as root:"
          + " mvn -o -q -pl verticles -am test -Dtest='*E2ETest' -Dsurefire.failIfNoSpecifiedTests=false"
          + " (surefire's 'e2e' execution forks the JVM via verticles/src/test/netns/bin/java-in-netns.sh),"
          + " or start your IDE's JVM with that script. See docs/testing.md.");
    }
  }

  static Set<String> procInterfaces() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/self/net/dev"));
      Set<String> names = new TreeSet<>();
      for (String line : lines.subList(Math.min(2, lines.size()), lines.size())) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          names.add(line.substring(0, colon).trim());
        }
      }
      return names;
    } catch (IOException e) {
      return Set.of("unreadable /proc/self/net/dev: " + e.getMessage());
    }
  }

  static Set<String> sysInterfaces() {
    try (Stream<Path> s = Files.list(Path.of("/sys/class/net"))) {
      Set<String> names = new TreeSet<>();
      s.forEach(p -> names.add(p.getFileName().toString()));
      return names;
    } catch (IOException e) {
      return Set.of("unreadable /sys/class/net: " + e.getMessage());
    }
  }

  static boolean loUp() {
    try {
      String flags = Files.readString(Path.of("/sys/class/net/lo/flags")).trim();
      return (Integer.decode(flags) & IFF_UP) != 0;
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }
}
