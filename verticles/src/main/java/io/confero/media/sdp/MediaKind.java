package io.confero.media.sdp;

/** The media type of an {@code m=} line (RFC 8866 §5.14) as far as WebRTC uses it. */
public enum MediaKind {
    AUDIO("audio"), VIDEO("video"), APPLICATION("application"), OTHER("");

    private final String token;

    MediaKind(String token) {
        this.token = token;
    }

    /** The m= line token; empty for {@link #OTHER}. */
    public String token() {
        return token;
    }

    public static MediaKind of(String media) {
        for (MediaKind k : values()) {
            if (k != OTHER && k.token.equals(media)) {
                return k;
            }
        }
        return OTHER;
    }
}
