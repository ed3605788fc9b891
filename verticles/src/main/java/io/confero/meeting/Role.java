package io.confero.meeting;

import java.util.Locale;
import java.util.Optional;

/** What a participant may do in a meeting. */
public enum Role {
  HOST, COHOST, PARTICIPANT, VIEWER;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> parse(String s) {
    for (Role r : values()) {
      if (r.wire().equals(s)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  public boolean canModerate() {
    return this == HOST || this == COHOST;
  }
}
