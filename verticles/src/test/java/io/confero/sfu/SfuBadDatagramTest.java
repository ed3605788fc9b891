package io.confero.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.api.RestClient;
import io.confero.app.TestNode;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Garbage on an SFU worker's UDP port is dropped and counted by reason in {@code /metrics}; it
 * never answers (no amplification) and never breaks the worker.
 */
class SfuBadDatagramTest {
  static TestNode node;
  static RestClient rest;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start();
    rest = new RestClient(node.baseUrl());
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  static double drops(String reason) throws Exception {
    String metrics = rest.send("GET", "/metrics", null).body();
    Matcher m = Pattern.compile("(?m)^confero_sfu_drops_total\\{reason=\"" + reason + "\",worker=\"\\d+\"} ([0-9.E]+)$")
        .matcher(metrics);
    double sum = 0;
    while (m.find()) {
      sum += Double.parseDouble(m.group(1));
    }
    return sum;
  }

  @Test
  void garbageIsCountedAndNeverAnswered() throws Exception {
    int port = node.node().sfuPorts().get(0);
    Random random = new Random(42);
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      s.setSoTimeout(300);
      InetAddress lo = InetAddress.getLoopbackAddress();
      // a STUN binding request whose USERNAME names no transport (wrong ufrag)
      byte[] stun = java.util.HexFormat.of().parseHex("000100102112a442" + "b7e7a701bc34d686fa87dfae"
          + "0006000c" + "6e6f6e6578697374656e743a");
      s.send(new DatagramPacket(stun, stun.length, lo, port));
      // RTP and DTLS-looking bytes from an address no ICE check ever validated
      byte[] rtp = new byte[172];
      rtp[0] = (byte) 0x80;
      rtp[1] = 96;
      s.send(new DatagramPacket(rtp, rtp.length, lo, port));
      byte[] dtls = new byte[60];
      dtls[0] = 22;
      s.send(new DatagramPacket(dtls, dtls.length, lo, port));
      for (int i = 0; i < 500; i++) {
        byte[] junk = new byte[1 + random.nextInt(1400)];
        random.nextBytes(junk);
        s.send(new DatagramPacket(junk, junk.length, lo, port));
      }
      Awaitility.await("drops counted").atMost(Duration.ofSeconds(30))
          .until(() -> drops("unknown_ufrag") >= 1 && drops("unknown_source") >= 2);
      byte[] buf = new byte[2048];
      boolean answered;
      try {
        s.receive(new DatagramPacket(buf, buf.length));
        answered = true;
      } catch (java.net.SocketTimeoutException e) {
        answered = false;
      }
      assertThat(answered).as("the SFU never answers unauthenticated datagrams").isFalse();
    }
    // the worker still serves its event bus: the node is ready and the port still drops new junk
    assertThat(rest.send("GET", "/readiness", null).status()).isEqualTo(200);
  }
}
