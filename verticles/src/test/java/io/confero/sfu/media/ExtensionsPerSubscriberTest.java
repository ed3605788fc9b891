package io.confero.sfu.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.media.rtp.ExtensionRewrite;
import io.confero.media.sdp.MediaCapabilities;
import io.confero.media.sdp.SubscribeOfferer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each subscriber gets the publisher's extensions at its own ids (RFC 8285), whatever browser published. */
class ExtensionsPerSubscriberTest {
  /** Firefox 153's video section: 3 mid, 4 abs-send-time, 7 transport-cc (firefox153-publish-offer.sdp). */
  private static final Map<String, Integer> FIREFOX_VIDEO = Map.of(MediaCapabilities.SDES_MID, 3,
      MediaCapabilities.ABS_SEND_TIME, 4, MediaCapabilities.TRANSPORT_CC, 7);
  /** Chromium 156 simulcast video: 2 abs-send-time, 3 transport-cc, 4 mid, 10 rid, 11 repaired rid. */
  private static final Map<String, Integer> CHROMIUM_VIDEO = Map.of(MediaCapabilities.ABS_SEND_TIME, 2,
      MediaCapabilities.TRANSPORT_CC, 3, MediaCapabilities.SDES_MID, 4, MediaCapabilities.RTP_STREAM_ID, 10,
      MediaCapabilities.REPAIRED_RTP_STREAM_ID, 11);
  /** What a subscriber answers to our offer's video section. */
  private static final Map<String, Integer> SUBSCRIBER_VIDEO = Map.of(
      MediaCapabilities.ABS_SEND_TIME, SubscribeOfferer.ABS_SEND_TIME_ID,
      MediaCapabilities.TRANSPORT_CC, SubscribeOfferer.TRANSPORT_CC_ID, MediaCapabilities.SDES_MID,
      SubscribeOfferer.MID_ID);

  @Test
  void firefoxsAbsSendTimeNoLongerArrivesAtChromiumsMidId() {
    ExtensionRewrite r = SubscriberExtensions.rewriteBetween(FIREFOX_VIDEO, SUBSCRIBER_VIDEO);
    assertThat(r.target(4)).as("abs-send-time").isEqualTo(SubscribeOfferer.ABS_SEND_TIME_ID);
    assertThat(r.target(7)).as("transport-cc").isEqualTo(SubscribeOfferer.TRANSPORT_CC_ID);
    assertThat(r.target(3)).as("the publisher's mid is dropped").isZero();
    assertThat(r.target(5)).as("toffset was never answered").isZero();
  }

  @Test
  void chromiumsRidsAndMidAreDroppedAndTheRestKept() {
    ExtensionRewrite r = SubscriberExtensions.rewriteBetween(CHROMIUM_VIDEO, SUBSCRIBER_VIDEO);
    assertThat(r.target(2)).isEqualTo(SubscribeOfferer.ABS_SEND_TIME_ID);
    assertThat(r.target(3)).isEqualTo(SubscribeOfferer.TRANSPORT_CC_ID);
    assertThat(r.target(4)).isZero();
    assertThat(r.target(10)).isZero();
    assertThat(r.target(11)).isZero();
  }

  @Test
  void aSubscriberThatRefusedAnExtensionGetsNoneOfIt() {
    ExtensionRewrite r = SubscriberExtensions.rewriteBetween(FIREFOX_VIDEO,
        Map.of(MediaCapabilities.ABS_SEND_TIME, SubscribeOfferer.ABS_SEND_TIME_ID));
    assertThat(r.target(7)).isZero();
    assertThat(SubscriberExtensions.rewriteBetween(FIREFOX_VIDEO, Map.of()).target(4)).isZero();
  }
}
