package io.confero.recording.control;

import io.confero.config.RecordingConfig;
import io.confero.recording.store.LocalRecordingStore;
import io.confero.recording.store.RecordingStore;
import io.confero.recording.store.S3RecordingStore;
import io.confero.recording.store.S3Settings;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;

/** The recording parts the composition root wires: store, repository, service and the verticle. */
public record RecordingComponents(RecordingStore store, RecordingService service, RecordingVerticle verticle) {

  /**
   * Builds them from configuration; {@code linkSecret} signs download links; {@code alive} tells
   * whether a node id is a cluster member (recordings of gone nodes are recovered as partial).
   */
  public static RecordingComponents create(RecordingConfig config, Pool pool, Clock clock, String nodeId,
      String publicUrl, byte[] linkSecret, CaptureControl capture, java.util.function.Predicate<String> alive) {
    RecordingStore store = store(config);
    RecordingRepository repo = new RecordingRepository(pool);
    RecordingViews views = new RecordingViews(pool);
    RecordingService service = new RecordingService(repo, new DownloadLinks(linkSecret, config.linkTtl(), publicUrl),
        clock, nodeId, capture, views);
    RecordingVerticle verticle = new RecordingVerticle(config, repo, new RecordingJobs(pool), views, service, store,
        clock, alive);
    return new RecordingComponents(store, service, verticle);
  }

  static RecordingStore store(RecordingConfig c) {
    if (c.store().equals("s3")) {
      RecordingConfig.S3 s = c.s3();
      return new S3RecordingStore(new S3Settings(URI.create(s.endpoint()), s.region(), s.bucket(), s.accessKey(),
          s.secretKey(), s.pathStyle(), s.prefix()));
    }
    return new LocalRecordingStore(Path.of(c.localDir()));
  }
}
