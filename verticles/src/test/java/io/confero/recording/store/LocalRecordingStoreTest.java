package io.confero.recording.store;

class LocalRecordingStoreTest extends RecordingStoreContract {
  @Override
  RecordingStore store() {
    return new LocalRecordingStore(tmp.resolve("store"));
  }
}
