package io.confero.media.srtp;

/** A DTLS-client session (sender) and a DTLS-server session (receiver) over the same keys. */
record SessionPair(SrtpSession sender, SrtpSession receiver) implements AutoCloseable {
    static SessionPair of(SrtpKeys keys) {
        return new SessionPair(SrtpSession.forDtlsClient(keys), SrtpSession.forDtlsServer(keys));
    }

    @Override
    public void close() {
        sender.close();
        receiver.close();
    }
}
