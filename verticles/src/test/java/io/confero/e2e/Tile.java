package io.confero.e2e;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * What a user sees in one participant tile ({@code .tile[data-participant-id]}) of the page.
 *
 * @param videoWidth intrinsic width of the decoded video (0 before the first frame)
 * @param currentTime playback position of the tile's video, advancing while it plays
 * @param visible whether the tile takes up space in the layout
 */
public record Tile(String participantId, boolean hasVideo, int videoWidth, int videoHeight, double currentTime,
    boolean paused, boolean visible) {

  /** True once the tile's video has a decoded frame and is not paused. */
  public boolean showsVideo() {
    return hasVideo && videoWidth > 0 && videoHeight > 0 && !paused;
  }

  /** Parses the JSON answered by {@code e2e/tiles.js}. */
  static List<Tile> fromJson(String json) {
    JsonArray a = new JsonArray(json);
    List<Tile> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      JsonObject t = a.getJsonObject(i);
      out.add(new Tile(t.getString("participantId"), t.getBoolean("hasVideo"), t.getInteger("videoWidth"),
          t.getInteger("videoHeight"), t.getNumber("currentTime").doubleValue(), t.getBoolean("paused"),
          t.getBoolean("visible")));
    }
    return out;
  }
}
