package io.confero.turn;

import io.confero.media.stun.StunAttributeType;
import io.confero.media.stun.StunClass;
import io.confero.media.stun.StunMessage;
import io.confero.media.stun.StunMessageBuilder;
import java.util.function.Consumer;

/**
 * Builds and sends responses to one request (RFC 8489 §6.3): same method and transaction id,
 * MESSAGE-INTEGRITY when the request was authenticated (§9.2.4), FINGERPRINT when the request
 * carried one (§7.3 of RFC 8489 leaves it to usage; coturn and browsers expect the echo).
 */
final class TurnResponder {
    private final StunMessage request;
    private final ClientChannel client;
    private byte[] key;

    TurnResponder(StunMessage request, ClientChannel client) {
        this.request = request;
        this.client = client;
    }

    /** Sign subsequent responses with {@code key} (the request's long-term key). */
    void authenticated(byte[] key) {
        this.key = key;
    }

    StunMessage request() {
        return request;
    }

    ClientChannel client() {
        return client;
    }

    void success(Consumer<StunMessageBuilder> attributes) {
        send(StunClass.SUCCESS_RESPONSE, attributes);
    }

    void error(int code, String reason) {
        send(StunClass.ERROR_RESPONSE, b -> b.addErrorCode(code, reason));
    }

    void error(int code, String reason, Consumer<StunMessageBuilder> more) {
        send(StunClass.ERROR_RESPONSE, b -> {
            b.addErrorCode(code, reason);
            more.accept(b);
        });
    }

    private void send(StunClass cls, Consumer<StunMessageBuilder> attributes) {
        StunMessageBuilder b = new StunMessageBuilder(request.method(), cls, request.transactionId());
        attributes.accept(b);
        if (key != null) {
            b.addMessageIntegrity(key);
        }
        if (request.has(StunAttributeType.FINGERPRINT)) {
            b.addFingerprint();
        }
        byte[] out = b.build();
        client.send(out, 0, out.length);
    }
}
