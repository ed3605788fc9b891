package io.confero.turn;

import java.util.Objects;

/**
 * Configuration of the TURN server (RFC 8656). Keys in the config file are {@code turn.<field in
 * snake case>}; defaults are in {@link #defaults(String)}.
 *
 * @param enabled                  {@code turn.enabled}: deploy the TURN server at all
 * @param listenHost               {@code turn.listen_host}: address the client-facing listeners bind to
 * @param udpPort                  {@code turn.udp_port}: UDP listener (0 = ephemeral, -1 = off)
 * @param tcpPort                  {@code turn.tcp_port}: TCP listener (0 = ephemeral, -1 = off)
 * @param tlsPort                  {@code turn.tls_port}: TURNS (TLS over TCP) listener; 0 (or -1) = off
 * @param tlsCertPath              {@code turn.tls_cert_path}: PEM certificate chain; empty = self-signed
 * @param tlsKeyPath               {@code turn.tls_key_path}: PEM private key; empty = self-signed
 * @param realm                    {@code turn.realm}: REALM of the long-term credentials
 * @param secret                   {@code turn.secret}: shared secret of the REST credentials
 * @param relayHost                {@code turn.relay_host}: IPv4 address relayed sockets bind to and announce
 * @param allowLoopbackPeers       {@code turn.allow_loopback_peers}: permit 127.0.0.0/8 and ::1 peers
 * @param allowPrivatePeers        {@code turn.allow_private_peers}: permit RFC 1918 / ULA / CGNAT / link-local peers
 * @param maxAllocations           {@code turn.max_allocations}: allocations on this server
 * @param maxAllocationsPerUser    {@code turn.max_allocations_per_user}: allocations per participant
 * @param bandwidthBytesPerSecond  {@code turn.bandwidth_bytes_per_second}: relay cap per allocation, 0 = none
 * @param credentialTtlSeconds     {@code turn.credential_ttl_seconds}: validity of minted credentials
 * @param maxAllocationsPerMeeting {@code turn.max_allocations_per_meeting}: allocations of all the seats of one meeting
 *                                 (credentials name {@code <meeting>.<participant>}; a user without a meeting counts alone)
 */
