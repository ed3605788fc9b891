package io.confero.e2e;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Waits on what a page's peer connections report, polling getStats() with Awaitility. A condition
 * "rising" compares each stream with the first sample in which it appeared, so it proves media is
 * still flowing, not only that some arrived once. On timeout the last sample is in the message.
 */
public final class MediaAwait {
  private static final Duration POLL = Duration.ofMillis(250);

  private MediaAwait() {
  }

  /** Waits until {@code streams} inbound video streams of the subscriber decode new frames. */
  public static PeerStats awaitFramesDecodedRising(BrowserSession session, int streams, Duration timeout) {
    return awaitFramesDecodedRising(session.subscriber(), streams, timeout);
  }

  /** Waits until {@code streams} inbound video streams decode frames beyond their first sample. */
  public static PeerStats awaitFramesDecodedRising(StatsProbe probe, int streams, Duration timeout) {
    return awaitRising(probe, streams, timeout, "framesDecoded of inbound video",
        s -> s.inboundVideo().stream().map(v -> new Counter(v.key(), v.framesDecoded())));
  }

  /** Waits until {@code streams} inbound audio streams of the subscriber receive new samples. */
  public static PeerStats awaitAudioSamplesRising(BrowserSession session, int streams, Duration timeout) {
    return awaitAudioSamplesRising(session.subscriber(), streams, timeout);
  }

  /** Waits until {@code streams} inbound audio streams count samples beyond their first sample. */
  public static PeerStats awaitAudioSamplesRising(StatsProbe probe, int streams, Duration timeout) {
    return awaitRising(probe, streams, timeout, "totalSamplesReceived of inbound audio",
        s -> s.inboundAudio().stream().map(a -> new Counter(a.key(), a.totalSamplesReceived())));
  }

  /** Waits until {@code streams} outbound streams (audio, video or simulcast layers) send more bytes. */
  public static PeerStats awaitBytesSentRising(StatsProbe probe, int streams, Duration timeout) {
    return awaitRising(probe, streams, timeout, "bytesSent of outbound",
        s -> s.outbound().stream().map(o -> new Counter(o.key(), o.bytesSent())));
  }

  /** Waits until {@code streams} outbound video streams encode new frames. */
  public static PeerStats awaitFramesEncodedRising(StatsProbe probe, int streams, Duration timeout) {
    return awaitRising(probe, streams, timeout, "framesEncoded of outbound video",
        s -> s.outbound().stream().filter(o -> "video".equals(o.kind()))
            .map(o -> new Counter(o.key(), o.framesEncoded())));
  }

  /** Waits until the peer connection's {@code connectionState} is "connected". */
  public static PeerStats awaitConnected(StatsProbe probe, Duration timeout) {
    return awaitStats(probe, timeout, "connectionState == connected", PeerStats::connected);
  }

  /**
   * Waits until the peer connection is connected over a selected candidate pair whose local
   * candidate is a TURN relay candidate ({@code candidateType == "relay"}).
   */
  public static PeerStats awaitConnectedThroughRelay(StatsProbe probe, Duration timeout) {
    return awaitStats(probe, timeout, "connected through a relay candidate pair",
        s -> s.connected() && s.selectedPair() != null && s.selectedPair().relayed());
  }

  /**
   * Waits until the page shows the participant's tile with decoded video whose playback position
   * moves past the first position seen, i.e. the user sees live video there.
   */
  public static Tile awaitTileVideoPlaying(BrowserSession session, String participantId, Duration timeout) {
    AtomicReference<List<Tile>> last = new AtomicReference<>(List.of());
    Map<String, Double> firstSeen = new HashMap<>();
    Predicate<Tile> playing = t -> t.showsVideo()
        && t.currentTime() > firstSeen.computeIfAbsent(t.participantId(), k -> t.currentTime());
    try {
      Awaitility.await("video playing in tile " + participantId).atMost(timeout).pollInterval(POLL)
          .pollInSameThread().until(() -> {
            last.set(session.tiles());
            return last.get().stream().anyMatch(t -> t.participantId().equals(participantId) && playing.test(t));
          });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("Timed out after " + timeout + " waiting for video playing in tile "
          + participantId + "; last tiles: " + last.get(), e);
    }
    return last.get().stream().filter(t -> t.participantId().equals(participantId)).findFirst().orElseThrow();
  }

  /** Waits until {@code window.confero.state} of the web client equals {@code state}. */
  public static void awaitConferoState(BrowserSession session, String state, Duration timeout) {
    AtomicReference<String> last = new AtomicReference<>();
    try {
      Awaitility.await("window.confero.state == " + state).atMost(timeout).pollInterval(POLL).pollInSameThread()
          .until(() -> {
            last.set(session.conferoState());
            return state.equals(last.get());
          });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("Timed out after " + timeout + " waiting for window.confero.state == " + state
          + "; last state: " + last.get(), e);
    }
  }

  /** Waits until a sample satisfies {@code condition} and answers that sample. */
  public static PeerStats awaitStats(StatsProbe probe, Duration timeout, String description,
      Predicate<PeerStats> condition) {
    AtomicReference<PeerStats> last = new AtomicReference<>(PeerStats.absent());
    try {
      Awaitility.await(description).atMost(timeout).pollInterval(POLL).pollInSameThread().until(() -> {
        last.set(probe.sample());
        return condition.test(last.get());
      });
      return last.get();
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("Timed out after " + timeout + " waiting for " + description
          + "; last getStats() sample: " + last.get(), e);
    }
  }

  /** One monotonically increasing stats counter of one stream. */
  public record Counter(String key, long value) {
  }

  /** Waits until at least {@code streams} counters exceed the value they had when first seen. */
  public static PeerStats awaitRising(StatsProbe probe, int streams, Duration timeout, String what,
      Function<PeerStats, Stream<Counter>> counters) {
    Map<String, Long> firstSeen = new HashMap<>();
    return awaitStats(probe, timeout, streams + " stream(s) with rising " + what, s -> {
      long rising = counters.apply(s).filter(c -> {
        long first = firstSeen.computeIfAbsent(c.key(), k -> c.value());
        return c.value() > first;
      }).count();
      return rising >= streams;
    });
  }
}
