package io.confero.sfu.dtls;

import io.confero.media.srtp.SrtpKeys;
import io.confero.media.srtp.SrtpProfile;
import java.io.IOException;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.function.Consumer;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * What the DTLS client and server peers share for DTLS-SRTP (RFC 5764, RFC 5763): the use_srtp
 * profile negotiation (§4.1.2), the peer fingerprint check (RFC 5763 §5), our ECDSA credentials and
 * the exporter key split (§4.2). One instance per handshake.
 */
final class SrtpNegotiation {
    /** ECDHE_ECDSA AEAD suites, in preference order (what Chromium negotiates, see TESTING-WEBRTC.md). */
    static final int[] CIPHER_SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
    };

    private final DtlsCertificate certificate;
    private final byte[] expectedFingerprint;
    private final DtlsOptions options;
    private final Consumer<SrtpKeys> onKeys;
    private volatile SrtpProfile chosen;
    private volatile String failureReason;

    SrtpNegotiation(DtlsCertificate certificate, byte[] expectedFingerprint, DtlsOptions options,
                    Consumer<SrtpKeys> onKeys) {
        this.certificate = certificate;
        this.expectedFingerprint = expectedFingerprint.clone();
        this.options = options;
        this.onKeys = onKeys;
    }

    DtlsOptions options() {
        return options;
    }

    /** Why we aborted the handshake ourselves, or null. */
    String failureReason() {
        return failureReason;
    }

    /** Our certificate and P-256 key as BC signer credentials (ecdsa_secp256r1_sha256). */
    TlsCredentialedSigner signer(TlsContext context, BcTlsCrypto crypto) throws IOException {
        TlsCertificate tlsCert = crypto.createCertificate(certificate.encoded());
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto,
                certificate.privateKey(), new Certificate(new TlsCertificate[] {tlsCert}),
                SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }

    /** RFC 5763 §5: the end-entity certificate's SHA-256 must equal the SDP fingerprint. */
    void verifyPeer(Certificate chain) throws IOException {
        if (chain == null || chain.isEmpty()) {
            throw abort(AlertDescription.handshake_failure, "peer sent no certificate");
        }
        if (!DtlsCertificate.matches(chain.getCertificateAt(0).getEncoded(), expectedFingerprint)) {
            throw abort(AlertDescription.bad_certificate, "peer certificate fingerprint mismatch");
        }
    }

    /** Client side: our use_srtp offer (RFC 5764 §4.1.1) added to the ClientHello extensions. */
    void addOffer(Hashtable<Integer, byte[]> extensions) throws IOException {
        int[] ids = options.profiles().stream().mapToInt(SrtpProfile::protectionProfileId).toArray();
        TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(ids, TlsUtils.EMPTY_BYTES));
    }

    /** Server side: picks our most preferred profile among the client's offer (RFC 5764 §4.1.1). */
    void chooseFromOffer(Hashtable<?, ?> clientExtensions) throws IOException {
        UseSRTPData offer = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
        if (offer == null) {
            throw abort(AlertDescription.handshake_failure, "client did not offer use_srtp");
        }
        int[] offered = offer.getProtectionProfiles();
        for (SrtpProfile p : options.profiles()) {
            if (Arrays.stream(offered).anyMatch(id -> id == p.protectionProfileId())) {
                chosen = p;
                return;
            }
        }
        throw abort(AlertDescription.handshake_failure, "no common SRTP profile");
    }

    /** Server side: the single chosen profile for the ServerHello. */
    void addChoice(Hashtable<Integer, byte[]> extensions) throws IOException {
        TlsSRTPUtils.addUseSRTPExtension(extensions,
                new UseSRTPData(new int[] {chosen.protectionProfileId()}, TlsUtils.EMPTY_BYTES));
    }

    /** Client side: the server must pick exactly one profile we offered (RFC 5764 §4.1.1). */
    void acceptChoice(Hashtable<?, ?> serverExtensions) throws IOException {
        UseSRTPData choice = TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
        if (choice == null || choice.getProtectionProfiles().length != 1) {
            throw abort(AlertDescription.illegal_parameter, "server did not choose one SRTP profile");
        }
        SrtpProfile p = SrtpProfile.fromId(choice.getProtectionProfiles()[0]);
        if (p == null || !options.profiles().contains(p)) {
            throw abort(AlertDescription.illegal_parameter, "server chose an SRTP profile we did not offer");
        }
        chosen = p;
    }

    /** RFC 5764 §4.2: exports and splits the SRTP keys, then hands them on; called in notifyHandshakeComplete. */
    void complete(TlsContext context) throws IOException {
        SrtpProfile profile = chosen;
        if (profile == null) {
            throw abort(AlertDescription.internal_error, "no SRTP profile negotiated");
        }
        byte[] material = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, profile.exporterLength());
        SrtpKeys keys = SrtpKeys.fromExporter(profile, material);
        Arrays.fill(material, (byte) 0);
        onKeys.accept(keys);
    }

    private TlsFatalAlert abort(short alert, String reason) {
        failureReason = reason;
        return new TlsFatalAlert(alert, reason);
    }
}
