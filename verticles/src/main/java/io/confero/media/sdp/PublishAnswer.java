package io.confero.media.sdp;

import java.util.List;
import java.util.Objects;

/**
 * Result of {@link PublishAnswerer#answer}: the answer to send to the browser, one
 * {@link PublishedTrack} per m-section we receive on (in m-section order), the mids we rejected
 * (port 0), and the mids we answered {@code a=inactive} while keeping them as the BUNDLE transport.
 */
public record PublishAnswer(SessionDescription answer, List<PublishedTrack> tracks, List<String> rejectedMids,
                            List<String> inactiveMids) {
    public PublishAnswer {
        Objects.requireNonNull(answer, "answer");
        tracks = List.copyOf(tracks);
        rejectedMids = List.copyOf(rejectedMids);
        inactiveMids = List.copyOf(inactiveMids);
    }

    /** The answer as SDP text (CRLF). */
    public String sdp() {
        return SdpWriter.write(answer);
    }
}
