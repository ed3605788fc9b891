package io.confero.sfu.media;

import io.confero.media.sdp.MediaKind;
import java.util.Locale;

/** What a published track shows: the browser's label for its m-section, as an enum inside the SFU. */
public enum TrackSource {
  MICROPHONE, CAMERA, SCREEN;

  /** The event-bus and browser spelling ({@code microphone}, {@code camera}, {@code screen}). */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The source a browser named for an m-section: absent means the microphone for audio and the
   * camera for video; an unknown label is taken for the camera.
   */
  public static TrackSource fromWire(String label, MediaKind kind) {
    if (label == null) {
      return kind == MediaKind.AUDIO ? MICROPHONE : CAMERA;
    }
    for (TrackSource s : values()) {
      if (s.wire().equals(label)) {
        return s;
      }
    }
    return CAMERA;
  }
}
