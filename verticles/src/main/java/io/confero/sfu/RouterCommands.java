package io.confero.sfu;

import io.confero.codecs.sfu.SfuRequest;
import io.confero.media.sdp.MediaKind;
import io.confero.media.sdp.SdpNegotiationException;
import io.confero.media.sdp.SdpParseException;
import io.confero.sfu.router.Router;

/** One media command of the signaling plane applied to the meeting's router on this worker. */
final class RouterCommands {
  private RouterCommands() {
  }

  /** The reply to {@code req} (recording commands are handled by the worker, not here). */
  static SfuRequest.Reply apply(Router router, SfuRequest req) throws SdpParseException, SdpNegotiationException {
    if (req instanceof SfuRequest.Publish p) {
      return router.publish(p);
    } else if (req instanceof SfuRequest.Subscribe s) {
      return router.subscribe(s.participantId());
    } else if (req instanceof SfuRequest.SubscribeAnswer a) {
      router.subscribeAnswer(a.participantId(), a.answerSdp());
    } else if (req instanceof SfuRequest.SetMuted m) {
      router.setMuted(m.participantId(), MediaKind.of(m.kind()), m.muted());
    } else if (req instanceof SfuRequest.SetTrackPaused t) {
      router.setTrackPaused(t.participantId(), t.trackId(), t.paused());
    } else if (req instanceof SfuRequest.SetTrackHeight h) {
      router.setTrackHeight(h.participantId(), h.trackId(), h.maxHeight());
    } else if (req instanceof SfuRequest.Unpublish u) {
      return new SfuRequest.PublishAnswer("", java.util.List.of(), router.unpublish(u.participantId()));
    } else if (req instanceof SfuRequest.Leave l) {
      router.leave(l.participantId());
    } else {
      throw new IllegalArgumentException("not a router command: " + req.getClass().getSimpleName());
    }
    return new SfuRequest.Ack();
  }
}
