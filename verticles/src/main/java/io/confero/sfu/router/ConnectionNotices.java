package io.confero.sfu.router;

import io.confero.codecs.sfu.SfuEvent;
import io.confero.sfu.bwe.QualityScorer;
import io.confero.sfu.media.Downlink;
import io.confero.sfu.media.WebRtcConsumer;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a meeting's participants are told about their connections (issue 13), from the router's
 * tick: each subscriber, when the allocation of its downlink pauses or resumes a video
 * ({@link SfuEvent.VideoPaused}, checked every tick), and everyone, when a participant's network
 * quality changes ({@link SfuEvent.ConnectionQuality}, graded every {@value #QUALITY_PERIOD_MILLIS}
 * ms by a {@link QualityScorer}: the worse of its downlink — transport-cc loss, the estimate against
 * what its tiles want, a paused video — and its uplink — the loss in our receiver reports).
 * Forgets participants that left. Worker event loop only.
 */
final class ConnectionNotices {
  static final long QUALITY_PERIOD_MILLIS = 1_000;
  /** A worse grade shows after it held this long, a better one (one bar at a time) after {@link #UP_HOLD_MICROS}. */
  static final long DOWN_HOLD_MICROS = 2_000_000;
  static final long UP_HOLD_MICROS = 6_000_000;

  private final String meetingId;
  private final WorkerEnv env;
  private final Map<String, State> states = new HashMap<>();
  private long lastQualityMillis = Long.MIN_VALUE;

  private static final class State {
    final Set<WebRtcConsumer> paused = new HashSet<>();
    final QualityScorer downlink = new QualityScorer(DOWN_HOLD_MICROS, UP_HOLD_MICROS);
    final QualityScorer uplink = new QualityScorer(DOWN_HOLD_MICROS, UP_HOLD_MICROS);
    int reported = QualityScorer.MAX;
  }

  ConnectionNotices(String meetingId, WorkerEnv env) {
    this.meetingId = meetingId;
    this.env = env;
  }

  void tick(long nowMillis, Collection<Peer> peers) {
    boolean grade = lastQualityMillis == Long.MIN_VALUE || nowMillis - lastQualityMillis >= QUALITY_PERIOD_MILLIS;
    if (grade) {
      lastQualityMillis = nowMillis;
    }
    Set<String> present = new HashSet<>();
    for (Peer p : peers) {
      present.add(p.participantId);
      State s = states.computeIfAbsent(p.participantId, id -> new State());
      notePauses(p, s);
      if (grade) {
        grade(p, s, nowMillis * 1000);
      }
    }
    states.keySet().retainAll(present);
  }

  private void notePauses(Peer p, State s) {
    for (WebRtcConsumer c : p.downlink.consumers()) {
      boolean paused = c.pausedForBandwidth();
      if (paused ? s.paused.add(c) : s.paused.remove(c)) {
        env.emit(new SfuEvent.VideoPaused(meetingId, p.participantId, c.producer().participantId(),
            c.producer().trackId(), paused));
      }
    }
    s.paused.retainAll(p.downlink.consumers());
  }

  private void grade(Peer p, State s, long nowMicros) {
    Downlink d = p.downlink;
    int bars = QualityScorer.MAX;
    if (d.isConnected()) {
      bars = s.downlink.update(new QualityScorer.Sample(d.lossFraction(), -1, d.estimateBps(), d.wantedBps(),
          !s.paused.isEmpty()), nowMicros);
    }
    if (p.uplink != null && p.uplink.transport().isConnected()) {
      bars = Math.min(bars, s.uplink.update(QualityScorer.Sample.lossOnly(p.uplink.lossFraction()), nowMicros));
    }
    if (bars != s.reported) {
      s.reported = bars;
      env.emit(new SfuEvent.ConnectionQuality(meetingId, p.participantId, bars));
    }
  }
}
