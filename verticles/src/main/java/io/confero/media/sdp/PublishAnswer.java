package io.confero.media.sdp;

import java.util.List;
import java.util.Objects;

/**
 * Result of {@link PublishAnswerer#answer}: the answer to send to the browser, one
 * {@link PublishedTrack} per accepted m-section (in m-section order), and the mids we rejected.
 */
public record PublishAnswer(SessionDescription answer, List<PublishedTrack> tracks, List<String> rejectedMids) {
    public PublishAnswer {
        Objects.requireNonNull(answer, "answer");
        tracks = List.copyOf(tracks);
        rejectedMids = List.copyOf(rejectedMids);
    }

    /** The answer as SDP text (CRLF). */
    public String sdp() {
        return SdpWriter.write(answer);
    }
}
