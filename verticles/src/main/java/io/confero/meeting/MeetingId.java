package io.confero.meeting;

import java.io.Serializable;
import java.util.UUID;

/** A meeting's identifier: a UUID in its canonical text form. */
public record MeetingId(String value) implements Serializable {
  public MeetingId {
    UUID.fromString(value);
    value = value.toLowerCase(java.util.Locale.ROOT);
  }

  /** Parses untrusted text; empty when it is not a UUID. */
  public static java.util.Optional<MeetingId> parse(String text) {
    if (text == null || text.length() != 36) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(new MeetingId(text));
    } catch (IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
  }

  public static MeetingId random() {
    return new MeetingId(UUID.randomUUID().toString());
  }

  public UUID uuid() {
    return UUID.fromString(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
