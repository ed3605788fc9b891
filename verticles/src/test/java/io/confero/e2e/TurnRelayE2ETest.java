package io.confero.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.turn.TurnVerticle;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 6: a headless Chromium forced to {@code iceTransportPolicy: 'relay'} (the web client's
 * {@code ?relay=1} switch) joins a meeting through Confero's own TURN server, with the credentials
 * of its join response, and its media reaches another participant through the SFU (and the
 * other's media reaches it). The SFU is on 127.0.0.1, hence {@code turn.allow_loopback_peers}.
 */
@EndToEnd
class TurnRelayE2ETest {
  static final Duration MEDIA_TIMEOUT = Duration.ofSeconds(90);
  static final Pattern RELAYED = Pattern.compile(
      "(?m)^turn_relayed_packets_total\\{direction=\"(to_peer|to_client)\",?\\} ([0-9.E]+)$");

  @RegisterExtension
  static final Browsers browsers = new Browsers();

  static E2EServer server;

  @BeforeAll
  static void start() throws Exception {
    server = E2EServer.start(Map.of(
        "CONFERO_TURN_ENABLED", "true",
        "CONFERO_TURN_ALLOW_LOOPBACK_PEERS", "true",
        "CONFERO_TURN_LISTEN_HOST", "127.0.0.1",
        "CONFERO_TURN_RELAY_HOST", "127.0.0.1",
        "CONFERO_TURN_PUBLIC_HOST", "127.0.0.1",
        "CONFERO_TURN_UDP_PORT", "0",
        "CONFERO_TURN_TCP_PORT", "0"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      metrics().lines().filter(l -> l.startsWith("turn_") || l.startsWith("confero_sfu")).forEach(System.out::println);
      server.close();
    }
  }

  static String metrics() throws Exception {
    return server.rest().send("GET", "/metrics", null).body();
  }

  static BrowserSession join(String name, String url) {
    BrowserSession b = browsers.launch(name);
    b.open(url);
    b.join(name);
    Awaitility.await(name + " joined").atMost(Duration.ofSeconds(60)).until(() -> "joined".equals(b.conferoState()));
    return b;
  }

  @Test
  void relayOnlyParticipantExchangesMediaThroughTurnAndTheSfu() throws Exception {
    E2EServer.Meeting meeting = server.createMeeting("Relay call");
    BrowserSession ada = join("Ada", server.joinUrl(meeting));
    BrowserSession bob = join("Bob", server.joinUrl(meeting) + "?relay=1");

    assertThat(bob.execute("return window.confero.iceTransportPolicy;")).isEqualTo("relay");
    assertThat(bob.execute("return window.confero.publisher.getConfiguration().iceTransportPolicy + ' '"
        + " + window.confero.subscriber.getConfiguration().iceTransportPolicy;")).isEqualTo("relay relay");
    assertThat(ada.execute("return window.confero.publisher.getConfiguration().iceTransportPolicy;"))
        .isEqualTo("all");

    for (StatsProbe pc : new StatsProbe[] {bob.publisher(), bob.subscriber()}) {
      PeerStats s = MediaAwait.awaitConnectedThroughRelay(pc, MEDIA_TIMEOUT);
      assertThat(s.selectedPair().localAddress()).as("relayed address on turn.relay_host").isEqualTo("127.0.0.1");
      assertThat(s.selectedPair().localPort()).as("relay port, not a TURN listener port")
          .isNotIn(turn().udpPort(), turn().tcpPort());
    }
    assertThat(MediaAwait.awaitConnected(ada.publisher(), MEDIA_TIMEOUT).selectedPair().relayed())
        .as("Ada, without the switch, connects directly").isFalse();

    MediaAwait.awaitBytesSentRising(bob.publisher(), 2, MEDIA_TIMEOUT);
    MediaAwait.awaitFramesDecodedRising(ada, 1, MEDIA_TIMEOUT);
    MediaAwait.awaitAudioSamplesRising(ada, 1, MEDIA_TIMEOUT);
    MediaAwait.awaitFramesDecodedRising(bob, 1, MEDIA_TIMEOUT);
    MediaAwait.awaitAudioSamplesRising(bob, 1, MEDIA_TIMEOUT);

    Map<String, Double> relayed = relayedPackets(metrics());
    assertThat(relayed.getOrDefault("to_peer", 0.0)).as("packets relayed from Bob to the SFU").isPositive();
    assertThat(relayed.getOrDefault("to_client", 0.0)).as("packets relayed from the SFU to Bob").isPositive();
    assertThat(turn().allocationCount()).as("live allocations").isPositive();
  }

  static TurnVerticle turn() {
    return server.node().node().turn().orElseThrow();
  }

  static Map<String, Double> relayedPackets(String metrics) {
    Map<String, Double> out = new HashMap<>();
    Matcher m = RELAYED.matcher(metrics);
    while (m.find()) {
      out.put(m.group(1), Double.parseDouble(m.group(2)));
    }
    return out;
  }
}
