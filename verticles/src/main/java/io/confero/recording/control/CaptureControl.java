package io.confero.recording.control;

import io.vertx.core.Future;

/** Turns the capture of a recording on or off on the SFU worker that routes its meeting. */
public interface CaptureControl {
  /** Completes when the capture runs ({@code on}) or when its last chunks are stored (off). */
  Future<Void> capture(Recording recording, boolean on);
}
