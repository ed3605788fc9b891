package io.confero.signaling;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Small JSON helpers of the protocol's edge. */
final class Json {
  private Json() {}

  static JsonArray array(Iterable<JsonObject> items) {
    JsonArray a = new JsonArray();
    items.forEach(a::add);
    return a;
  }
}
