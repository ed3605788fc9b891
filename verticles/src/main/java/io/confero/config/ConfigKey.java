package io.confero.config;

import java.util.Locale;

/**
 * One documented configuration key: its name ({@code http.port}), its type, its default and a
 * one-line description. The environment variable is derived from the name
 * ({@code http.port} → {@code CONFERO_HTTP_PORT}), the system property is {@code confero.<name>}.
 */
public record ConfigKey(String name, Type type, String defaultValue, String description) {

  /** Value types the loader validates; a DURATION is a whole number with a unit: 500ms, 30s, 5m, 1h. */
  public enum Type { STRING, INT, LONG, BOOLEAN, SECRET, DURATION }

  public ConfigKey {
    if (!name.matches("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+")) {
      throw new IllegalArgumentException("bad key name " + name);
    }
  }

  public String envName() {
    return "CONFERO_" + name.toUpperCase(Locale.ROOT).replace('.', '_');
  }

  public String systemProperty() {
    return "confero." + name;
  }
}
