package io.confero.turn;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-limited TURN credentials in the "TURN REST API" form (draft-uberti-behave-turn-rest-00,
 * as coturn's {@code --use-auth-secret}): username {@code <expiry-unix-seconds>:<participant>},
 * password {@code base64(HMAC-SHA1(secret, username))}. The TURN server recomputes the password
 * from the username, so nothing is stored.
 */
public record TurnCredentials(String username, String password, long expiresAtEpochSeconds) {

    /** Mints credentials for {@code participantId} valid for {@code ttlSeconds} from {@code nowEpochSeconds}. */
    public static TurnCredentials mint(String secret, String participantId, long nowEpochSeconds, long ttlSeconds) {
        if (participantId == null || participantId.isEmpty() || participantId.indexOf(':') >= 0) {
            throw new IllegalArgumentException("participant id must be non-empty and contain no ':'");
        }
        if (ttlSeconds <= 0) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        long expiry = nowEpochSeconds + ttlSeconds;
        String username = expiry + ":" + participantId;
        return new TurnCredentials(username, password(secret, username), expiry);
    }

    /** {@code base64(HMAC-SHA1(secret, username))}. */
    public static String password(String secret, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }

    /** The expiry (unix seconds) encoded in a REST username, or -1 if it has none. */
    public static long expiryOf(String username) {
        int colon = username.indexOf(':');
        String head = colon < 0 ? username : username.substring(0, colon);
        if (head.isEmpty() || head.length() > 18 || !head.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Long.parseLong(head);
    }

    /**
     * The meeting a REST user belongs to: the part before the '.' of {@code <meeting>.<participant>}
     * (how the join response names a seat), or the whole user when it names no meeting.
     */
    public static String meetingOf(String user) {
        int dot = user.indexOf('.');
        return dot < 0 ? user : user.substring(0, dot);
    }

    /** The participant part of a REST username (after the first ':'), or the whole name. */
    public static String userOf(String username) {
        int colon = username.indexOf(':');
        return colon < 0 ? username : username.substring(colon + 1);
    }

    @Override
    public String toString() {
        return "TurnCredentials[username=" + username + ", password=***]";
    }
}
