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
}
