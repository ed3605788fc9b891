package io.confero.e2e;

import io.confero.tools.impair.ImpairRelay;
import io.confero.tools.impair.ImpairmentSpec;
import io.confero.tools.impair.Schedule;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Loss repair on both legs with real Chromium (RFC 4585 generic NACK, RFC 4588 RTX): the SFU is
 * reached through an {@link ImpairRelay} that loses one video RTP packet in 25 each way (RTCP, STUN,
 * DTLS and Opus pass). The SFU
 * must NACK the publishers and get their RTX repairs, and answer the subscribers' NACKs with RTX
 * packets that Chromium accepts as retransmissions; video keeps being decoded.
 */
@EndToEnd
class LossRepairE2ETest {
  static final Duration MEDIA_TIMEOUT = Duration.ofSeconds(60);
  /** Chromium reaches the SFU through the relays on this loopback address (all of 127/8 is lo). */
  static final String RELAY_ADDRESS = "127.0.0.2";

  @RegisterExtension
  static final Browsers browsers = new Browsers();

  @RegisterExtension
  static final RunningServer server = new RunningServer(Map.of("CONFERO_SFU_ANNOUNCED_ADDRESS", RELAY_ADDRESS))
      .printingSfuMetrics();

  /** Every 25th RTP packet of each client's link, each way; Opus (payload type 111) spared. */
  static final ImpairmentSpec LOSSY = ImpairmentSpec.parse("every=25,scope=rtp,spare=111");
  static final List<ImpairRelay> relays = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    for (int port : server.node().node().sfuPorts()) {
      relays.add(new ImpairRelay(new InetSocketAddress(RELAY_ADDRESS, port), new InetSocketAddress("127.0.0.1", port),
          Schedule.constant(LOSSY, LOSSY), 1));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    relays.forEach(r -> System.out.println("E2E relay up: " + r.up() + " | down: " + r.down()));
    relays.forEach(ImpairRelay::close);
  }

  /** The sum over workers of one SFU counter in /metrics. */
  static double sfuCounter(String name) throws Exception {
    return server.rest().send("GET", "/metrics", null).body().lines().filter(l -> l.startsWith(name + "{"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  @Test
  void lostVideoIsNackedAndRepairedWithRtxOnBothLegs() throws Exception {
    E2EServer.Meeting meeting = server.createMeeting("Lossy call");
    List<BrowserSession> people = new ArrayList<>();
    for (String name : List.of("Ada", "Grace")) {
      people.add(MeetingMediaE2ETest.join(browsers, server, name, meeting));
    }
    for (BrowserSession b : people) {
      MediaAwait.awaitFramesDecodedRising(b, 1, MEDIA_TIMEOUT);
    }
    Awaitility.await("the SFU NACKs lost publisher video and RTX repairs arrive").atMost(MEDIA_TIMEOUT)
        .until(() -> sfuCounter("confero_sfu_nack_sent_total") > 0 && sfuCounter("confero_sfu_nack_recovered_total") > 0);
    Awaitility.await("the SFU answers subscribers' NACKs with RTX").atMost(MEDIA_TIMEOUT)
        .until(() -> sfuCounter("confero_sfu_rtx_sent_total") > 0);
    for (BrowserSession b : people) {
      Awaitility.await(b.name() + " gets the SFU's NACKs and retransmits").atMost(MEDIA_TIMEOUT).until(() ->
          MeetingMediaE2ETest.countStats(b, "publisher", "outbound-rtp", "nackCount") >= 1
              && MeetingMediaE2ETest.countStats(b, "publisher", "outbound-rtp", "retransmittedPacketsSent") >= 1);
      // the SFU sends no padding probes, so every retransmission Chromium counts is one of our RTX repairs
      Awaitility.await(b.name() + " takes the SFU's RTX packets as retransmissions").atMost(MEDIA_TIMEOUT).until(() ->
          MeetingMediaE2ETest.countStats(b, "subscriber", "inbound-rtp", "retransmittedPacketsReceived") >= 1);
      MediaAwait.awaitFramesDecodedRising(b, 1, MEDIA_TIMEOUT);
    }
  }
}
