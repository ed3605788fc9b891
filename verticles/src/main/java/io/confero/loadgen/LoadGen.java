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
 *     [--media-dir target/loadgen] [--audio-only true] [--levels 20:2] [--ramp-ms 0]
 * </pre>
 * {@code --participants} is per meeting. Without {@code --code} it creates {@code --meetings}
 * meetings through the browser path ({@code POST /web/meetings}, which allows 10 a minute per
 * address); with it, all participants join that one meeting. {@code --audio-only true} publishes
 * microphones only (a large audio meeting); {@code --levels FIRST:STEP} makes participant i speak at
 * -(FIRST + STEP·(i−1)) dBov (RFC 6464 levels, capped at 127; default everyone at -30 dBov), so the
 * SFU's audio slots have a loudest few to pick. In a meeting above the server's
 * {@code sfu.audio_slots_above} a participant receives its audio slots, not every other microphone:
 * it then counts as receiving all when every slot it was offered delivers. {@code --ramp-ms} waits
 * that long between two joins (a join ramp instead of everyone at once).
 */
public final class LoadGen {
  private LoadGen() {
  }

  static final String USAGE = "usage: LoadGen [--url U] [--code C] [--meetings M] [--participants N]"
      + " [--seconds S] [--video WxH@FPS] [--media-dir D] [--audio-only true] [--levels FIRST:STEP]"
      + " [--ramp-ms MS]";

  public static void main(String[] args) throws Exception {
    Map<String, String> opt;
    int n;
    int meetings;
    int seconds;
    int[] video;
    int[] levels;
    boolean audioOnly;
    long rampMs;
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
      String[] l = opt.getOrDefault("levels", "30:0").split(":");
      if (l.length != 2) {
        throw new IllegalArgumentException("--levels must look like 20:2");
      }
      levels = new int[] {Integer.parseInt(l[0]), Integer.parseInt(l[1])};
      if (levels[0] < 0 || levels[0] > 127 || levels[1] < 0) {
        throw new IllegalArgumentException("--levels FIRST is 0..127 (-dBov), STEP at least 0");
      }
      audioOnly = Boolean.parseBoolean(opt.getOrDefault("audio-only", "false"));
      rampMs = Long.parseLong(opt.getOrDefault("ramp-ms", "0"));
      if (rampMs < 0) {
        throw new IllegalArgumentException("--ramp-ms must not be negative");
      }
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
      System.out.printf("meetings %s: %d participants each, %s, for %d s%n", codes, n, audioOnly ? "Opus only"
          : String.format("%dx%d VP8 at %.1f fps + Opus", clip.width(), clip.height(), 1000.0 / clip.frameIntervalMillis()),
          seconds);
      List<LoadParticipant> people = new ArrayList<>();
      try {
        List<CompletableFuture<Void>> joins = new ArrayList<>();
        for (String code : codes) {
          for (int i = 1; i <= n; i++) {
            LoadParticipant p = new LoadParticipant(code + "-" + i, ctx, clip, audioOnly);
            p.setAudioLevel(Math.min(127, levels[0] + levels[1] * (i - 1)));
            people.add(p);
            joins.add(p.join(url, code));
            Thread.sleep(rampMs);
          }
        }
        CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).get(60 + 2L * people.size(), TimeUnit.SECONDS);
        System.out.println("all " + people.size() + " participants publish");
        boolean ok = report(people, audioOnly ? 0 : n - 1, n - 1, seconds);
        System.exit(ok ? 0 : 1);
      } finally {
        people.forEach(LoadParticipant::close);
      }
    }
  }

  /**
   * Prints, every 5 s, each participant's rising remote videos and audios; true when all rise at the
   * end ({@code audios} others, or every audio slot where the meeting is large enough for slots).
   */
  static boolean report(List<LoadParticipant> people, int expect, int audiosExpected, int seconds)
      throws InterruptedException {
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
        long slots = now.values().stream().filter(t -> "audio".equals(t.kind()) && t.participantId().isEmpty()).count();
        good += videos >= expect && audios >= (slots > 0 ? Math.min(slots, audiosExpected) : audiosExpected) ? 1 : 0;
      }
      ok = good == people.size();
      System.out.printf("%s | %d of %d receive all %d others (or all their audio slots); %.0f packets/s received%n", line,
          good, people.size(), audiosExpected, packets / 5.0);
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
