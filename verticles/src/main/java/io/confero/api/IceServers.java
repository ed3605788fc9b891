package io.confero.api;

import io.confero.turn.TurnCredentials;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Objects;

/**
 * The {@code ice_servers} of a join response (W3C webrtc-pc, {@code RTCIceServer}): STUN and TURN
 * on Confero's own TURN server, with time-limited credentials in the TURN REST form minted by
 * {@link TurnCredentials#mint} (username {@code <expiry>:<participant>}, password
 * base64(HMAC-SHA1(secret, username))). URLs follow RFC 7064 ({@code stun:}) and RFC 7065
 * ({@code turn:}/{@code turns:}) and carry the ports the TURN server actually bound.
 */
public final class IceServers {
  private final Endpoint endpoint;
  private final String secret;
  private final long ttlSeconds;
  private final Clock clock;

  /**
   * Where clients reach the TURN server.
   *
   * @param host host name or IP literal put in the URLs ({@code turn.public_host})
   * @param udpPort bound UDP port, or -1 when that listener is off
   * @param tcpPort bound TCP port, or -1 when that listener is off
   * @param tlsPort bound TURNS port, or -1 when that listener is off
   */
  public record Endpoint(String host, int udpPort, int tcpPort, int tlsPort) {
    public Endpoint {
      Objects.requireNonNull(host, "host");
    }

    /** The host as it goes into a URL: IPv6 literals in brackets (RFC 7064 section 3.1). */
    String urlHost() {
      return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
  }

  private IceServers(Endpoint endpoint, String secret, long ttlSeconds, Clock clock) {
    this.endpoint = endpoint;
    this.secret = secret;
    this.ttlSeconds = ttlSeconds;
    this.clock = clock;
  }

  /** ICE servers on a running TURN server; credentials valid for {@code ttlSeconds}. */
  public static IceServers turn(Endpoint endpoint, String secret, long ttlSeconds, Clock clock) {
    return new IceServers(Objects.requireNonNull(endpoint, "endpoint"), Objects.requireNonNull(secret, "secret"),
        ttlSeconds, Objects.requireNonNull(clock, "clock"));
  }

  /** No ICE servers (TURN disabled): clients connect with host candidates only. */
  public static IceServers none() {
    return new IceServers(null, null, 0, null);
  }

  /** The {@code ice_servers} array for one seat: the TURN user is {@code <meeting>.<participant>}. */
  public JsonArray forSeat(String meetingId, String participantId) {
    return forParticipant(meetingId + "." + participantId);
  }

  /** The {@code ice_servers} array for one TURN user. */
  public JsonArray forParticipant(String participantId) {
    JsonArray out = new JsonArray();
    if (endpoint == null) {
      return out;
    }
    String host = endpoint.urlHost();
    JsonArray urls = new JsonArray();
    if (endpoint.udpPort() > 0) {
      out.add(new JsonObject().put("urls", new JsonArray().add("stun:" + host + ":" + endpoint.udpPort())));
      urls.add("turn:" + host + ":" + endpoint.udpPort() + "?transport=udp");
    }
    if (endpoint.tcpPort() > 0) {
      urls.add("turn:" + host + ":" + endpoint.tcpPort() + "?transport=tcp");
    }
    if (endpoint.tlsPort() > 0) {
      urls.add("turns:" + host + ":" + endpoint.tlsPort() + "?transport=tcp");
    }
    if (!urls.isEmpty()) {
      TurnCredentials c = TurnCredentials.mint(secret, participantId, clock.instant().getEpochSecond(), ttlSeconds);
      out.add(new JsonObject().put("urls", urls).put("username", c.username()).put("credential", c.password()));
    }
    return out;
  }
}
