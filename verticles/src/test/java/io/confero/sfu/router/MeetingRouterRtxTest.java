package io.confero.sfu.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.codecs.sfu.SfuEvent;
import io.confero.codecs.sfu.SfuRequest;
import io.confero.codecs.sfu.TrackInfo;
import io.confero.media.sdp.LocalTransport;
import io.confero.sfu.dtls.DtlsCertificate;
import io.confero.sfu.ice.IceCredentials;
import io.confero.sfu.media.Encoding;
import io.confero.sfu.media.WebRtcConsumer;
import io.confero.sfu.metrics.SfuMetrics;
import io.confero.sfu.transport.WebRtcTransport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RTX negotiation in the router (RFC 4588 §8.6, RFC 5576 §4.2): a subscriber offer pairs each
 * video SSRC with the consumer's RTX SSRC and offers the publisher's rtx payload type with its
 * apt; the consumer retransmits as RTX only when the subscriber's answer keeps that payload type.
 * The publisher's own RTX SSRC comes from its {@code a=ssrc-group:FID}. No sockets: transports are
 * built but never connected, and DTLS never runs.
 */
class MeetingRouterRtxTest {
  static DtlsCertificate certificate;
  Router router;
  Map<String, TrackInfo> aliceTracks;

  /** A worker that creates transports nobody connects. */
  static class FakeEnv implements WorkerEnv {
    final SfuMetrics metrics = new SfuMetrics(new SimpleMeterRegistry(), 0);
    final Random random = new Random(7);
    final List<SfuEvent> events = new ArrayList<>();
    /** The node's other workers as this one sees them (none unless a test pipes routers together). */
    io.confero.sfu.pipe.PipeNet pipes = io.confero.sfu.pipe.PipeNet.SINGLE;

    @Override
    public io.confero.sfu.pipe.PipeNet pipes() {
      return pipes;
    }

    @Override
    public WebRtcTransport newTransport(String participantId, boolean publisher, WebRtcTransport.Listener listener) {
      return new WebRtcTransport(participantId, publisher, IceCredentials.generate(new SecureRandom()), 0,
          certificate, null, r -> { }, (buf, len, to) -> { }, metrics, listener);
    }

    @Override
    public void release(WebRtcTransport transport) {
    }

    @Override
    public LocalTransport local(WebRtcTransport t) {
      return new LocalTransport(t.localCredentials().ufrag(), t.localCredentials().pwd(), t.fingerprint(),
          List.of(new LocalTransport.HostAddress("127.0.0.1", 40000)));
    }

    @Override
    public void emit(SfuEvent event) {
      events.add(event);
    }

    @Override
    public SfuMetrics metrics() {
      return metrics;
    }

    /** Tasks the router scheduled on the worker's timers (a test runs them when it wants). */
    final List<Runnable> timers = new ArrayList<>();

    @Override
    public long nowMillis() {
      return 0;
    }

    @Override
    public long nowMicros() {
      return 0;
    }

    @Override
    public void after(long delayMillis, Runnable task) {
      timers.add(task);
    }

    @Override
    public int randomInt() {
      return random.nextInt();
    }
  }

  @BeforeAll
  static void certificate() {
    certificate = DtlsCertificate.generate();
  }

  @BeforeEach
  void alicePublishes() throws Exception {
    router = new Router("m1", new FakeEnv());
    String offer = Files.readString(Path.of(System.getProperty("confero.fixtures"), "sdp", "chromium-offer-plain.sdp"));
    SfuRequest.PublishAnswer answer = router.publish(new SfuRequest.Publish("m1",
        "alice-0123456789", offer, Map.of("0", "microphone", "1", "camera")));
    aliceTracks = new java.util.HashMap<>();
    answer.tracks().forEach(t -> aliceTracks.put(t.kind(), t));
    assertThat(answer.answerSdp()).as("the publish answer accepts rtx").contains("a=rtpmap:97 rtx/90000");
  }

  /** Chromium's side of the subscriber negotiation, made from our offer: recvonly, DTLS active. */
  static String answerTo(String offer) {
    return offer.replace("a=sendonly", "a=recvonly").replace("a=setup:actpass", "a=setup:active")
        .replace("a=ice-lite\r\n", "").replaceAll("a=ssrc[^\r\n]*\r\n", "").replaceAll("a=candidate[^\r\n]*\r\n", "")
        .replace("a=end-of-candidates\r\n", "");
  }

  /** The answer with the rtx payload type taken out of every m-section. */
  static String withoutRtx(String answer, int rtxPt) {
    return answer.replace(" " + rtxPt + "\r\n", "\r\n").replace(" " + rtxPt + " ", " ")
        .replaceAll("a=(rtpmap|fmtp|rtcp-fb):" + rtxPt + " [^\r\n]*\r\n", "");
  }

  static String videoSection(String sdp) {
    return sdp.substring(sdp.indexOf("m=video"));
  }

