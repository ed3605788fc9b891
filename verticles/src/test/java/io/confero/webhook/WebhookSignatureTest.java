package io.confero.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Confero-Signature scheme: HMAC-SHA256 over "t.body", hex, one v1= per live secret. */
class WebhookSignatureTest {
  static final byte[] BODY = "{\"id\":\"e1\",\"type\":\"meeting.created\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void knownVectorMatchesOpenssl() {
    // printf '%s' '1700000000.{"id":"e1","type":"meeting.created"}' | openssl dgst -sha256 -hmac whsec_test
    assertThat(WebhookSignature.hmacHex("whsec_test", 1700000000L, BODY))
        .isEqualTo("6bb7ee28c620ea7b14b092bec76047dd178fef2ff8d96a829ce9b6aa0e64fab4");
  }

  @Test
  void headerCarriesOneEntryPerSecret() {
    String h = WebhookSignature.header(1700000000L, BODY, List.of("new", "old"));
    assertThat(h).isEqualTo("t=1700000000,v1=" + WebhookSignature.hmacHex("new", 1700000000L, BODY)
        + ",v1=" + WebhookSignature.hmacHex("old", 1700000000L, BODY));
    assertThat(WebhookSignature.verify(h, BODY, "new", 1700000010L, 300)).isTrue();
    assertThat(WebhookSignature.verify(h, BODY, "old", 1700000010L, 300)).isTrue();
  }

  @Test
  void forgeriesAreDetected() {
    String h = WebhookSignature.header(1700000000L, BODY, List.of("secret"));
    assertThat(WebhookSignature.verify(h, BODY, "other", 1700000000L, 300)).as("wrong secret").isFalse();
    byte[] tampered = BODY.clone();
    tampered[3] ^= 1;
    assertThat(WebhookSignature.verify(h, tampered, "secret", 1700000000L, 300)).as("tampered body").isFalse();
    String movedT = h.replace("t=1700000000", "t=1700000001");
    assertThat(WebhookSignature.verify(movedT, BODY, "secret", 1700000000L, 300)).as("changed t").isFalse();
    assertThat(WebhookSignature.verify(h, BODY, "secret", 1700000301L, 300)).as("replayed too late").isFalse();
    assertThat(WebhookSignature.verify("t=abc,v1=00", BODY, "secret", 0, 300)).isFalse();
    assertThat(WebhookSignature.verify("v1=00", BODY, "secret", 0, 300)).isFalse();
    assertThat(WebhookSignature.verify(null, BODY, "secret", 0, 300)).isFalse();
  }
}
