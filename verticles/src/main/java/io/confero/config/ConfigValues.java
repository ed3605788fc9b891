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

  /** A duration written as a whole number and a unit: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}. */
  public java.time.Duration duration(String key) {
    String v = string(key).trim();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,9})(ms|s|m|h)").matcher(v);
    if (!m.matches()) {
      throw new ConfigException(key, "expected a duration such as 500ms, 30s, 5m or 1h, got '" + v + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> java.time.Duration.ofMillis(n);
      case "s" -> java.time.Duration.ofSeconds(n);
      case "m" -> java.time.Duration.ofMinutes(n);
      default -> java.time.Duration.ofHours(n);
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