  @Test
  void videoConsumersAreOfferedRtxWithAnFidGroupAudioIsNot() {
    String offer = router.subscribe("bob-0123456789").offerSdp();
    WebRtcConsumer video = router.consumer("bob-0123456789", aliceTracks.get("video").trackId());
    WebRtcConsumer audio = router.consumer("bob-0123456789", aliceTracks.get("audio").trackId());
    assertThat(video.rtxPt()).isEqualTo(97);
    assertThat(video.rtxSsrc()).isNotEqualTo(Integer.toUnsignedLong(video.outSsrc())).isNotNegative();
    String v = videoSection(offer);
    assertThat(v).contains("a=rtpmap:96 VP8/90000", "a=rtpmap:97 rtx/90000", "a=fmtp:97 apt=96",
        "a=ssrc-group:FID " + Integer.toUnsignedLong(video.outSsrc()) + " " + video.rtxSsrc(),
        "a=ssrc:" + video.rtxSsrc() + " cname:confero");
    assertThat(audio.rtxSsrc()).isEqualTo(-1);
    assertThat(audio.rtxPt()).isEqualTo(-1);
    assertThat(offer.substring(0, offer.indexOf("m=video"))).doesNotContain("ssrc-group", "rtx/");
    assertThat(video.rtxNegotiated()).as("not before the answer").isFalse();
  }

  @Test
  void anAnswerKeepingRtxTurnsItOn() throws Exception {
    String offer = router.subscribe("bob-0123456789").offerSdp();
    router.subscribeAnswer("bob-0123456789", answerTo(offer));
    assertThat(router.consumer("bob-0123456789", aliceTracks.get("video").trackId()).rtxNegotiated()).isTrue();
  }

  @Test
  void anAnswerDroppingRtxFallsBackToThePrimarySsrc() throws Exception {
    String offer = router.subscribe("bob-0123456789").offerSdp();
    String answer = withoutRtx(answerTo(offer), 97);
    assertThat(videoSection(answer)).doesNotContain("rtx");
    router.subscribeAnswer("bob-0123456789", answer);
    assertThat(router.consumer("bob-0123456789", aliceTracks.get("video").trackId()).rtxNegotiated()).isFalse();
  }

  @Test
  void transportWideSequenceIsStampedWithTheSubscribersNegotiatedId() throws Exception {
    String offer = router.subscribe("bob-0123456789").offerSdp();
    WebRtcConsumer video = router.consumer("bob-0123456789", aliceTracks.get("video").trackId());
    assertThat(video.transportCcId()).as("not before the answer").isEqualTo(-1);
    router.subscribeAnswer("bob-0123456789", answerTo(offer));
    assertThat(video.transportCcId()).as("the id our offer gave and the answer kept").isEqualTo(3);
  }

  @Test
  void anAnswerWithoutTransportCcGetsNoTransportWideSequence() throws Exception {
    String offer = router.subscribe("bob-0123456789").offerSdp();
    String answer = answerTo(offer).replaceAll("a=extmap:\\d+ [^\r\n]*transport-wide-cc[^\r\n]*\r\n", "");
    assertThat(answer).doesNotContain("transport-wide-cc");
    router.subscribeAnswer("bob-0123456789", answer);
    assertThat(router.consumer("bob-0123456789", aliceTracks.get("video").trackId()).transportCcId()).isEqualTo(-1);
  }

  @Test
  void rtxSequenceNumbersAreTheConsumersOwnAndWrap() {
    router.subscribe("bob-0123456789");
    WebRtcConsumer video = router.consumer("bob-0123456789", aliceTracks.get("video").trackId());
    int first = video.nextRtxSeq();
    for (int i = 1; i < 70_000; i++) {
      assertThat(video.nextRtxSeq()).isEqualTo((first + i) & 0xFFFF);
    }
  }

  @Test
  void thePublishersRtxSsrcComesFromItsFidGroup() throws Exception {
    String offer = Files.readString(Path.of(System.getProperty("confero.fixtures"), "sdp", "chromium-offer-plain.sdp"));
    Matcher fid = Pattern.compile("a=ssrc-group:FID (\\d+) (\\d+)").matcher(offer);
    assertThat(fid.find()).isTrue();
    router.subscribe("bob-0123456789");
    Encoding camera = router.consumer("bob-0123456789", aliceTracks.get("video").trackId()).producer()
        .primaryEncoding();
    assertThat(Integer.toUnsignedLong(camera.ssrc())).isEqualTo(Long.parseLong(fid.group(1)));
    assertThat(camera.rtxSsrcKnown()).isTrue();
    assertThat(Integer.toUnsignedLong(camera.rtxSsrc())).isEqualTo(Long.parseLong(fid.group(2)));
    assertThat(camera.producer().primaryPayloadTypeFor(97)).isEqualTo(96);
    assertThat(camera.nack()).as("nack negotiated for video").isNotNull();
  }
}
