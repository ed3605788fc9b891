package io.confero.config;

import java.time.Duration;

/**
 * Server-side recording ({@code recording.*} keys): where recordings are stored, how capture
 * flushes and chunks, how the compositor runs, and how long raw tracks and download links last.
 */
public record RecordingConfig(String store, String localDir, String workDir, S3 s3, String encoder,
    Duration flushInterval, Duration chunkLength, Duration rawRetention, Duration linkTtl, String linkSecret,
    Duration compositorPollInterval, int compositorMaxAttempts) {

  /** An S3-compatible store; used when {@code store} is {@code s3}. */
  public record S3(String endpoint, String region, String bucket, String accessKey, String secretKey,
      boolean pathStyle, String prefix) {
  }

  public RecordingConfig {
    if (!store.equals("local") && !store.equals("s3")) {
      throw new ConfigException("recording.store", "must be local or s3, got '" + store + "'");
    }
    if (store.equals("s3") && (s3.endpoint().isBlank() || s3.bucket().isBlank() || s3.accessKey().isBlank()
        || s3.secretKey().isBlank())) {
      throw new ConfigException("recording.s3.endpoint", "recording.store=s3 needs recording.s3.endpoint, bucket, access_key and secret_key");
    }
    if (!encoder.equals("auto") && !encoder.equals("libx264") && !encoder.equals("h264_nvenc")) {
      throw new ConfigException("recording.encoder", "must be auto, libx264 or h264_nvenc, got '" + encoder + "'");
    }
    if (flushInterval.isZero() || flushInterval.isNegative() || chunkLength.compareTo(flushInterval) < 0) {
      throw new ConfigException("recording.chunk_length", "must be at least recording.flush_interval (> 0)");
    }
    if (!linkSecret.isEmpty() && linkSecret.length() < 16) {
      throw new ConfigException("recording.link_secret", "must be at least 16 characters");
    }
  }

  static RecordingConfig from(ConfigValues v) {
    return new RecordingConfig(v.string("recording.store"), v.string("recording.local_dir"),
        v.string("recording.work_dir"), new S3(v.string("recording.s3.endpoint"), v.string("recording.s3.region"),
        v.string("recording.s3.bucket"), v.string("recording.s3.access_key"), v.string("recording.s3.secret_key"),
        v.bool("recording.s3.path_style"), v.string("recording.s3.prefix")), v.string("recording.encoder"),
        v.duration("recording.flush_interval"), v.duration("recording.chunk_length"),
        v.duration("recording.raw_retention"), v.duration("recording.link_ttl"), v.string("recording.link_secret"),
        v.duration("recording.compositor_poll_interval"), v.intIn("recording.compositor_max_attempts", 1, 100));
  }
}
