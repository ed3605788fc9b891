package io.confero.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;

/** Strict reading of JSON request bodies: exact types, no unknown fields, errors naming the field. */
final class JsonFields {
  private JsonFields() {}

  static JsonObject object(Buffer body) {
    if (body == null || body.length() == 0) {
      throw ApiException.badRequest("malformed-json", "body", "a JSON object body is required");
    }
    Object parsed;
    try {
      parsed = io.vertx.core.json.Json.decodeValue(body);
    } catch (DecodeException e) {
      throw ApiException.badRequest("malformed-json", "body", "the body is not valid JSON");
    }
    if (!(parsed instanceof JsonObject o)) {
      throw ApiException.badRequest("malformed-json", "body", "the body must be a JSON object");
    }
    return o;
  }

  static void onlyKnown(JsonObject o, String prefix, Set<String> known) {
    for (String k : o.fieldNames()) {
      if (!known.contains(k)) {
        throw ApiException.badRequest("unknown-field", prefix + k, "unknown field '" + prefix + k + "'");
      }
    }
  }

  static String string(JsonObject o, String prefix, String key) {
    Object v = o.getValue(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw wrongType(prefix + key, "a string");
    }
    return s;
  }

  static Integer integer(JsonObject o, String prefix, String key) {
    Object v = o.getValue(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Integer || v instanceof Long) ) {
      throw wrongType(prefix + key, "an integer");
    }
    long n = ((Number) v).longValue();
    if (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE) {
      throw ApiException.invalid(prefix + key, "'" + prefix + key + "' is out of range");
    }
    return (int) n;
  }

  static Boolean bool(JsonObject o, String prefix, String key) {
    Object v = o.getValue(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Boolean b)) {
      throw wrongType(prefix + key, "true or false");
    }
    return b;
  }

  static JsonObject object(JsonObject o, String key) {
    Object v = o.getValue(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof JsonObject j)) {
      throw wrongType(key, "an object");
    }
    return j;
  }

  static Instant instant(JsonObject o, String key) {
    String s = string(o, "", key);
    if (s == null) {
      return null;
    }
    return parseInstant(key, s);
  }

  static Instant parseInstant(String field, String s) {
    try {
      return OffsetDateTime.parse(s).toInstant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest("invalid-type", field,
          "'" + field + "' must be an RFC 3339 date-time with offset, e.g. 2030-01-31T15:00:00Z");
    }
  }

  static ApiException wrongType(String field, String expected) {
    return ApiException.badRequest("invalid-type", field, "'" + field + "' must be " + expected);
  }

  static String text(JsonObject o, String key, int max, boolean required) {
    String s = string(o, "", key);
    if (s == null) {
      if (required) {
        throw ApiException.invalid(key, "'" + key + "' is required");
      }
      return null;
    }
    String t = s.strip();
    if (t.isEmpty()) {
      throw ApiException.invalid(key, "'" + key + "' must not be blank");
    }
    if (t.length() > max) {
      throw ApiException.invalid(key, "'" + key + "' must be at most " + max + " characters");
    }
    if (t.chars().anyMatch(c -> Character.getType(c) == Character.CONTROL)) {
      throw ApiException.invalid(key, "'" + key + "' must not contain control characters");
    }
    String bad = io.confero.meeting.TextCheck.problem(t);
    if (bad != null) {
      throw ApiException.invalid(key, "'" + key + "' " + bad);
    }
    return t;
  }
}
