package io.confero.recording.format;

import java.util.List;

/**
 * What {@link TrackFileReader} read from one file: its header, every record it could verify, and
 * how the file ended.
 *
 * @param validBytes bytes up to the end of the last verified record
 * @param skippedBytes bytes skipped over corrupt stretches (found again at the next sync marker)
 * @param tail how the file ended
 * @param tailReason why the tail is not {@link Tail#CLEAN}, or empty
 */
public record TrackFile(TrackHeader header, List<TrackRecord> records, long validBytes, long skippedBytes,
    Tail tail, String tailReason) {
  /** How a file ends. */
  public enum Tail {
    /** Every byte belonged to a verified record. */
    CLEAN,
    /** The last record stops short: the writer was cut off mid-write (a crash). */
    TRUNCATED,
    /** Some record failed its check; the reader skipped to the next verifiable one. */
    CORRUPT
  }
}