public record TurnConfig(boolean enabled, String listenHost, int udpPort, int tcpPort, int tlsPort,
                         String tlsCertPath, String tlsKeyPath, String realm, String secret, String relayHost,
                         boolean allowLoopbackPeers, boolean allowPrivatePeers, int maxAllocations,
                         int maxAllocationsPerUser, long bandwidthBytesPerSecond, long credentialTtlSeconds,
                         int maxAllocationsPerMeeting) {

    public static final int DEFAULT_PORT = 3478;

    /** A server whose meetings are bounded only by {@code maxAllocations}. */
    public TurnConfig(boolean enabled, String listenHost, int udpPort, int tcpPort, int tlsPort,
                      String tlsCertPath, String tlsKeyPath, String realm, String secret, String relayHost,
                      boolean allowLoopbackPeers, boolean allowPrivatePeers, int maxAllocations,
                      int maxAllocationsPerUser, long bandwidthBytesPerSecond, long credentialTtlSeconds) {
        this(enabled, listenHost, udpPort, tcpPort, tlsPort, tlsCertPath, tlsKeyPath, realm, secret, relayHost,
                allowLoopbackPeers, allowPrivatePeers, maxAllocations, maxAllocationsPerUser, bandwidthBytesPerSecond,
                credentialTtlSeconds, maxAllocations);
    }

    public TurnConfig {
        Objects.requireNonNull(listenHost, "turn.listen_host");
        Objects.requireNonNull(realm, "turn.realm");
        Objects.requireNonNull(secret, "turn.secret");
        Objects.requireNonNull(relayHost, "turn.relay_host");
        tlsCertPath = tlsCertPath == null ? "" : tlsCertPath;
        tlsKeyPath = tlsKeyPath == null ? "" : tlsKeyPath;
        requirePort("turn.udp_port", udpPort);
        requirePort("turn.tcp_port", tcpPort);
        requirePort("turn.tls_port", tlsPort);
        require(!realm.isBlank() && realm.length() <= 127, "turn.realm must be 1..127 characters");
        require(!enabled || secret.length() >= 16, "turn.secret must be at least 16 characters");
        require(IpLiterals.isIpv4Literal(relayHost), "turn.relay_host must be an IPv4 literal: " + relayHost);
        require(IpLiterals.isIpLiteral(listenHost), "turn.listen_host must be an IP literal: " + listenHost);
        require(tlsCertPath.isEmpty() == tlsKeyPath.isEmpty(), "turn.tls_cert_path and turn.tls_key_path go together");
        require(maxAllocations >= 1, "turn.max_allocations must be >= 1");
        require(maxAllocationsPerUser >= 1, "turn.max_allocations_per_user must be >= 1");
        require(maxAllocationsPerMeeting >= 1, "turn.max_allocations_per_meeting must be >= 1");
        require(bandwidthBytesPerSecond >= 0, "turn.bandwidth_bytes_per_second must be >= 0");
        require(credentialTtlSeconds >= 60 && credentialTtlSeconds <= 30L * 86400,
                "turn.credential_ttl_seconds must be 60..2592000");
    }

    /** All defaults, with the given shared secret (which has no default). */
    public static TurnConfig defaults(String secret) {
        return new TurnConfig(true, "0.0.0.0", DEFAULT_PORT, DEFAULT_PORT, 0, "", "", "confero", secret,
                "127.0.0.1", false, false, 1000, 10, 0, 86400);
    }

    public boolean tlsEnabled() {
        return tlsPort > 0;
    }

    public TurnConfig withPorts(int udp, int tcp, int tls) {
        return new TurnConfig(enabled, listenHost, udp, tcp, tls, tlsCertPath, tlsKeyPath, realm, secret, relayHost,
                allowLoopbackPeers, allowPrivatePeers, maxAllocations, maxAllocationsPerUser,
                bandwidthBytesPerSecond, credentialTtlSeconds, maxAllocationsPerMeeting);
    }

    public TurnConfig withListenHost(String host) {
        return new TurnConfig(enabled, host, udpPort, tcpPort, tlsPort, tlsCertPath, tlsKeyPath, realm, secret, relayHost,
                allowLoopbackPeers, allowPrivatePeers, maxAllocations, maxAllocationsPerUser,
                bandwidthBytesPerSecond, credentialTtlSeconds, maxAllocationsPerMeeting);
    }

    public TurnConfig withPeerPolicy(boolean loopback, boolean privatePeers) {
        return new TurnConfig(enabled, listenHost, udpPort, tcpPort, tlsPort, tlsCertPath, tlsKeyPath, realm, secret,
                relayHost, loopback, privatePeers, maxAllocations, maxAllocationsPerUser,
                bandwidthBytesPerSecond, credentialTtlSeconds, maxAllocationsPerMeeting);
    }

    public TurnConfig withQuotas(int max, int perUser, long bandwidth) {
        return new TurnConfig(enabled, listenHost, udpPort, tcpPort, tlsPort, tlsCertPath, tlsKeyPath, realm, secret,
                relayHost, allowLoopbackPeers, allowPrivatePeers, max, perUser, bandwidth, credentialTtlSeconds,
                maxAllocationsPerMeeting);
    }

    public TurnConfig withMeetingQuota(int perMeeting) {
        return new TurnConfig(enabled, listenHost, udpPort, tcpPort, tlsPort, tlsCertPath, tlsKeyPath, realm, secret,
                relayHost, allowLoopbackPeers, allowPrivatePeers, maxAllocations, maxAllocationsPerUser,
                bandwidthBytesPerSecond, credentialTtlSeconds, perMeeting);
    }

    private static void requirePort(String key, int port) {
        require(port >= -1 && port <= 65535, key + " must be -1..65535");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    @Override
    public String toString() {
        return "TurnConfig[enabled=" + enabled + ", listen=" + listenHost + ", udp=" + udpPort + ", tcp=" + tcpPort
                + ", tls=" + tlsPort + ", realm=" + realm + ", relayHost=" + relayHost + ", secret=***]";
    }
}
