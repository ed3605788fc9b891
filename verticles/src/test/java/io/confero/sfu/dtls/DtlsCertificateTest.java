package io.confero.sfu.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** Self-signed P-256 certificate and its SDP fingerprint (RFC 8122 §5, RFC 5763 §5). */
class DtlsCertificateTest {

    @Test
    void generatesSelfSignedP256WithSha256Ecdsa() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
        DtlsCertificate cert = DtlsCertificate.generate(new SecureRandom(), clock);
        X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(cert.encoded()));
        assertThat(x509.getSigAlgName()).isEqualToIgnoringCase("SHA256withECDSA");
        assertThat(((ECPublicKey) x509.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        x509.verify(x509.getPublicKey());
        assertThat(x509.getNotBefore().toInstant()).isBefore(clock.instant());
        assertThat(x509.getNotAfter().toInstant()).isAfter(clock.instant());
    }

    @Test
    void fingerprintIsUppercaseColonHexOfTheDerSha256() throws Exception {
        DtlsCertificate cert = DtlsCertificate.generate();
        String fp = cert.fingerprintSha256();
        assertThat(fp).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.encoded());
        assertThat(fp.replace(":", "")).isEqualTo(HexFormat.of().withUpperCase().formatHex(digest));
        assertThat(DtlsCertificate.parseFingerprint(fp.toLowerCase())).isEqualTo(digest);
        assertThat(DtlsCertificate.matches(cert.encoded(), digest)).isTrue();
    }

    @Test
    void malformedFingerprintsAreRejected() {
        assertThatThrownBy(() -> DtlsCertificate.parseFingerprint("AB:CD")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DtlsCertificate.parseFingerprint("ZZ" + ":00".repeat(31)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
