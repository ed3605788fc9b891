package io.confero.sfu.dtls;

/**
 * Our side of the DTLS handshake, from the SDP {@code a=setup} attribute (RFC 5763 §5, RFC 8842):
 * {@code setup:active} makes us the client, {@code setup:passive} the server.
 */
public enum DtlsRole {
    CLIENT,
    SERVER;

    /** True for {@link #CLIENT}; the SRTP key split depends on it (RFC 5764 §4.2). */
    public boolean isClient() {
        return this == CLIENT;
    }
}
