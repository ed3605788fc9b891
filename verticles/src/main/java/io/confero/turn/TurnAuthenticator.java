package io.confero.turn;

import io.confero.media.stun.StunCrypto;
import io.confero.media.stun.StunErrorCode;
import io.confero.media.stun.StunMessage;
import io.confero.media.stun.StunParseException;
import io.confero.turn.TurnMetrics.Refusal;

/**
 * Long-term credential checks of RFC 8489 §9.2.4 with REST-style passwords: no
 * MESSAGE-INTEGRITY → 401 with REALM and NONCE; missing USERNAME/REALM/NONCE → 400; bad or
 * expired nonce → 438; expired username, wrong realm or wrong HMAC → 401; credentials of a seat
 * that ended ({@link TurnRevocations}) → 401.
 */
final class TurnAuthenticator {

    sealed interface Result permits Ok, Reject {
    }

    /** Authenticated: the username and the HMAC key for the response's MESSAGE-INTEGRITY. */
    record Ok(String username, byte[] key) implements Result {
    }

    /** Refused; {@code challenge} means the response carries REALM and a fresh NONCE. */
    record Reject(int code, String reason, Refusal refusal, boolean challenge) implements Result {
    }

    private final String realm;
    private final String secret;
    private final TurnNonces nonces;
    private final TurnRevocations revocations;

    TurnAuthenticator(String realm, String secret, TurnNonces nonces, TurnRevocations revocations) {
        this.realm = realm;
        this.secret = secret;
        this.nonces = nonces;
        this.revocations = revocations;
    }

    String realm() {
        return realm;
    }

    String freshNonce(String clientIp, long nowMillis) {
        return nonces.issue(clientIp, nowMillis);
    }

    Result authenticate(StunMessage request, String clientIp, long nowMillis) {
        if (!request.hasMessageIntegrity()) {
            return new Reject(StunErrorCode.UNAUTHENTICATED, "Unauthenticated", Refusal.UNAUTHENTICATED, true);
        }
        String username;
        String reqRealm;
        String nonce;
        try {
            username = request.username();
            reqRealm = request.realm();
            nonce = request.nonce();
        } catch (StunParseException e) {
            return badRequest();
        }
        if (username == null || reqRealm == null || nonce == null) {
            return badRequest();
        }
        TurnNonces.Check check = nonces.check(nonce, clientIp, nowMillis);
        if (check != TurnNonces.Check.VALID) {
            return new Reject(StunErrorCode.STALE_NONCE, "Stale Nonce", Refusal.STALE_NONCE, true);
        }
        long expiry = TurnCredentials.expiryOf(username);
        if (expiry < 0 || expiry * 1000 <= nowMillis) {
            return new Reject(StunErrorCode.UNAUTHENTICATED, "Unauthenticated", Refusal.EXPIRED_CREDENTIALS, true);
        }
        if (!realm.equals(reqRealm)) {
            return new Reject(StunErrorCode.UNAUTHENTICATED, "Unauthenticated", Refusal.BAD_INTEGRITY, true);
        }
        byte[] key = StunCrypto.longTermKey(username, realm, TurnCredentials.password(secret, username));
        if (!request.verifyMessageIntegrity(key)) {
            return new Reject(StunErrorCode.UNAUTHENTICATED, "Unauthenticated", Refusal.BAD_INTEGRITY, true);
        }
        if (revocations.isRevoked(username)) {
            return new Reject(StunErrorCode.UNAUTHENTICATED, "Unauthenticated", Refusal.SEAT_ENDED, true);
        }
        return new Ok(username, key);
    }

    private static Reject badRequest() {
        return new Reject(StunErrorCode.BAD_REQUEST, "Bad Request", Refusal.BAD_REQUEST, false);
    }
}
