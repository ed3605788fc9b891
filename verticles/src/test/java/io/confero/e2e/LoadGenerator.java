package io.confero.e2e;

import io.confero.loadgen.LoadParticipant;
import io.confero.loadgen.MediaClip;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The load generator's shared parts for one test class ({@code @RegisterExtension static}): the
 * {@link LoadParticipant.LoadContext} (HTTP client, DTLS certificate, worker threads), opened before
 * the class and closed after it, and the 320x240@15 VP8 + Opus clip its participants send.
 */
public final class LoadGenerator implements BeforeAllCallback, AfterAllCallback {
  private LoadParticipant.LoadContext context;

  @Override
  public void beforeAll(ExtensionContext extension) {
    context = LoadParticipant.LoadContext.create();
  }

  @Override
  public void afterAll(ExtensionContext extension) {
    if (context != null) {
      context.close();
    }
  }

  public LoadParticipant.LoadContext context() {
    return context;
  }

  /** The clip (encoded by ffmpeg once per build, under target/loadgen). */
  public MediaClip clip() throws Exception {
    return MediaClip.generate(Path.of(System.getProperty("basedir", "."), "target", "loadgen"), 320, 240, 15, 10);
  }
}
