package io.confero.codecs.meeting;

import io.confero.codecs.RecordCodec;
import io.confero.codecs.Wire;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;

/** Control-plane events of one meeting, published on {@code Addresses.meetingEvents(meetingId)}. */
public sealed interface MeetingEvent {
  String meetingId();

  /** The meeting ended (host, API or deletion): every participant is disconnected. */
  record Ended(String meetingId, String reason) implements MeetingEvent {}

  /** A recording of the meeting started ({@code active}) or stopped: everyone sees the indicator. */
  record RecordingChanged(String meetingId, String recordingId, boolean active) implements MeetingEvent {}

  /** Binary codec of {@link RecordingChanged}: version byte, type byte 2, fields. */
  final class RecordingCodec extends RecordCodec<RecordingChanged> {
    public RecordingCodec() {
      super("confero.meeting.RecordingChanged");
    }

    public static void register(EventBus bus) {
      bus.registerDefaultCodec(RecordingChanged.class, new RecordingCodec());
    }

    @Override
    public void encodeToWire(Buffer b, RecordingChanged e) {
      b.appendByte((byte) 1).appendByte((byte) 2);
      Wire.putString(b, e.meetingId());
      Wire.putString(b, e.recordingId());
      b.appendByte((byte) (e.active() ? 1 : 0));
    }

    @Override
    public RecordingChanged decodeFromWire(int pos, Buffer b) {
      Wire w = new Wire(b, pos);
      if (w.readByte() != 1 || w.readByte() != 2) {
        throw new IllegalArgumentException("unsupported meeting event");
      }
      return new RecordingChanged(w.readString(), w.readString(), w.readBool());
    }
  }

  /** Binary codec: version byte, type byte, fields. */
  final class Codec extends RecordCodec<Ended> {
    public Codec() {
      super("confero.meeting.Ended");
    }

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
  }
}
