package io.confero.media.stun;

/**
 * The only exception the STUN codec throws for bad network input (RFC 8489 §6, §14): a datagram
 * that is not a well-formed STUN message, or an attribute value that is malformed.
 */
public final class StunParseException extends Exception {
    private static final long serialVersionUID = 1L;

    public StunParseException(String message) {
        super(message, null, false, false);
    }
}
