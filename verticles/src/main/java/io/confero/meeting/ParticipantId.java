package io.confero.meeting;

import java.io.Serializable;
import java.util.UUID;

/** A participant's identifier within one meeting: a UUID. */
public record ParticipantId(String value) implements Serializable {
  public ParticipantId {
    UUID.fromString(value);
    value = value.toLowerCase(java.util.Locale.ROOT);
  }

  public static ParticipantId random() {
    return new ParticipantId(UUID.randomUUID().toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
