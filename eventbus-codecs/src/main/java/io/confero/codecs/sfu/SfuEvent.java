package io.confero.codecs.sfu;

import java.util.List;

/** What SFU workers tell the signaling plane on their own initiative. */
public sealed interface SfuEvent {
  String meetingId();

  String participantId();

  /** A participant's media transport died (ICE consent expired, DTLS failed or closed). */
  record TransportDown(String meetingId, String participantId, String reason) implements SfuEvent {}

  /** A participant's publisher transport is connected and media flows. */
  record TransportUp(String meetingId, String participantId) implements SfuEvent {}

  /**
   * Dynacast: which simulcast encodings of a publisher's track someone receives, lowest first;
   * the publisher sets {@code RTCRtpEncodingParameters.active} accordingly ({@code participantId}
   * is the publisher).
   */
  record EncodingsActive(String meetingId, String participantId, String trackId, List<Boolean> active)
      implements SfuEvent {
    public EncodingsActive {
      active = List.copyOf(active);
    }
  }

  /** The loudest participant changed (RFC 6464 levels). */
  record ActiveSpeaker(String meetingId, String participantId) implements SfuEvent {}

  /**
   * Audio slots (large meetings): which participant each of one subscriber's audio slot m-sections
   * carries now, in slot order; {@code participantId} is the subscriber, {@code holders[i]} the
   * participant in {@code mids[i]} ("" while the slot is silent).
   */
  record AudioSlots(String meetingId, String participantId, List<String> mids, List<String> holders)
      implements SfuEvent {
    public AudioSlots {
      mids = List.copyOf(mids);
      holders = List.copyOf(holders);
      if (mids.size() != holders.size()) {
        throw new IllegalArgumentException("one holder per slot mid");
      }
    }
  }

  /**
   * The SFU stopped ({@code paused}) or resumed forwarding a publisher's video to one subscriber
   * because the subscriber's downlink estimate fits not even its lowest layer (issue 13);
   * {@code participantId} is the subscriber, {@code publisherId} whose track it is.
   */
  record VideoPaused(String meetingId, String participantId, String publisherId, String trackId, boolean paused)
      implements SfuEvent {}

  /**
   * A participant's network quality changed: {@code quality} 0 (unusable) to 3 (good), the worse
   * of its downlink (loss toward it, its estimate against what its tiles want) and its uplink
   * (loss on what it publishes).
   */
  record ConnectionQuality(String meetingId, String participantId, int quality) implements SfuEvent {
    public ConnectionQuality {
      if (quality < 0 || quality > 3) {
        throw new IllegalArgumentException("quality must be 0..3, got " + quality);
      }
    }
  }
}
