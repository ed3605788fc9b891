package io.confero.codecs.meeting;

import io.confero.codecs.Wire;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;

/** Control-plane events of one meeting, published on {@code Addresses.meetingEvents(meetingId)}. */
public sealed interface MeetingEvent {
  String meetingId();

  /** The meeting ended (host, API or deletion): every participant is disconnected. */
  record Ended(String meetingId, String reason) implements MeetingEvent {}

  /** Binary codec: version byte, type byte, fields. */
  final class Codec implements MessageCodec<Ended, Ended> {
    public static void register(EventBus bus) {
      bus.registerDefaultCodec(Ended.class, new Codec());
    }

    @Override
    public void encodeToWire(Buffer b, Ended e) {
      b.appendByte((byte) 1).appendByte((byte) 1);
      Wire.putString(b, e.meetingId());
      Wire.putString(b, e.reason());
    }

    @Override
    public Ended decodeFromWire(int pos, Buffer b) {
      Wire w = new Wire(b, pos);
      if (w.readByte() != 1 || w.readByte() != 1) {
        throw new IllegalArgumentException("unsupported meeting event");
      }
      return new Ended(w.readString(), w.readString());
    }

    @Override
    public Ended transform(Ended e) {
      return e;
    }

    @Override
    public String name() {
      return "confero.meeting.Ended";
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }
}
