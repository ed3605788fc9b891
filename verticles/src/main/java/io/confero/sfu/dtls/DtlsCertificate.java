package io.confero.sfu.dtls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;

/**
 * A self-signed ECDSA P-256 certificate (SHA256withECDSA) for DTLS-SRTP, identified in SDP by its
 * SHA-256 fingerprint (RFC 8122 §5, RFC 5763 §5). Immutable; one per SFU worker is enough.
 */
public final class DtlsCertificate {
    private static final Duration BACKDATE = Duration.ofDays(1);
    private static final Duration VALIDITY = Duration.ofDays(30);

    private final byte[] der;
    private final AsymmetricKeyParameter privateKey;
    private final String fingerprint;

    private DtlsCertificate(byte[] der, AsymmetricKeyParameter privateKey) {
        this.der = der;
        this.privateKey = privateKey;
        this.fingerprint = fingerprintOf(der);
    }

    /** Generates a fresh key pair and certificate valid from a day ago for 30 days. */
    public static DtlsCertificate generate(SecureRandom random, Clock clock) {
        Objects.requireNonNull(random, "random");
        X9ECParameters x9 = ECNamedCurveTable.getByName("P-256");
        ECNamedDomainParameters domain = new ECNamedDomainParameters(SECObjectIdentifiers.secp256r1, x9);
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(domain, random));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        try {
            SubjectPublicKeyInfo spki = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(pair.getPublic());
            X500Name name = new X500Name("CN=confero");
            Instant now = clock.instant();
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(name,
                    new BigInteger(63, random).add(BigInteger.ONE), Date.from(now.minus(BACKDATE)),
                    Date.from(now.plus(VALIDITY)), name, spki);
            AlgorithmIdentifier sigAlg = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
            AlgorithmIdentifier digAlg = new DefaultDigestAlgorithmIdentifierFinder().find(sigAlg);
            byte[] der = builder.build(new BcECContentSignerBuilder(sigAlg, digAlg).build(pair.getPrivate()))
                    .getEncoded();
            return new DtlsCertificate(der, pair.getPrivate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("ECDSA signer unavailable", e);
        }
    }

    /** {@link #generate(SecureRandom, Clock)} with a new SecureRandom and the system clock. */
    public static DtlsCertificate generate() {
        return generate(new SecureRandom(), Clock.systemUTC());
    }

    /** The SDP fingerprint value: uppercase hex pairs joined by colons, e.g. {@code "AB:CD:..."}. */
    public String fingerprintSha256() {
        return fingerprint;
    }

    /** The DER encoding of the certificate. */
    public byte[] encoded() {
        return der.clone();
    }

    AsymmetricKeyParameter privateKey() {
        return privateKey;
    }

    /** SHA-256 fingerprint of a DER certificate in SDP notation (RFC 8122 §5). */
    public static String fingerprintOf(byte[] der) {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(sha256(der));
    }

    /**
     * Parses an SDP fingerprint value ("AB:CD:..", case-insensitive) into its 32 bytes.
     *
     * @throws IllegalArgumentException if it is not 32 colon-separated hex pairs
     */
    public static byte[] parseFingerprint(String value) {
        Objects.requireNonNull(value, "fingerprint");
        String trimmed = value.trim().toUpperCase(Locale.ROOT);
        if (trimmed.length() != 32 * 3 - 1) {
            throw new IllegalArgumentException("not a sha-256 fingerprint: " + value);
        }
        return HexFormat.ofDelimiter(":").parseHex(trimmed);
    }

    /** Constant-time comparison of a DER certificate's SHA-256 digest against expected bytes. */
    static boolean matches(byte[] der, byte[] expectedSha256) {
        return MessageDigest.isEqual(sha256(der), expectedSha256);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
