package io.confero.media.sdp;

/**
 * A session description that does not conform to RFC 8866 (or to the attribute grammars of the
 * RFCs this package implements). The message always names the offending line number (1-based;
 * 0 when the problem concerns the whole description).
 */
public final class SdpParseException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int lineNumber;

    public SdpParseException(int lineNumber, String problem) {
        super(lineNumber > 0 ? "SDP line " + lineNumber + ": " + problem : "SDP: " + problem);
        this.lineNumber = lineNumber;
    }

    /** The 1-based line number of the offending line, or 0 for whole-description problems. */
    public int lineNumber() {
        return lineNumber;
    }
}
