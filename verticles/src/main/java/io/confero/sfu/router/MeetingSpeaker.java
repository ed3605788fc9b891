package io.confero.sfu.router;

import io.confero.media.sdp.MediaKind;
import io.confero.sfu.forward.ActiveSpeakerDetector;
import io.confero.sfu.media.Producer;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The meeting's active speaker on this worker: at most every {@link ActiveSpeakerDetector#INTERVAL_MILLIS}
 * the loudest unmuted microphone of each participant (local or piped from another worker) goes to
 * the detector.
 */
final class MeetingSpeaker {
  private final ActiveSpeakerDetector detector = new ActiveSpeakerDetector();

  /** A new active speaker, or null when none was decided (not due, or unchanged). */
  String decide(Collection<Peer> peers, Collection<Producer> proxies, long nowMillis) {
    if (!detector.due(nowMillis)) {
      return null;
    }
    Map<String, Integer> loudness = new HashMap<>();
    for (Peer peer : peers) {
      peer.producers().forEach(p -> addLoudness(loudness, p, nowMillis));
    }
    proxies.forEach(p -> addLoudness(loudness, p, nowMillis));
    return detector.decide(loudness, nowMillis);
  }

  /** The current active speaker, or null. */
  String current() {
    return detector.current();
  }

  private static void addLoudness(Map<String, Integer> loudness, Producer p, long nowMillis) {
    if (p.kind() == MediaKind.AUDIO && !p.isMuted()) {
      loudness.merge(p.participantId(), p.level().loudness(nowMillis), Math::max);
    }
  }
}
