package io.confero.api;

import io.confero.config.ConferoConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code ice_servers} of a join response: STUN and TURN on Confero's own TURN server, with
 * time-limited credentials in the TURN REST form (username {@code <expiry>:<participant>},
 * password base64(HMAC-SHA1(secret, username))).
 */
public final class IceServers {
  private final ConferoConfig.Turn turn;
  private final byte[] secret;
  private final Clock clock;

  public IceServers(ConferoConfig.Turn turn, String secret, Clock clock) {
    this.turn = turn;
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.clock = clock;
  }

  public JsonArray forParticipant(String participantId) {
    JsonArray out = new JsonArray();
    if (!turn.enabled()) {
      return out;
    }
    String host = turn.publicHost().contains(":") ? "[" + turn.publicHost() + "]" : turn.publicHost();
    out.add(new JsonObject().put("urls", new JsonArray().add("stun:" + host + ":" + turn.udpPort())));
    long expiry = clock.instant().getEpochSecond() + turn.credentialTtlSeconds();
    String username = expiry + ":" + participantId;
    JsonArray urls = new JsonArray()
        .add("turn:" + host + ":" + turn.udpPort() + "?transport=udp")
        .add("turn:" + host + ":" + turn.tcpPort() + "?transport=tcp");
    if (turn.tlsPort() > 0) {
      urls.add("turns:" + host + ":" + turn.tlsPort() + "?transport=tcp");
    }
    out.add(new JsonObject().put("urls", urls).put("username", username).put("credential", password(username)));
    return out;
  }

  String password(String username) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret, "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }
}
