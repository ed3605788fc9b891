package io.confero.sfu.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.confero.media.srtp.SrtpKeys;
import io.confero.media.srtp.SrtpProfile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Interop with an independent DTLS-SRTP implementation, OpenSSL's {@code s_server}/{@code s_client}
 * (RFC 5764): over loopback UDP both must agree on the SRTP profile and on the exported keying
 * material, which OpenSSL prints ({@code -keymatexport EXTRACTOR-dtls_srtp}). Skipped where no
 * {@code /usr/bin/openssl} exists.
 */
class OpensslDtlsInteropTest {
    private static final Path OPENSSL = Path.of("/usr/bin/openssl");
    private static final Map<SrtpProfile, String> NAMES = Map.of(
            SrtpProfile.AES_CM_128_HMAC_SHA1_80, "SRTP_AES128_CM_SHA1_80",
            SrtpProfile.AEAD_AES_128_GCM, "SRTP_AEAD_AES_128_GCM",
            SrtpProfile.AEAD_AES_256_GCM, "SRTP_AEAD_AES_256_GCM");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void weAreClientOfOpensslServer(SrtpProfile profile) throws Exception {
        assumeTrue(Files.isExecutable(OPENSSL), "openssl not installed");
        DtlsCertificate theirs = writePem(DtlsCertificate.generate());
        int port = freeUdpPort();
        Process openssl = start(List.of(OPENSSL.toString(), "s_server", "-dtls1_2", "-accept", "127.0.0.1:" + port,
                "-cert", dir.resolve("cert.pem").toString(), "-key", dir.resolve("key.pem").toString(),
                "-verify", "1", "-mtu", "1200", "-use_srtp", NAMES.get(profile),
                "-keymatexport", "EXTRACTOR-dtls_srtp", "-keymatexportlen", String.valueOf(profile.exporterLength())));
        runHandshake(openssl, DtlsRole.CLIENT, theirs, new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                profile);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void weAreServerOfOpensslClient(SrtpProfile profile) throws Exception {
        assumeTrue(Files.isExecutable(OPENSSL), "openssl not installed");
        DtlsCertificate theirs = writePem(DtlsCertificate.generate());
        runHandshake(null, DtlsRole.SERVER, theirs, null, profile);
    }

    private void runHandshake(Process server, DtlsRole role, DtlsCertificate theirs, InetSocketAddress remote,
                              SrtpProfile profile) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Recorder events = new Recorder();
        Process openssl = server;
        try (UdpPeer udp = new UdpPeer(remote)) {
            DtlsEndpoint ours = new DtlsEndpoint(role, DtlsCertificate.generate(), theirs.fingerprintSha256(),
                    DtlsOptions.defaults(), udp::send, pool, events);
            udp.onReceive(ours::deliver);
            ours.start();
            if (openssl == null) {
                openssl = start(List.of(OPENSSL.toString(), "s_client", "-dtls1_2",
                        "-connect", "127.0.0.1:" + udp.port(), "-cert", dir.resolve("cert.pem").toString(),
                        "-key", dir.resolve("key.pem").toString(), "-mtu", "1200", "-use_srtp", NAMES.get(profile),
                        "-keymatexport", "EXTRACTOR-dtls_srtp",
                        "-keymatexportlen", String.valueOf(profile.exporterLength())));
            }
            OpensslOutput out = new OpensslOutput(openssl);
            SrtpKeys keys = events.keys();
            String material = out.keyingMaterial.get(20, TimeUnit.SECONDS);
            assertThat(out.negotiated.get(20, TimeUnit.SECONDS)).isEqualTo(NAMES.get(profile));
            assertThat(keys.profile()).isEqualTo(profile);
            assertThat(SrtpKeys.fromExporter(profile, HexFormat.of().parseHex(material))).isEqualTo(keys);
            ours.close();
        } finally {
            if (openssl != null) {
                openssl.destroy();
                openssl.waitFor(10, TimeUnit.SECONDS);
            }
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private Process start(List<String> command) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private DtlsCertificate writePem(DtlsCertificate cert) throws IOException {
        Base64.Encoder mime = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\n"
                + mime.encodeToString(cert.encoded()) + "\n-----END CERTIFICATE-----\n");
        byte[] pkcs8 = PrivateKeyInfoFactory.createPrivateKeyInfo(cert.privateKey()).getEncoded();
        Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + mime.encodeToString(pkcs8) + "\n-----END PRIVATE KEY-----\n");
        return cert;
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Scrapes what s_server/s_client print about the negotiated SRTP profile and exported key. */
    private static final class OpensslOutput {
        final CompletableFuture<String> keyingMaterial = new CompletableFuture<>();
        final CompletableFuture<String> negotiated = new CompletableFuture<>();
        final List<String> lines = new ArrayList<>();

        OpensslOutput(Process process) {
            Thread t = new Thread(() -> read(process), "openssl-output");
            t.setDaemon(true);
            t.start();
        }

        private void read(Process process) {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    String trimmed = line.trim();
                    if (trimmed.startsWith("Keying material: ")) {
                        keyingMaterial.complete(trimmed.substring("Keying material: ".length()).trim());
                    }
                    if (trimmed.startsWith("SRTP Extension negotiated, profile=")) {
                        negotiated.complete(trimmed.substring("SRTP Extension negotiated, profile=".length()).trim());
                    }
                }
            } catch (IOException e) {
                keyingMaterial.completeExceptionally(e);
            }
            String all;
            synchronized (lines) {
                all = String.join("\n", lines);
            }
            keyingMaterial.completeExceptionally(new IllegalStateException("openssl ended:\n" + all));
            negotiated.completeExceptionally(new IllegalStateException("openssl ended:\n" + all));
        }
    }
}
