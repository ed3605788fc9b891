package io.confero.sfu.dtls;

import java.io.IOException;
import java.util.Hashtable;
import java.util.Vector;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The DTLS 1.2 server side of DTLS-SRTP (RFC 5764 §4.1, RFC 6347). BC 1.84 has no DTLS 1.3 server, so
 * only DTLS 1.2 is offered; Chromium falls back to it.
 */
final class SrtpDtlsServer extends DefaultTlsServer {
    private final SrtpNegotiation negotiation;

    SrtpDtlsServer(BcTlsCrypto crypto, SrtpNegotiation negotiation) {
        super(crypto);
        this.negotiation = negotiation;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), SrtpNegotiation.CIPHER_SUITES);
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return negotiation.options().handshakeTimeoutMillis();
    }

    @Override
    public int getHandshakeResendTimeMillis() {
        return negotiation.options().initialRetransmitMillis();
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
        return negotiation.signer(context, (BcTlsCrypto) getCrypto());
    }

    /** RFC 5763 §5: the client must present the certificate its SDP fingerprint names. */
    @Override
    public CertificateRequest getCertificateRequest() {
        short[] types = {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign};
        Vector<?> algorithms = TlsUtils.getDefaultSupportedSignatureAlgorithms(context);
        return new CertificateRequest(types, algorithms, null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        negotiation.verifyPeer(clientCertificate);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        negotiation.chooseFromOffer(clientExtensions);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getServerExtensions() throws IOException {
        Hashtable extensions = super.getServerExtensions();
        negotiation.addChoice(extensions);
        return extensions;
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        negotiation.complete(context);
    }
}
