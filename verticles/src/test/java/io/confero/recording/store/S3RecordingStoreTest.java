package io.confero.recording.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The S3 store against a real S3 API server in the JVM: s3proxy over jclouds' filesystem backend. */
class S3RecordingStoreTest extends RecordingStoreContract {
  static InJvmS3 s3;
  static S3RecordingStore store;

  @BeforeAll
  static void startS3() throws Exception {
    s3 = new InJvmS3().start();
    store = new S3RecordingStore(s3.settings());
  }

  @AfterAll
  static void stopS3() throws Exception {
    store.close();
    s3.close();
  }

  @Override
  RecordingStore store() {
    return store;
  }
}
