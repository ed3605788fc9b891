package io.confero.loadgen;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Confero's own load generator: N {@link LoadParticipant}s join one meeting on a running server,
 * each publishing a camera and a microphone and receiving everyone else's, and it reports every
 * few seconds how many remote videos each one receives frames of. Exit status 0 when, at the end,
 * every participant received every other participant's video and audio in the last interval.
 *
 * <pre>
 * java -cp verticles/target/confero.jar io.confero.loadgen.LoadGen [--url http://127.0.0.1:8080]
 *     [--code JOINCODE] [--participants 6] [--seconds 30] [--video 320x240@15] [--media-dir target/loadgen]
 * </pre>
 * Without {@code --code} it creates a meeting through the browser path ({@code POST /web/meetings}).
 */
public final class LoadGen {
  private LoadGen() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opt = options(args);
    String url = opt.getOrDefault("url", "http://127.0.0.1:8080");
    int n = Integer.parseInt(opt.getOrDefault("participants", "6"));
    int seconds = Integer.parseInt(opt.getOrDefault("seconds", "30"));
    String[] video = opt.getOrDefault("video", "320x240@15").split("[x@]");
    MediaClip clip = MediaClip.generate(Path.of(opt.getOrDefault("media-dir", "target/loadgen")),
        Integer.parseInt(video[0]), Integer.parseInt(video[1]), Integer.parseInt(video[2]), 10);
    try (LoadParticipant.LoadContext ctx = LoadParticipant.LoadContext.create()) {
      String code = opt.containsKey("code") ? opt.get("code") : createMeeting(ctx, url);
      System.out.printf("meeting %s: %d participants, %dx%d VP8 at %d fps + Opus, for %d s%n", code, n,
          clip.width(), clip.height(), 1000 / clip.frameIntervalMillis(), seconds);
      List<LoadParticipant> people = new ArrayList<>();
      try {
        List<CompletableFuture<Void>> joins = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          LoadParticipant p = new LoadParticipant("load-" + i, ctx, clip);
          people.add(p);
          joins.add(p.join(url, code));
        }
        CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        boolean ok = report(people, seconds);
        System.exit(ok ? 0 : 1);
      } finally {
        people.forEach(LoadParticipant::close);
      }
    }
  }

  /** Prints, every 5 s, each participant's rising remote videos; true when all rise at the end. */
  static boolean report(List<LoadParticipant> people, int seconds) throws InterruptedException {
    int expect = people.size() - 1;
    Map<String, Map<String, TrackReception.Snapshot>> before = new HashMap<>();
    boolean ok = false;
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      Thread.sleep(5_000);
      StringBuilder line = new StringBuilder("rising videos/audios:");
      int good = 0;
      long packets = 0;
      for (LoadParticipant p : people) {
        Map<String, TrackReception.Snapshot> now = p.received();
        Map<String, TrackReception.Snapshot> prev = before.getOrDefault(p.name(), Map.of());
        int videos = Reception.rising(prev, now, "video");
        int audios = Reception.rising(prev, now, "audio");
        packets += now.values().stream().mapToLong(TrackReception.Snapshot::packets).sum()
            - prev.values().stream().mapToLong(TrackReception.Snapshot::packets).sum();
        before.put(p.name(), now);
        line.append(' ').append(videos).append('/').append(audios);
        if (p.failure() != null) {
          line.append("(failed: ").append(p.failure()).append(')');
        }
        good += videos >= expect && audios >= expect ? 1 : 0;
      }
      ok = good == people.size();
      System.out.printf("%s | %d of %d receive all %d; %.0f packets/s received%n", line, good, people.size(), expect,
          packets / 5.0);
    }
    return ok;
  }

  private static String createMeeting(LoadParticipant.LoadContext ctx, String url) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create(url + "/web/meetings")).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("title", "loadgen").encode())).build();
    HttpResponse<String> resp = ctx.http().send(req, HttpResponse.BodyHandlers.ofString());
    if (resp.statusCode() != 201) {
      throw new IllegalStateException("creating a meeting answered " + resp.statusCode() + ": " + resp.body());
    }
    return new JsonObject(resp.body()).getString("join_code");
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("usage: LoadGen [--url U] [--code C] [--participants N] [--seconds S]"
            + " [--video WxH@FPS] [--media-dir D]; bad argument " + args[i]);
      }
      out.put(args[i].substring(2), args[++i]);
    }
    return out;
  }
}
