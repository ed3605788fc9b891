package io.confero.sfu.router;

import io.confero.codecs.sfu.SfuEvent;
import io.confero.sfu.media.Consumer;
import io.confero.sfu.media.Producer;
import io.confero.sfu.simulcast.Dynacast;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Dynacast on the router's tick: tells each simulcast publisher which of its encodings anyone
 * receives, when that changes (paused after {@link #PAUSE_NANOS} unneeded, resumed at once); the
 * signaling plane passes it on as the {@code encodings} message (docs/protocol.md).
 */
final class DynacastNotifier {
  /** How long a simulcast encoding nobody receives keeps being sent before the publisher pauses it. */
  static final long PAUSE_NANOS = 2_000_000_000L;

  private DynacastNotifier() {
  }

  static void notify(WorkerEnv env, String meetingId, String publisherId, Collection<Producer> producers, long nowNanos) {
    for (Producer producer : producers) {
      if (!producer.isVideo() || !producer.isSimulcast() || producer.isClosed()) {
        continue;
      }
      int mask = 0;
      for (Consumer c : producer.consumers()) {
        mask = c.neededLayers(mask);
      }
      Dynacast.Decision d = producer.dynacast(PAUSE_NANOS, nowNanos).update(mask, nowNanos);
      if (d.changed()) {
        List<Boolean> active = new ArrayList<>();
        for (int i = 0; i < d.layers(); i++) {
          active.add(d.isActive(i));
        }
        env.emit(new SfuEvent.EncodingsActive(meetingId, publisherId, producer.trackId(), active));
      }
    }
  }
}
