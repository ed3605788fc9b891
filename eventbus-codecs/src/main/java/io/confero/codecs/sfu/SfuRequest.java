package io.confero.codecs.sfu;

import java.util.List;
import java.util.Map;

/** Commands the signaling plane sends to the SFU worker hosting a meeting. */
public sealed interface SfuRequest {
  String meetingId();

  String participantId();

  /**
   * The browser's publish offer; {@code sources} maps mid → microphone / camera / screen.
   * {@code refusedMids} are offered m-sections signaling refused (a second screen share while
   * someone else shares): the SFU answers them rejected and makes no producer for them.
   */
  record Publish(String meetingId, String participantId, String offerSdp, Map<String, String> sources,
                 List<String> refusedMids) implements SfuRequest {
    public Publish {
      refusedMids = List.copyOf(refusedMids);
    }

    /** A publish with nothing refused. */
    public Publish(String meetingId, String participantId, String offerSdp, Map<String, String> sources) {
      this(meetingId, participantId, offerSdp, sources, List.of());
    }
  }

  /** Asks for a fresh subscriber offer listing the meeting's current tracks (empty SDP when unchanged). */
  record Subscribe(String meetingId, String participantId) implements SubscribeOrAnswer {}

  /** The browser's answer to the last subscriber offer. */
  record SubscribeAnswer(String meetingId, String participantId, String answerSdp) implements SubscribeOrAnswer {}

  /** Stop (or resume) forwarding a participant's tracks of one kind (host mute / self mute). */
  record SetMuted(String meetingId, String participantId, String kind, boolean muted) implements SfuRequest {}

  /**
   * Stop (or resume) forwarding one track to one subscriber, because it does not show it (an
   * off-screen tile, a hidden tab); {@code participantId} is the subscriber.
   */
  record SetTrackPaused(String meetingId, String participantId, String trackId, boolean paused)
      implements SfuRequest {}

  /**
   * How many device pixels high one subscriber shows one video track ({@code video_quality}): 0
   * stops forwarding it (as {@link SetTrackPaused}), otherwise it picks the simulcast layer that
   * subscriber gets; {@code participantId} is the subscriber.
   */
  record SetTrackHeight(String meetingId, String participantId, String trackId, int maxHeight) implements SfuRequest {
    public SetTrackHeight {
      if (maxHeight < 0) {
        throw new IllegalArgumentException("maxHeight must not be negative");
      }
    }
  }

  /**
   * The participant may no longer publish (a webinar panelist turned attendee): close every producer
   * it has, keep its transports and consumers; the reply is a {@link PublishAnswer} with no SDP
   * listing the closed tracks as {@code removed}.
   */
  record Unpublish(String meetingId, String participantId) implements SfuRequest {}

  /** The participant left: free its transports, producers and consumers. */
  record Leave(String meetingId, String participantId) implements SfuRequest {}

  /**
   * Start ({@code on}) or stop capturing every track of the meeting for the recording
   * {@code recordingId}, as {@code participantId} asked (a host, or {@code api:<key>}); the reply
   * (an {@link Ack}) to a stop comes once every chunk is stored.
   */
  record Record(String meetingId, String participantId, String recordingId, boolean on) implements SfuRequest {}

  /** Marker for the subscriber-side commands. */
  sealed interface SubscribeOrAnswer extends SfuRequest permits Subscribe, SubscribeAnswer {}

  /** Replies. */
  sealed interface Reply {}

  /** Answer to a publish offer and the tracks now published by that participant. */
  record PublishAnswer(String answerSdp, List<TrackInfo> tracks, List<TrackInfo> removed) implements Reply {}

  /** A subscriber offer (empty when nothing changed since the last one) and what each mid carries. */
  record SubscribeOffer(String offerSdp, List<SubscribedTrack> tracks) implements Reply {}

  /** Done, nothing to return. */
  record Ack() implements Reply {}
}
