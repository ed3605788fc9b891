package io.confero.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.confero.api.RestClient;
import io.confero.app.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The TURN credentials of a real join response against the node's own TURN server, driven by
 * coturn's {@code turnutils_uclient -u <username> -w <password>} (long-term credentials, RFC 8489
 * section 9.2) relaying to {@code turnutils_peer}: the join response's URLs name the ports the TURN
 * server bound (configured as 0), its credentials relay, and expired or tampered ones are refused.
 */
class JoinResponseTurnCredentialsTest {
  private static final String UCLIENT = "/usr/bin/turnutils_uclient";
  private static final String PEER = "/usr/bin/turnutils_peer";
  private static final String SECRET = "join-credentials-secret-0123456789";
  private static final Pattern TOTALS = Pattern.compile("start_mclient: tot_send_msgs=(\\d+), tot_recv_msgs=(\\d+)");
  private static final Pattern TURN_URL = Pattern.compile("turn:127\\.0\\.0\\.1:(\\d+)\\?transport=(udp|tcp)");

  static final ChildProcesses processes = new ChildProcesses();
  static Path dataDir;
  static TestNode node;
  static TurnVerticle turn;
  static int peerPort;
  static Path peerLog;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(ChildProcesses.executable(UCLIENT) && ChildProcesses.executable(PEER), "coturn utilities absent");
    dataDir = Files.createTempDirectory("confero-turn-join");
    node = TestNode.start(dataDir, Map.of(
        "CONFERO_TURN_ENABLED", "true", "CONFERO_TURN_SECRET", SECRET, "CONFERO_TURN_PUBLIC_HOST", "127.0.0.1",
        "CONFERO_TURN_RELAY_HOST", "127.0.0.1", "CONFERO_TURN_ALLOW_LOOPBACK_PEERS", "true"));
    turn = node.node().turn().orElseThrow();
    try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      peerPort = probe.getLocalPort();
    }
    peerLog = Files.createTempFile("turnutils-peer-", ".log");
    processes.start(peerLog, PEER, "-L", "127.0.0.1", "-p", String.valueOf(peerPort));
  }

  @AfterAll
  static void stop() throws Exception {
    processes.close();
    if (peerLog != null) {
      Files.deleteIfExists(peerLog);
    }
    if (node != null) {
      node.close();
    }
    if (dataDir != null) {
      try (Stream<Path> files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  /** The TURN entry of a guest's join response. */
  static JsonObject joinTurnServer() throws Exception {
    RestClient rest = new RestClient(node.baseUrl());
    RestClient.Response created = rest.authed(rest.token(), "POST", "/api/v1/meetings", "{}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String code = created.json().getString("join_code");
    RestClient.Response join = rest.send("POST", "/j/" + code + "/join", "{\"display_name\":\"Relay\"}");
    assertThat(join.status()).as(join.body()).isEqualTo(200);
    JsonArray ice = join.json().getJsonObject("media_server").getJsonArray("ice_servers");
    assertThat(ice.getJsonObject(0).getJsonArray("urls")).containsExactly("stun:127.0.0.1:" + turn.udpPort());
    JsonObject server = ice.getJsonObject(1);
    assertThat(server.getString("username")).endsWith(":" + join.json().getString("meeting_id") + "."
        + join.json().getString("participant_id"));
    return server;
  }

  static int port(JsonObject server, String transport) {
    for (Object url : server.getJsonArray("urls")) {
      Matcher m = TURN_URL.matcher(url.toString());
      if (m.matches() && m.group(2).equals(transport)) {
        return Integer.parseInt(m.group(1));
      }
    }
    throw new AssertionError("no turn: URL with transport " + transport + " in " + server);
  }

  @Test
  void urlsNameTheBoundPortsNotTheConfiguredZero() throws Exception {
    JsonObject server = joinTurnServer();
    assertThat(turn.udpPort()).isPositive();
    assertThat(turn.tcpPort()).isPositive();
    assertThat(port(server, "udp")).isEqualTo(turn.udpPort());
    assertThat(port(server, "tcp")).isEqualTo(turn.tcpPort());
  }

  @Test
  void joinCredentialsRelayOverUdpAndTcp() throws Exception {
    JsonObject server = joinTurnServer();
    String user = server.getString("username");
    String password = server.getString("credential");
    assertAllEchoed(uclient(user, password, port(server, "udp")));
    assertAllEchoed(uclient(user, password, port(server, "tcp"), "-t"));
  }

  @Test
  void expiredCredentialsAreRefused() throws Exception {
    JsonObject server = joinTurnServer();
    String participant = TurnCredentials.userOf(server.getString("username"));
    // correctly signed with the server's secret, but expired a minute ago
    TurnCredentials expired = TurnCredentials.mint(SECRET, participant, Instant.now().getEpochSecond() - 3660, 3600);
    double before = turn.metrics().refusals(TurnMetrics.Refusal.EXPIRED_CREDENTIALS);
    assertRefused(uclient(expired.username(), expired.password(), port(server, "udp")));
    assertThat(turn.metrics().refusals(TurnMetrics.Refusal.EXPIRED_CREDENTIALS)).isGreaterThan(before);
  }

  @Test
  void tamperedCredentialsAreRefused() throws Exception {
    JsonObject server = joinTurnServer();
    String user = server.getString("username");
    String password = server.getString("credential");
    long expiry = TurnCredentials.expiryOf(user);
    String otherUser = expiry + ":someone-else";
    String laterExpiry = (expiry + 86400) + ":" + TurnCredentials.userOf(user);
    String flipped = (password.charAt(0) == 'A' ? "B" : "A") + password.substring(1);
    double before = turn.metrics().refusals(TurnMetrics.Refusal.BAD_INTEGRITY);
    assertRefused(uclient(otherUser, password, port(server, "udp")));
    assertRefused(uclient(laterExpiry, password, port(server, "udp")));
    assertRefused(uclient(user, flipped, port(server, "tcp"), "-t"));
    assertThat(turn.metrics().refusals(TurnMetrics.Refusal.BAD_INTEGRITY)).isGreaterThanOrEqualTo(before + 3);
  }

  private static String uclient(String user, String password, int port, String... extra) throws Exception {
    String[] base = {UCLIENT, "-u", user, "-w", password, "-e", "127.0.0.1", "-r", String.valueOf(peerPort),
        "-n", "10", "-m", "1", "-p", String.valueOf(port)};
    String[] cmd = new String[base.length + extra.length + 1];
    System.arraycopy(base, 0, cmd, 0, base.length);
    System.arraycopy(extra, 0, cmd, base.length, extra.length);
    cmd[cmd.length - 1] = "127.0.0.1";
    return processes.run(120, cmd);
  }

  private static void assertAllEchoed(String out) {
    Matcher m = TOTALS.matcher(out);
    assertThat(m.find()).as(out).isTrue();
    assertThat(Long.parseLong(m.group(1))).as(out).isPositive();
    assertThat(Long.parseLong(m.group(2))).as(out).isEqualTo(Long.parseLong(m.group(1)));
  }

  private static void assertRefused(String out) {
    assertThat(out).contains("Cannot complete Allocation");
    assertThat(TOTALS.matcher(out).find()).as(out).isFalse();
  }
}
