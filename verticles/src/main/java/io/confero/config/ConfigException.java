package io.confero.config;

/** A configuration problem that stops start-up; the message always names the offending key. */
public final class ConfigException extends RuntimeException {
  private final String key;

  public ConfigException(String key, String message) {
    super("configuration key '" + key + "': " + message);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
