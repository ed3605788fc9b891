package io.confero.sfu.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.codecs.sfu.SfuRequest;
import io.confero.codecs.sfu.TrackInfo;
import io.confero.media.sdp.MediaCapabilities;
import io.confero.sfu.dtls.DtlsCertificate;
import io.confero.sfu.media.WebRtcConsumer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Firefox publisher (firefox153-publish-offer.sdp: Opus 109, VP8 120/rtx 124, abs-send-time at 4)
 * and a Chromium publisher (Opus 111, VP8 96/rtx 97) in one subscriber bundle: every payload type
 * of the subscriber offer means one codec, each consumer forwards at the payload types offered for
 * its codec, and carries header extensions at the ids the subscriber answered.
 */
class MeetingRouterFirefoxTest {
  Router router;
  Map<String, TrackInfo> firefoxTracks = new HashMap<>();

  @BeforeAll
  static void certificate() {
    MeetingRouterRtxTest.certificate = DtlsCertificate.generate();
  }

  @BeforeEach
  void firefoxAndChromiumPublish() throws Exception {
    router = new Router("m1", new MeetingRouterRtxTest.FakeEnv());
    String chromium = Files.readString(Path.of(System.getProperty("confero.fixtures"), "sdp", "chromium-offer-plain.sdp"));
    router.publish(new SfuRequest.Publish("m1", "alice-0123456789", chromium, Map.of("0", "microphone", "1", "camera")));
    String firefox;
    try (InputStream in = getClass().getResourceAsStream("/sdp/firefox153-publish-offer.sdp")) {
      firefox = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    SfuRequest.PublishAnswer answer = router.publish(new SfuRequest.Publish("m1", "carol-0123456789", firefox,
        Map.of("0", "microphone", "1", "camera")));
    answer.tracks().forEach(t -> firefoxTracks.put(t.kind(), t));
  }

  @Test
  void everyPayloadTypeOfTheSubscriberBundleMeansOneCodec() {
    String offer = router.subscribe("bob-0123456789").offerSdp();
    Map<String, String> rtpmaps = new HashMap<>();
    Matcher m = Pattern.compile("a=(rtpmap|fmtp):(\\d+) ([^\r\n]*)").matcher(offer);
    Set<String> lines = new HashSet<>();
    while (m.find()) {
      lines.add(m.group(1) + ":" + m.group(2) + " " + m.group(3));
      String previous = rtpmaps.putIfAbsent(m.group(1) + ":" + m.group(2), m.group(3));
      assertThat(previous).as("payload type %s", m.group(2)).isIn(null, m.group(3));
    }
    assertThat(lines).contains("rtpmap:109 opus/48000/2", "rtpmap:111 opus/48000/2", "rtpmap:120 VP8/90000",
        "rtpmap:124 rtx/90000", "fmtp:124 apt=120", "rtpmap:96 VP8/90000", "rtpmap:97 rtx/90000");
    WebRtcConsumer video = router.consumer("bob-0123456789", firefoxTracks.get("video").trackId());
    assertThat(video.payloadType()).isEqualTo(120);
    assertThat(video.rtxPt()).isEqualTo(124);
  }

  @Test
  void theFirefoxConsumerTakesTheSubscribersExtensionIdsFromItsAnswer() throws Exception {
    String offer = router.subscribe("bob-0123456789").offerSdp();
    router.subscribeAnswer("bob-0123456789", MeetingRouterRtxTest.answerTo(offer));
    WebRtcConsumer video = router.consumer("bob-0123456789", firefoxTracks.get("video").trackId());
    assertThat(video.transportCcId()).as("Firefox sends it at 7; bob negotiated 3").isEqualTo(3);
    assertThat(video.rtxNegotiated()).isTrue();
    assertThat(offer).doesNotContain("a=extmap:4 " + MediaCapabilities.ABS_SEND_TIME);
  }
}
