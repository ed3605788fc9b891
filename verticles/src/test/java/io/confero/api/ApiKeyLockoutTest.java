package io.confero.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.app.TestNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Someone who knows an API key id but not its secret cannot lock the key's holder out: failed token
 * requests are paid for by the address they come from (here 127.0.0.2), never by the key.
 */
class ApiKeyLockoutTest {
  @Test
  void wrongSecretsFromElsewhereDoNotSpendTheKeysBudget() throws Exception {
    try (TestNode node = TestNode.start(Files.createTempDirectory("confero-lockout"),
        Map.of("CONFERO_API_RATE_LIMIT_PER_MINUTE", "10"))) {
      // windows are whole minutes: start early in one so the burst below cannot straddle two
      Awaitility.await("early in a minute").atMost(Duration.ofSeconds(40))
          .until(() -> LocalTime.now(ZoneOffset.UTC).getSecond() < 40);
      int refused = 0;
      for (int i = 0; i < 30; i++) {
        int status = tokenFrom("127.0.0.2", node.node().httpPort(), TestNode.API_KEY, "not-the-secret-" + i);
        assertThat(status).isIn(401, 429);
        refused += status == 429 ? 1 : 0;
      }
      assertThat(refused).as("the guessing address is slowed down").isGreaterThanOrEqualTo(20);
      RestClient rest = new RestClient(node.baseUrl());
      String token = rest.token();
      assertThat(rest.authed(token, "GET", "/api/v1/meetings", null).status()).isEqualTo(200);
    }
  }

  /** POST /api/v1/tokens over a plain socket bound to {@code from}; the status code. */
  private static int tokenFrom(String from, int port, String key, String secret) throws Exception {
    try (Socket s = new Socket()) {
      s.bind(new InetSocketAddress(from, 0));
      s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      s.setSoTimeout(20_000);
      String basic = Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
      OutputStream out = s.getOutputStream();
      out.write(("POST /api/v1/tokens HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic " + basic
          + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
      return Integer.parseInt(status.split(" ")[1]);
    }
  }
}
