package io.confero.recording.composite;

import java.util.Locale;
import java.util.Optional;

/**
 * What a composite shows. The gallery is made for every recording when it stops; the speaker view
 * only when an integrator asks for it (it is made from the same raw tracks, so only while they are
 * kept).
 */
public enum CompositeKind {
  /** Everyone present in a grid; a screen share large with the speaker beside it. */
  GALLERY("recording.mp4"),
  /** The active speaker large, the others in a strip; a screen share large with the speaker beside it. */
  SPEAKER("speaker.mp4");

  private final String fileName;

  CompositeKind(String fileName) {
    this.fileName = fileName;
  }

  /** The store key of this composite of a recording. */
  public String key(String recordingId) {
    return recordingId + "/" + fileName;
  }

  /** The name in URLs, the database and webhooks ({@code speaker}). */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind named {@code s} in a URL, if any. */
  public static Optional<CompositeKind> ofWire(String s) {
    for (CompositeKind k : values()) {
      if (k.wire().equals(s)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
