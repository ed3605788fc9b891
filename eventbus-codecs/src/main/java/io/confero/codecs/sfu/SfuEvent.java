package io.confero.codecs.sfu;

/** What SFU workers tell the signaling plane on their own initiative. */
public sealed interface SfuEvent {
  String meetingId();

  String participantId();

  /** A participant's media transport died (ICE consent expired, DTLS failed or closed). */
  record TransportDown(String meetingId, String participantId, String reason) implements SfuEvent {}

  /** A participant's publisher transport is connected and media flows. */
  record TransportUp(String meetingId, String participantId) implements SfuEvent {}

  /** The loudest participant changed (RFC 6464 levels). */
  record ActiveSpeaker(String meetingId, String participantId) implements SfuEvent {}
}
