package io.confero.recording.store;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The S3 store against a real S3 API server in the JVM: s3proxy over jclouds' filesystem backend. */
class S3RecordingStoreTest extends RecordingStoreContract {
  static S3Proxy proxy;
  static BlobStoreContext context;
  static S3RecordingStore store;

  @BeforeAll
  static void startS3() throws Exception {
    store = start(Files.createTempDirectory("s3proxy"));
  }

  /** Starts s3proxy on a free loopback port with a bucket "recordings"; the store talks to it path-style. */
  static S3RecordingStore start(Path dir) throws Exception {
    Properties props = new Properties();
    props.setProperty("jclouds.filesystem.basedir", dir.toString());
    context = ContextBuilder.newBuilder("filesystem").overrides(props).build(BlobStoreContext.class);
    context.getBlobStore().createContainerInLocation(null, "recordings");
    proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "test-access", "test-secret").build();
    proxy.start();
    org.awaitility.Awaitility.await().until(() -> "STARTED".equals(proxy.getState()));
    return new S3RecordingStore(new S3Settings(URI.create("http://127.0.0.1:" + proxy.getPort()), "us-east-1",
        "recordings", "test-access", "test-secret", true, "confero"));
  }

  @AfterAll
  static void stopS3() throws Exception {
    store.close();
    proxy.stop();
    context.close();
  }

  @Override
  RecordingStore store() {
    return store;
  }
}
