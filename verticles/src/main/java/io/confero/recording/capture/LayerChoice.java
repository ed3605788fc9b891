package io.confero.recording.capture;

import java.util.Arrays;

/**
 * Which of a producer's encodings a recorder keeps: the highest one that is actually flowing,
 * chosen once. A publisher that offers simulcast does not send every layer it offers (Chromium
 * sends only the lowest one or two for a small camera, and adds layers as its estimate grows), so
 * the last encoding may never carry a packet. The top encoding is taken at its first packet; while
 * only lower ones arrive, the choice waits {@link #SETTLE_MICROS} from the first packet and then
 * takes the highest encoding seen in that time. Single-encoding tracks are chosen at once. Pure.
 */
final class LayerChoice {
  /** How long lower layers are watched before one is chosen. */
  static final long SETTLE_MICROS = 500_000;

  private final long[] lastSeen;
  private long first = -1;
  private int chosen = -1;

  LayerChoice(int layers) {
    if (layers < 1) {
      throw new IllegalArgumentException("a producer has at least one encoding");
    }
    lastSeen = new long[layers];
    Arrays.fill(lastSeen, Long.MIN_VALUE);
  }

  /** Notes a packet of encoding {@code layer} arriving at {@code nowMicros}; the chosen encoding, or -1 while undecided. */
  int onPacket(int layer, long nowMicros) {
    if (chosen >= 0 || layer < 0 || layer >= lastSeen.length) {
      return chosen;
    }
    lastSeen[layer] = nowMicros;
    if (first < 0) {
      first = nowMicros;
    }
    if (layer == lastSeen.length - 1) {
      chosen = layer;
    } else if (nowMicros - first >= SETTLE_MICROS) {
      for (int i = lastSeen.length - 1; i >= 0 && chosen < 0; i--) {
        if (lastSeen[i] != Long.MIN_VALUE) {
          chosen = i;
        }
      }
    }
    return chosen;
  }

  int chosen() {
    return chosen;
  }
}
