package io.confero.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Validation of {@link TurnConfig} in its compact constructor. */
class TurnConfigTest {
    private static final String SECRET = "0123456789abcdef";

    @Test
    void defaults() {
        TurnConfig c = TurnConfig.defaults(SECRET);
        assertThat(c.enabled()).isTrue();
        assertThat(c.listenHost()).isEqualTo("0.0.0.0");
        assertThat(c.udpPort()).isEqualTo(3478);
        assertThat(c.tcpPort()).isEqualTo(3478);
        assertThat(c.tlsPort()).isZero();
        assertThat(c.tlsEnabled()).isFalse();
        assertThat(c.withPorts(3478, 3478, 5349).tlsEnabled()).isTrue();
        assertThat(c.realm()).isEqualTo("confero");
        assertThat(c.relayHost()).isEqualTo("127.0.0.1");
        assertThat(c.allowLoopbackPeers()).isFalse();
        assertThat(c.allowPrivatePeers()).isFalse();
        assertThat(c.maxAllocations()).isEqualTo(1000);
        assertThat(c.maxAllocationsPerUser()).isEqualTo(10);
        assertThat(c.bandwidthBytesPerSecond()).isZero();
        assertThat(c.credentialTtlSeconds()).isEqualTo(86400);
        assertThat(c.toString()).doesNotContain(SECRET);
    }

    @Test
    void invalidValuesAreRejected() {
        TurnConfig d = TurnConfig.defaults(SECRET);
        assertThatThrownBy(() -> TurnConfig.defaults("short")).hasMessageContaining("turn.secret");
        assertThatThrownBy(() -> d.withPorts(70000, 1, 1)).hasMessageContaining("turn.udp_port");
        assertThatThrownBy(() -> d.withListenHost("example.org")).hasMessageContaining("turn.listen_host");
        assertThatThrownBy(() -> d.withQuotas(0, 1, 0)).hasMessageContaining("turn.max_allocations");
        assertThatThrownBy(() -> d.withQuotas(1, 0, 0)).hasMessageContaining("turn.max_allocations_per_user");
        assertThatThrownBy(() -> d.withQuotas(1, 1, -1)).hasMessageContaining("turn.bandwidth_bytes_per_second");
        assertThatThrownBy(() -> new TurnConfig(true, "0.0.0.0", 1, 1, 1, "cert.pem", "", "confero", SECRET,
                "127.0.0.1", false, false, 1, 1, 0, 86400)).hasMessageContaining("turn.tls_cert_path");
        assertThatThrownBy(() -> new TurnConfig(true, "0.0.0.0", 1, 1, 1, "", "", "confero", SECRET,
                "relay.example.org", false, false, 1, 1, 0, 86400)).hasMessageContaining("turn.relay_host");
        assertThatThrownBy(() -> new TurnConfig(true, "0.0.0.0", 1, 1, 1, "", "", "", SECRET,
                "127.0.0.1", false, false, 1, 1, 0, 86400)).hasMessageContaining("turn.realm");
        assertThatThrownBy(() -> new TurnConfig(true, "0.0.0.0", 1, 1, 1, "", "", "confero", SECRET,
                "127.0.0.1", false, false, 1, 1, 0, 10)).hasMessageContaining("turn.credential_ttl_seconds");
        assertThat(new TurnConfig(false, "::", 1, 1, -1, "", "", "confero", "", "127.0.0.1", false, false, 1, 1, 0, 60)
                .enabled()).isFalse();
    }
}
