package io.confero.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Loads configuration once at start-up: defaults from {@link ConfigKeys}, then the properties file,
 * then {@code CONFERO_*} environment variables, then {@code confero.*} system properties. An
 * unknown key in any source, or a value of the wrong type, fails with a {@link ConfigException}
 * naming the key.
 */
public final class ConfigLoader {
  /** Environment variable / system property naming the config file; not itself a key. */
  public static final String CONFIG_FILE_ENV = "CONFERO_CONFIG_FILE";
  public static final String CONFIG_FILE_PROPERTY = "confero.config_file";

  private ConfigLoader() {}

  /** Loads from the real environment. */
  public static ConferoConfig load() {
    return load(System.getenv(), System.getProperties());
  }

  public static ConferoConfig load(Map<String, String> env, Properties sys) {
    return ConferoConfig.from(loadValues(env, sys));
  }

  public static ConfigValues loadValues(Map<String, String> env, Properties sys) {
    Map<String, String> values = new HashMap<>();
    ConfigKeys.ALL.forEach(k -> values.put(k.name(), k.defaultValue()));
    Properties file = readFile(env, sys);
    for (String name : file.stringPropertyNames()) {
      String key = known(name, "in the config file");
      values.put(key, file.getProperty(name).trim());
    }
    for (Map.Entry<String, String> e : env.entrySet()) {
      String var = e.getKey();
      if (!var.startsWith("CONFERO_") || var.equals(CONFIG_FILE_ENV)) {
        continue;
      }
      ConfigKey k = ConfigKeys.ALL.stream().filter(c -> c.envName().equals(var)).findFirst()
          .orElseThrow(() -> new ConfigException(var, "unknown environment variable"));
      values.put(k.name(), e.getValue().trim());
    }
    for (String name : sys.stringPropertyNames()) {
      if (!name.startsWith("confero.") || name.equals(CONFIG_FILE_PROPERTY) || isTestProperty(name)) {
        continue;
      }
      String key = known(name.substring("confero.".length()), "as system property " + name);
      values.put(key, sys.getProperty(name).trim());
    }
    ConfigValues cv = new ConfigValues(values);
    for (ConfigKey k : ConfigKeys.ALL) {
      validateType(cv, k);
    }
    return cv;
  }

  /** Properties the test harness sets (fixture and folder locations); not configuration. */
  private static boolean isTestProperty(String name) {
    return name.equals("confero.webroot") || name.equals("confero.conf") || name.equals("confero.fixtures");
  }

  private static String known(String name, String where) {
    return ConfigKeys.find(name).map(ConfigKey::name)
        .orElseThrow(() -> new ConfigException(name, "unknown key " + where));
  }

  private static void validateType(ConfigValues cv, ConfigKey k) {
    switch (k.type()) {
      case INT -> cv.integer(k.name());
      case LONG -> cv.longValue(k.name());
      case BOOLEAN -> cv.bool(k.name());
      case DURATION -> cv.duration(k.name());
      default -> cv.string(k.name());
    }
  }

  private static Properties readFile(Map<String, String> env, Properties sys) {
    String explicit = sys.getProperty(CONFIG_FILE_PROPERTY, env.get(CONFIG_FILE_ENV));
    Properties p = new Properties();
    if (explicit != null && !explicit.isBlank()) {
      Path path = Path.of(explicit);
      if (!Files.isReadable(path)) {
        throw new ConfigException(CONFIG_FILE_ENV, "cannot read config file " + path);
      }
      readInto(p, path);
      return p;
    }
    Path local = Path.of("conf", "confero.properties");
    if (Files.isReadable(local)) {
      readInto(p, local);
      return p;
    }
    try (InputStream in = ConfigLoader.class.getResourceAsStream("/conf/confero.properties")) {
      if (in != null) {
        p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new ConfigException(CONFIG_FILE_ENV, "cannot read bundled config: " + e.getMessage());
    }
    return p;
  }

  private static void readInto(Properties p, Path path) {
    try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException(CONFIG_FILE_ENV, "cannot read config file " + path + ": " + e.getMessage());
    }
  }
}
