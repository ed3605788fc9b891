package io.confero.media.sdp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Reads the captured SDP in the shared fixtures folder (system property confero.fixtures). */
final class Fixtures {
    private Fixtures() {
    }

    static Path dir() {
        String base = System.getProperty("confero.fixtures", "../../shared/fixtures");
        return Path.of(base, "sdp");
    }

    static String read(String name) {
        try {
            return Files.readString(dir().resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SessionDescription parse(String name) {
        try {
            return SdpParser.parse(read(name));
        } catch (SdpParseException e) {
            throw new AssertionError(name + ": " + e.getMessage(), e);
        }
    }

    static List<String> all() {
        try (Stream<Path> s = Files.list(dir())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sdp")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every fixture written by Chromium or Janus (CRLF line ends, trickled: port 9, no candidates). */
    static List<String> chromiumAndJanus() {
        return all().stream().filter(n -> n.startsWith("chromium-") || n.startsWith("janus-")).toList();
    }

    /** The Chromium-generated offers (publish side). */
    static List<String> chromiumOffers() {
        return List.of("chromium-offer-plain.sdp", "chromium-offer-simulcast.sdp",
                "janus-echotest-offer-from-chromium.sdp", "janus-videoroom-publish-offer-simulcast-from-chromium.sdp");
    }
}
