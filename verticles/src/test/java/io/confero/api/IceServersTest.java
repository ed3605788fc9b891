package io.confero.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.turn.TurnCredentials;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The join response's {@code ice_servers}: RFC 7064/7065 URLs on the bound ports, TURN REST credentials. */
class IceServersTest {
  static final String SECRET = "ice-servers-secret-0123456789";
  static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
  static final String PARTICIPANT = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

  @Test
  void stunAndTurnUrlsCarryTheBoundPorts() {
    JsonArray ice = IceServers.turn(new IceServers.Endpoint("turn.example.com", 40001, 40002, -1), SECRET, 3600, CLOCK)
        .forParticipant(PARTICIPANT);
    assertThat(ice).hasSize(2);
    assertThat(ice.getJsonObject(0).getJsonArray("urls")).containsExactly("stun:turn.example.com:40001");
    assertThat(ice.getJsonObject(0).containsKey("username")).isFalse();
    assertThat(ice.getJsonObject(1).getJsonArray("urls")).containsExactly(
        "turn:turn.example.com:40001?transport=udp", "turn:turn.example.com:40002?transport=tcp");
  }

  @Test
  void credentialsAreTheTurnServersRestCredentials() {
    JsonObject turn = IceServers.turn(new IceServers.Endpoint("127.0.0.1", 3478, 3478, -1), SECRET, 3600, CLOCK)
        .forParticipant(PARTICIPANT).getJsonObject(1);
    TurnCredentials expected = TurnCredentials.mint(SECRET, PARTICIPANT, CLOCK.instant().getEpochSecond(), 3600);
    assertThat(turn.getString("username")).isEqualTo("1700003600:" + PARTICIPANT).isEqualTo(expected.username());
    assertThat(turn.getString("credential")).isEqualTo(expected.password())
        .isEqualTo(TurnCredentials.password(SECRET, expected.username()));
    assertThat(TurnCredentials.expiryOf(turn.getString("username"))).isEqualTo(1_700_003_600L);
  }

  @Test
  void turnsUrlOnlyWhenTlsListens() {
    JsonArray urls = IceServers.turn(new IceServers.Endpoint("turn.example.com", 3478, 3478, 443), SECRET, 3600, CLOCK)
        .forParticipant(PARTICIPANT).getJsonObject(1).getJsonArray("urls");
    assertThat(urls).contains("turns:turn.example.com:443?transport=tcp");
  }

  @Test
  void ipv6HostIsBracketed() {
    JsonArray ice = IceServers.turn(new IceServers.Endpoint("2001:db8::1", 3478, -1, -1), SECRET, 3600, CLOCK)
        .forParticipant(PARTICIPANT);
    assertThat(ice.getJsonObject(0).getJsonArray("urls")).containsExactly("stun:[2001:db8::1]:3478");
    assertThat(ice.getJsonObject(1).getJsonArray("urls")).containsExactly("turn:[2001:db8::1]:3478?transport=udp");
  }

  @Test
  void tcpOnlyServerHasNoStunUrl() {
    JsonArray ice = IceServers.turn(new IceServers.Endpoint("turn.example.com", -1, 3478, -1), SECRET, 3600, CLOCK)
        .forParticipant(PARTICIPANT);
    assertThat(ice).hasSize(1);
    assertThat(ice.getJsonObject(0).getJsonArray("urls")).containsExactly("turn:turn.example.com:3478?transport=tcp");
  }

  @Test
  void noneIsEmpty() {
    assertThat(IceServers.none().forParticipant(PARTICIPANT)).isEmpty();
  }
}
