package io.confero.recording.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.recording.composite.CompositeKind;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** A view's signed link opens that view only; view names from URLs are read safely. Pure. */
class ViewLinksTest {
  static final DownloadLinks LINKS = new DownloadLinks("0123456789abcdef0123".getBytes(), Duration.ofHours(1),
      "https://c.example");
  static final Instant NOW = Instant.parse("2026-12-07T18:00:00Z");

  static String query(String url, String name) {
    for (String kv : URI.create(url).getRawQuery().split("&")) {
      if (kv.startsWith(name + "=")) {
        return kv.substring(name.length() + 1);
      }
    }
    throw new AssertionError(url);
  }

  @Test
  void aViewLinkOpensItsViewAndNothingElse() {
    UUID rid = UUID.randomUUID();
    String view = LINKS.link(rid, "speaker", NOW).url();
    String gallery = LINKS.link(rid, NOW).url();
    assertThat(view).startsWith("https://c.example/recordings/" + rid + "/views/speaker/download?expires=");
    String e = query(view, "expires");
    String sig = query(view, "sig");
    assertThat(LINKS.valid(rid, "speaker", e, sig, NOW)).isTrue();
    assertThat(LINKS.valid(rid, "speaker", e, sig, NOW.plus(Duration.ofHours(2)))).as("expired").isFalse();
    assertThat(LINKS.valid(rid, e, sig, NOW)).as("not the gallery's").isFalse();
    assertThat(LINKS.valid(UUID.randomUUID(), "speaker", e, sig, NOW)).as("not another recording's").isFalse();
    assertThat(LINKS.valid(rid, "speaker", query(gallery, "expires"), query(gallery, "sig"), NOW))
        .as("the gallery's link does not open the view").isFalse();
  }

  @Property(tries = 300)
  void anyExpiryAndSignatureIsAnsweredNotThrown(@ForAll String expires, @ForAll String sig, @ForAll String view) {
    assertThat(LINKS.valid(UUID.nameUUIDFromBytes(view.getBytes()), view, expires, sig, NOW)).isFalse();
  }

  @Property(tries = 300)
  void onlyTheWireNamesAreViews(@ForAll String name) {
    assertThat(CompositeKind.ofWire(name)).isEqualTo(switch (name) {
      case "gallery" -> java.util.Optional.of(CompositeKind.GALLERY);
      case "speaker" -> java.util.Optional.of(CompositeKind.SPEAKER);
      default -> java.util.Optional.empty();
    });
  }
}
