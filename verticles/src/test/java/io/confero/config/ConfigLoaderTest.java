package io.confero.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

  @Test
  void defaultsGiveTheEmbeddedSetup() {
    ConferoConfig c = ConfigLoader.load(Map.of(), new Properties());
    assertThat(c.http().port()).isEqualTo(8080);
    assertThat(c.http().publicUrl()).isEqualTo("http://localhost:8080");
    assertThat(c.database().embedded()).isTrue();
    assertThat(c.redis().enabled()).isFalse();
    assertThat(c.kafka().enabled()).isFalse();
    assertThat(c.signaling().publicUrl()).isEqualTo("ws://localhost:8081/ws");
  }

  @Test
  void environmentOverridesByKeyName() {
    ConferoConfig c = ConfigLoader.load(Map.of("CONFERO_HTTP_PORT", "9090",
        "CONFERO_TURN_ALLOW_LOOPBACK_PEERS", "true"), new Properties());
    assertThat(c.http().port()).isEqualTo(9090);
    assertThat(c.turn().allowLoopbackPeers()).isTrue();
  }

  @Test
  void systemPropertiesOverrideEnvironment() {
    Properties p = new Properties();
    p.setProperty("confero.http.port", "7070");
    assertThat(ConfigLoader.load(Map.of("CONFERO_HTTP_PORT", "9090"), p).http().port()).isEqualTo(7070);
  }

  @Test
  void unknownEnvironmentKeyStopsStartup() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("CONFERO_HTTP_PROT", "1"), new Properties()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("CONFERO_HTTP_PROT");
  }

  @Test
  void invalidValuesNameTheKey() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("CONFERO_HTTP_PORT", "eighty"), new Properties()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("http.port");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("CONFERO_HTTP_PORT", "70000"), new Properties()))
        .hasMessageContaining("http.port");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("CONFERO_TURN_ENABLED", "maybe"), new Properties()))
        .hasMessageContaining("turn.enabled");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("CONFERO_DATABASE_MODE", "sqlite"), new Properties()))
        .hasMessageContaining("database.mode");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("CONFERO_API_KEY", "k", "CONFERO_API_SECRET", "short"),
        new Properties())).hasMessageContaining("api.secret");
  }

  @Test
  void unknownKeyInFileStopsStartup() throws Exception {
    Path f = Files.createTempFile("confero", ".properties");
    Files.writeString(f, "http.port = 8080\nhttp.colour = blue\n");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(ConfigLoader.CONFIG_FILE_ENV, f.toString()), new Properties()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("http.colour");
  }

  @Test
  void secretsAreNotPrinted() {
    ConferoConfig c = ConfigLoader.load(Map.of("CONFERO_API_KEY", "key", "CONFERO_API_SECRET", "super-secret-value-123",
        "CONFERO_DATABASE_PASSWORD", "pg-secret-xyz", "CONFERO_TURN_SECRET", "turn-secret-xyz"), new Properties());
    assertThat(c.toString()).doesNotContain("super-secret-value-123", "pg-secret-xyz", "turn-secret-xyz");
  }

  @Test
  void durationsTakeAUnit() {
    assertThat(ConfigLoader.load(Map.of(), new Properties()).signaling().reconnectGrace())
        .isEqualTo(java.time.Duration.ofSeconds(30));
    for (Map.Entry<String, java.time.Duration> e : Map.of("500ms", java.time.Duration.ofMillis(500),
        "45s", java.time.Duration.ofSeconds(45), "2m", java.time.Duration.ofMinutes(2), "1h",
        java.time.Duration.ofHours(1), "0s", java.time.Duration.ZERO).entrySet()) {
      assertThat(ConfigLoader.load(Map.of("CONFERO_SIGNALING_RECONNECT_GRACE", e.getKey()), new Properties())
          .signaling().reconnectGrace()).as(e.getKey()).isEqualTo(e.getValue());
    }
    for (String bad : new String[] {"30", "-1s", "1.5s", "30 sec", ""}) {
      assertThatThrownBy(() -> ConfigLoader.load(Map.of("CONFERO_SIGNALING_RECONNECT_GRACE", bad), new Properties()))
          .as(bad).isInstanceOf(ConfigException.class).hasMessageContaining("signaling.reconnect_grace");
    }
  }

  /** conf/confero.properties documents every key, with its default, and nothing else. */
  @Test
  void confFileDocumentsEveryKeyWithItsDefault() throws Exception {
    Path conf = Path.of(System.getProperty("confero.conf"), "confero.properties");
    String text = Files.readString(conf);
    Map<String, String> inFile = new LinkedHashMap<>();
    Matcher m = Pattern.compile("(?m)^([a-z][a-z0-9_.]+) = ?(.*)$").matcher(text);
    while (m.find()) {
      inFile.put(m.group(1), m.group(2).trim());
    }
    Map<String, String> expected = new LinkedHashMap<>();
    ConfigKeys.ALL.forEach(k -> expected.put(k.name(), k.defaultValue()));
    assertThat(inFile).isEqualTo(expected);
    for (ConfigKey k : ConfigKeys.ALL) {
      assertThat(text).contains("# " + k.description());
    }
  }
}
