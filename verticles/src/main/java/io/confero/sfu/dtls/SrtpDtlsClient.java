package io.confero.sfu.dtls;

import java.io.IOException;
import java.util.Hashtable;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/** The DTLS 1.2 client side of DTLS-SRTP (RFC 5764 §4.1, RFC 6347). */
final class SrtpDtlsClient extends DefaultTlsClient {
    private final SrtpNegotiation negotiation;

    SrtpDtlsClient(BcTlsCrypto crypto, SrtpNegotiation negotiation) {
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
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getClientExtensions() throws IOException {
        Hashtable extensions = super.getClientExtensions();
        negotiation.addOffer(extensions);
        return extensions;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void processServerExtensions(Hashtable serverExtensions) throws IOException {
        super.processServerExtensions(serverExtensions);
        negotiation.acceptChoice(serverExtensions);
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                negotiation.verifyPeer(serverCertificate.getCertificate());
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                return negotiation.signer(context, (BcTlsCrypto) getCrypto());
            }
        };
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        negotiation.complete(context);
    }
}
