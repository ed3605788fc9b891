package io.confero.config;

import java.util.Map;

/** Validated raw values of every known key (defaults filled in), with typed getters. */
public final class ConfigValues {
  private final Map<String, String> values;

  ConfigValues(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  public String string(String key) {
    String v = values.get(key);
    if (v == null) {
      throw new ConfigException(key, "unknown key");
    }
    return v;
  }

  public int integer(String key) {
    return (int) parseLong(key, Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  public long longValue(String key) {
    return parseLong(key, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  public boolean bool(String key) {
    String v = string(key).trim().toLowerCase(java.util.Locale.ROOT);
    return switch (v) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw new ConfigException(key, "expected true or false, got '" + v + "'");
    };
  }

  /** An integer that must lie in [min, max]. */
  public int intIn(String key, int min, int max) {
    return (int) parseLong(key, min, max);
  }

  private long parseLong(String key, long min, long max) {
    String v = string(key).trim();
    long n;
    try {
      n = Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "expected a whole number, got '" + v + "'");
    }
    if (n < min || n > max) {
      throw new ConfigException(key, "must be between " + min + " and " + max + ", got " + n);
    }
    return n;
  }
}
