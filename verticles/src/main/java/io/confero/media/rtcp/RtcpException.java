package io.confero.media.rtcp;

/**
 * The only error an RTCP parser in this package raises: the bytes are not a well-formed packet of
 * the expected type. Checked, so callers count the datagram as a drop instead of crashing.
 */
public final class RtcpException extends Exception {
    private static final long serialVersionUID = 1L;

    public RtcpException(String message) {
        super(message, null, false, false);
    }
}
