package io.confero.recording.control;

/** A start or stop the recording's state does not allow; {@code code} is stable (REST and signaling). */
public final class RecordingConflict extends RuntimeException {
  private final String code;

  public RecordingConflict(String code, String detail) {
    super(detail, null, false, false);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
