package io.confero.app;

import io.confero.config.ConfigException;
import io.confero.config.ConfigLoader;
import io.confero.config.ConferoConfig;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code java -jar confero.jar}: starts one Confero node from {@code conf/} and the environment. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    ConferoConfig config;
    try {
      config = ConfigLoader.load();
    } catch (ConfigException e) {
      System.err.println("Confero cannot start: " + e.getMessage());
      System.exit(2);
      return;
    }
    Confero node;
    try {
      node = Confero.start(config).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("Confero failed to start: " + rootMessage(e));
      e.printStackTrace();
      System.exit(1);
      return;
    }
    System.out.printf("Confero is up in %d ms: open %s%n", (System.nanoTime() - t0) / 1_000_000,
        config.http().publicUrl());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        node.close();
      } catch (Exception e) {
        System.err.println("shutdown: " + rootMessage(e));
      }
      stopped.countDown();
    }, "confero-shutdown"));
    stopped.await();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }
}
