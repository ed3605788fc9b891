package io.confero.codecs;

import io.vertx.core.eventbus.MessageCodec;

/**
 * A user codec for an immutable message type: the same instance is passed locally
 * ({@link #transform} is the identity), only {@link #encodeToWire} and {@link #decodeFromWire}
 * differ per type.
 */
public abstract class RecordCodec<T> implements MessageCodec<T, T> {
  private final String name;

  protected RecordCodec(String name) {
    this.name = name;
  }

  @Override
  public final T transform(T message) {
    return message;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final byte systemCodecID() {
    return -1;
  }
}
