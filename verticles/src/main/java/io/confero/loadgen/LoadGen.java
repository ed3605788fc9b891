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
 *     [--code JOINCODE] [--meetings 1] [--participants 6] [--seconds 30] [--video 320x240@15]
 *     [--media-dir target/loadgen]
 * </pre>
 * {@code --participants} is per meeting. Without {@code --code} it creates {@code --meetings}
 * meetings through the browser path ({@code POST /web/meetings}, which allows 10 a minute per
 * address); with it, all participants join that one meeting.
 */
public final class LoadGen {
  private LoadGen() {
  }

  static final String USAGE = "usage: LoadGen [--url U] [--code C] [--meetings M] [--participants N]"
      + " [--seconds S] [--video WxH@FPS] [--media-dir D]";

  public static void main(String[] args) throws Exception {
    Map<String, String> opt;
    int n;
    int meetings;
    int seconds;
    int[] video;
    try {
      opt = options(args);
      n = positive(opt, "participants", 6);
      meetings = opt.containsKey("code") ? 1 : positive(opt, "meetings", 1);
      seconds = positive(opt, "seconds", 30);
      String[] v = opt.getOrDefault("video", "320x240@15").split("[x@]");
      if (v.length != 3) {
        throw new IllegalArgumentException("--video must look like 320x240@15");
      }
      video = new int[] {Integer.parseInt(v[0]), Integer.parseInt(v[1]), Integer.parseInt(v[2])};
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage() + "\n" + USAGE);
      System.exit(2);
      return;
    }
    String url = opt.getOrDefault("url", "http://127.0.0.1:8080");
    MediaClip clip = MediaClip.generate(Path.of(opt.getOrDefault("media-dir", "target/loadgen")),
        video[0], video[1], video[2], 10);
    try (LoadParticipant.LoadContext ctx = LoadParticipant.LoadContext.create()) {
      List<String> codes = new ArrayList<>();
      for (int m = 0; m < meetings; m++) {
        codes.add(opt.containsKey("code") ? opt.get("code") : createMeeting(ctx, url));
      }
      System.out.printf("meetings %s: %d participants each, %dx%d VP8 at %.1f fps + Opus, for %d s%n", codes, n,
          clip.width(), clip.height(), 1000.0 / clip.frameIntervalMillis(), seconds);
      List<LoadParticipant> people = new ArrayList<>();
      try {
        List<CompletableFuture<Void>> joins = new ArrayList<>();
        for (String code : codes) {
          for (int i = 1; i <= n; i++) {
            LoadParticipant p = new LoadParticipant(code + "-" + i, ctx, clip);
            people.add(p);
            joins.add(p.join(url, code));
          }
        }
        CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).get(60 + 2L * people.size(), TimeUnit.SECONDS);
        System.out.println("all " + people.size() + " participants publish");
        boolean ok = report(people, n - 1, seconds);
        System.exit(ok ? 0 : 1);
      } finally {
        people.forEach(LoadParticipant::close);
      }
    }
  }

  /** Prints, every 5 s, each participant's rising remote videos; true when all rise at the end. */
  static boolean report(List<LoadParticipant> people, int expect, int seconds) throws InterruptedException {
    Map<String, Map<String, TrackReception.Snapshot>> before = new HashMap<>();
    boolean ok = false;
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      Thread.sleep(5_000);
      StringBuilder line = new StringBuilder(people.size() <= 12 ? "rising videos/audios:" : "");
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
        if (people.size() <= 12) {
          line.append(' ').append(videos).append('/').append(audios);
        }
        if (p.failure() != null) {
          line.append("(failed: ").append(p.failure()).append(')');
        }
        good += videos >= expect && audios >= expect ? 1 : 0;
      }
      ok = good == people.size();
      System.out.printf("%s | %d of %d receive all %d others; %.0f packets/s received%n", line, good, people.size(), expect,
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

  private static int positive(Map<String, String> opt, String name, int fallback) {
    int v = Integer.parseInt(opt.getOrDefault(name, Integer.toString(fallback)));
    if (v < 1) {
      throw new IllegalArgumentException("--" + name + " must be at least 1");
    }
    return v;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("bad argument " + args[i]);
      }
      out.put(args[i].substring(2), args[++i]);
    }
    return out;
  }
}
