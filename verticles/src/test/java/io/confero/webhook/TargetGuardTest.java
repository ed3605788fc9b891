package io.confero.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** SSRF rules: https only, and no loopback, private, shared, link-local, unique-local or multicast targets. */
class TargetGuardTest {
  final TargetGuard strict = new TargetGuard(false);
  final TargetGuard insecure = new TargetGuard(true);

  @Test
  void forbiddenAddressTable() throws Exception {
    String[] forbidden = {"127.0.0.1", "127.255.0.9", "0.0.0.0", "10.1.2.3", "172.16.0.1", "172.31.255.255",
        "192.168.1.1", "169.254.169.254", "100.64.0.1", "100.127.255.254", "192.0.0.8", "224.0.0.1",
        "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "::ffff:127.0.0.1",
        "::ffff:10.0.0.1", "::ffff:169.254.169.254"};
    for (String a : forbidden) {
      assertThat(TargetGuard.isForbidden(InetAddress.getByName(a))).as(a).isTrue();
    }
    String[] allowed = {"93.184.215.14", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "::ffff:8.8.8.8"};
    for (String a : allowed) {
      assertThat(TargetGuard.isForbidden(InetAddress.getByName(a))).as(a).isFalse();
    }
  }

  @Test
  void resolvedNamesAreCheckedToo() {
    assertThatThrownBy(() -> strict.resolve("localhost")).isInstanceOf(TargetGuard.TargetRefused.class)
        .hasMessageContaining("non-public");
    assertThatThrownBy(() -> strict.resolve("[::1]")).isInstanceOf(TargetGuard.TargetRefused.class);
    assertThat(insecure.resolve("localhost").isLoopbackAddress()).isTrue();
    assertThat(strict.resolve("93.184.215.14").getHostAddress()).isEqualTo("93.184.215.14");
  }

  @Test
  void aNameThatTurnsInwardAfterRegistrationIsRefusedAtDelivery() throws Exception {
    // scripted DNS: public at registration, then loopback (rebinding), then public plus private
    java.util.Deque<InetAddress[]> answers = new java.util.ArrayDeque<>(java.util.List.of(
        new InetAddress[] {InetAddress.getByName("93.184.215.14")},
        new InetAddress[] {InetAddress.getByName("127.0.0.1")},
        new InetAddress[] {InetAddress.getByName("93.184.215.14"), InetAddress.getByName("10.0.0.7")},
        new InetAddress[0]));
    java.util.List<String> asked = new java.util.ArrayList<>();
    TargetGuard guard = new TargetGuard(false, host -> {
      asked.add(host);
      return answers.poll();
    });
    assertThat(guard.resolve("hooks.example.com").getHostAddress()).isEqualTo("93.184.215.14");
    assertThatThrownBy(() -> guard.resolve("hooks.example.com")).isInstanceOf(TargetGuard.TargetRefused.class)
        .hasMessageContaining("non-public address 127.0.0.1");
    assertThatThrownBy(() -> guard.resolve("hooks.example.com")).isInstanceOf(TargetGuard.TargetRefused.class)
        .hasMessageContaining("non-public address 10.0.0.7");
    assertThatThrownBy(() -> guard.resolve("hooks.example.com")).isInstanceOf(TargetGuard.TargetRefused.class)
        .hasMessageContaining("does not resolve");
    assertThatThrownBy(() -> new TargetGuard(false, h -> {
      throw new java.net.UnknownHostException(h);
    }).resolve("nowhere.invalid")).isInstanceOf(TargetGuard.TargetRefused.class).hasMessageContaining("does not resolve");
    assertThat(asked).containsOnly("hooks.example.com");
  }

  @Test
  void urlSyntax() {
    assertThat(strict.syntaxProblem("https://hooks.example.com/x")).isNull();
    assertThat(strict.syntaxProblem("http://hooks.example.com/x")).contains("https");
    assertThat(insecure.syntaxProblem("http://127.0.0.1:9000/x")).isNull();
    assertThat(insecure.syntaxProblem("ftp://127.0.0.1/x")).contains("https");
    assertThat(strict.syntaxProblem("https://user:pw@hooks.example.com/")).contains("user info");
    assertThat(strict.syntaxProblem("https:///nohost")).contains("host");
    assertThat(strict.syntaxProblem("https://hooks.example.com/#frag")).contains("fragment");
    assertThat(strict.syntaxProblem("not a url")).isNotNull();
  }
}
