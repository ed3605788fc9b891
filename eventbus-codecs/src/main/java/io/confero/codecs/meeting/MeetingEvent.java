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

  /** A recording of the meeting started ({@code active}) or stopped: everyone sees the indicator. */
  record RecordingChanged(String meetingId, String recordingId, boolean active) implements MeetingEvent {}

  /** Binary codec of {@link RecordingChanged}: version byte, type byte 2, fields. */
  final class RecordingCodec implements MessageCodec<RecordingChanged, RecordingChanged> {
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

    @Override
    public RecordingChanged transform(RecordingChanged e) {
      return e;
    }

    @Override
    public String name() {
      return "confero.meeting.RecordingChanged";
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }

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
