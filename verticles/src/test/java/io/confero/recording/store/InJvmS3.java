package io.confero.recording.store;

import io.confero.app.TestNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real S3 API server in the test JVM: s3proxy over jclouds' filesystem backend, on a loopback
 * port chosen when this object is made (so a server's configuration can name it before it starts),
 * with one bucket {@value #BUCKET} and V2/V4 signatures checked against fixed test credentials.
 * Usable directly ({@link #start()} / {@link #close()}) or as a class extension registered before
 * the server that uses it.
 */
public final class InJvmS3 implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
  public static final String BUCKET = "recordings";
  public static final String ACCESS_KEY = "test-access";
  public static final String SECRET_KEY = "test-secret";
  public static final String PREFIX = "confero";

  private final int port;
  private Path dir;
  private BlobStoreContext context;
  private S3Proxy proxy;

  public InJvmS3() {
    try {
      port = TestNode.freePort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** The store's settings (path-style, prefix {@value #PREFIX}). */
  public S3Settings settings() {
    return new S3Settings(endpoint(), "us-east-1", BUCKET, ACCESS_KEY, SECRET_KEY, true, PREFIX);
  }

  /** The {@code CONFERO_RECORDING_*} overrides that make a node keep its recordings here. */
  public Map<String, String> serverOverrides() {
    return Map.of("CONFERO_RECORDING_STORE", "s3", "CONFERO_RECORDING_S3_ENDPOINT", endpoint().toString(),
        "CONFERO_RECORDING_S3_REGION", "us-east-1", "CONFERO_RECORDING_S3_BUCKET", BUCKET,
        "CONFERO_RECORDING_S3_ACCESS_KEY", ACCESS_KEY, "CONFERO_RECORDING_S3_SECRET_KEY", SECRET_KEY,
        "CONFERO_RECORDING_S3_PATH_STYLE", "true", "CONFERO_RECORDING_S3_PREFIX", PREFIX);
  }

  /** Where the bucket's objects lie on disk (jclouds' filesystem layout: {@code <dir>/<bucket>/<key>}). */
  public Path bucketDir() {
    return dir.resolve(BUCKET);
  }

  public InJvmS3 start() throws Exception {
    dir = Files.createTempDirectory("s3proxy");
    Properties props = new Properties();
    props.setProperty("jclouds.filesystem.basedir", dir.toString());
    context = ContextBuilder.newBuilder("filesystem").overrides(props).build(BlobStoreContext.class);
    context.getBlobStore().createContainerInLocation(null, BUCKET);
    proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(endpoint())
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
    proxy.start();
    org.awaitility.Awaitility.await("s3proxy started").until(() -> "STARTED".equals(proxy.getState()));
    return this;
  }

  @Override
  public void close() throws Exception {
    try {
      if (proxy != null) {
        proxy.stop();
      }
    } finally {
      if (context != null) {
        context.close();
      }
      proxy = null;
      context = null;
    }
  }

  @Override
  public void beforeAll(ExtensionContext c) throws Exception {
    start();
  }

  @Override
  public void afterAll(ExtensionContext c) throws Exception {
    close();
  }
}
