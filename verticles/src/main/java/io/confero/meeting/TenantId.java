package io.confero.meeting;

import java.io.Serializable;

/** The tenant that owns API keys and meetings. */
public record TenantId(String value) implements Serializable {
  public TenantId {
    if (value == null || !value.matches("[A-Za-z0-9_.-]{1,64}")) {
      throw new IllegalArgumentException("tenant id must be 1..64 of [A-Za-z0-9_.-]");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
