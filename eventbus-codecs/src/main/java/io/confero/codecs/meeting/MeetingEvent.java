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

  /**
   * A signaling message for the meeting's participants that node {@code fromNode} sent to its own
   * (meetings spanning nodes): every other node of the meeting sends it to its participants too,
   * but {@code except} (a participant id, "" for none), only to moderators when {@code moderators}.
   * {@code json} is the browser message as sent, unchanged (it is bound for the browser edge).
   */
  record Relayed(String meetingId, String fromNode, String except, boolean moderators, String json)
      implements MeetingEvent {}

  /**
   * Node {@code fromNode} has its first participant of the meeting: the other nodes tell it who
   * they serve, as {@link Relayed} joins and published tracks.
   */
  record RosterWanted(String meetingId, String fromNode) implements MeetingEvent {}

  /** Binary codec of {@link Relayed}: version byte, type byte 3, fields. */
  final class RelayedCodec extends RecordCodec<Relayed> {
    public RelayedCodec() {
      super("confero.meeting.Relayed");
    }

    public static void register(EventBus bus) {
      bus.registerDefaultCodec(Relayed.class, new RelayedCodec());
    }

    @Override
    public void encodeToWire(Buffer b, Relayed e) {
      b.appendByte((byte) 1).appendByte((byte) 3);
      Wire.putString(b, e.meetingId());
      Wire.putString(b, e.fromNode());
      Wire.putString(b, e.except());
      b.appendByte((byte) (e.moderators() ? 1 : 0));
      Wire.putString(b, e.json());
    }

    @Override
    public Relayed decodeFromWire(int pos, Buffer b) {
      Wire w = new Wire(b, pos);
      if (w.readByte() != 1 || w.readByte() != 3) {
        throw new IllegalArgumentException("unsupported meeting event");
      }
      return new Relayed(w.readString(), w.readString(), w.readString(), w.readBool(), w.readString());
    }
  }

  /** Binary codec of {@link RosterWanted}: version byte, type byte 4, fields. */
  final class RosterCodec extends RecordCodec<RosterWanted> {
    public RosterCodec() {
      super("confero.meeting.RosterWanted");
    }

    public static void register(EventBus bus) {
      bus.registerDefaultCodec(RosterWanted.class, new RosterCodec());
    }

    @Override
    public void encodeToWire(Buffer b, RosterWanted e) {
      b.appendByte((byte) 1).appendByte((byte) 4);
      Wire.putString(b, e.meetingId());
      Wire.putString(b, e.fromNode());
    }

    @Override
    public RosterWanted decodeFromWire(int pos, Buffer b) {
      Wire w = new Wire(b, pos);
      if (w.readByte() != 1 || w.readByte() != 4) {
        throw new IllegalArgumentException("unsupported meeting event");
      }
      return new RosterWanted(w.readString(), w.readString());
    }
  }

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
