package io.confero.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** TURN REST API credentials (draft-uberti-behave-turn-rest-00 §2.2, coturn --use-auth-secret). */
class TurnCredentialsTest {

    @Test
    void mintBuildsExpiryColonParticipantAndBase64HmacSha1Password() {
        TurnCredentials c = TurnCredentials.mint("north", "p-42", 1_700_000_000L, 86400);
        assertThat(c.username()).isEqualTo("1700086400:p-42");
        assertThat(c.expiresAtEpochSeconds()).isEqualTo(1_700_086_400L);
        // echo -n '1700086400:p-42' | openssl dgst -sha1 -hmac north -binary | base64
        assertThat(c.password()).isEqualTo(TurnCredentials.password("north", "1700086400:p-42")).hasSize(28);
        assertThat(TurnCredentials.expiryOf(c.username())).isEqualTo(1_700_086_400L);
        assertThat(TurnCredentials.userOf(c.username())).isEqualTo("p-42");
        assertThat(c.toString()).doesNotContain(c.password());
    }

    @Test
    void knownAnswer() {
        // RFC 2202 test case 2 (HMAC-SHA1, key "Jefe"): effcdf6ae5eb2fa2d27416d5f184df9c259a7c79
        assertThat(TurnCredentials.password("Jefe", "what do ya want for nothing?"))
                .isEqualTo("7/zfauXrL6LSdBbV8YTfnCWafHk=");
    }

    @Test
    void malformedUsernamesHaveNoExpiry() {
        assertThat(TurnCredentials.expiryOf("alice")).isEqualTo(-1);
        assertThat(TurnCredentials.expiryOf(":alice")).isEqualTo(-1);
        assertThat(TurnCredentials.expiryOf("12x:alice")).isEqualTo(-1);
        assertThat(TurnCredentials.expiryOf("99999999999999999999:alice")).isEqualTo(-1);
        assertThatThrownBy(() -> TurnCredentials.mint("s", "a:b", 0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TurnCredentials.mint("s", "a", 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
