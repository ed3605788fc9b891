package io.confero.media.sdp;

/**
 * A well-formed session description that cannot be negotiated with (RFC 3264 offer/answer,
 * RFC 8829 JSEP): e.g. an offer without BUNDLE, an answer missing a mid we offered.
 */
public final class SdpNegotiationException extends Exception {
    private static final long serialVersionUID = 1L;

    public SdpNegotiationException(String message) {
        super(message);
    }
}
