package io.confero.codecs.turn;

import io.confero.codecs.RecordCodec;
import io.confero.codecs.Wire;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;

/**
 * A seat ended (the participant left, was disconnected for good or removed), or, with no
 * {@code participantId}, every seat of the meeting (it ended): the TURN servers of every node
 * refuse credentials minted for it up to {@code atEpochSeconds} and close its allocations.
 * Published on {@code Addresses.turnSeatsEnded()}.
 */
public record SeatEnded(String meetingId, String participantId, long atEpochSeconds) {
  /** Every seat of {@code meetingId}. */
  public static SeatEnded wholeMeeting(String meetingId, long atEpochSeconds) {
    return new SeatEnded(meetingId, null, atEpochSeconds);
  }

  /** The TURN user of the seat, {@code <meeting>.<participant>}, or null for the whole meeting. */
  public String turnUser() {
    return participantId == null ? null : meetingId + "." + participantId;
  }

  /** Binary codec: version byte 1, fields. */
  public static final class Codec extends RecordCodec<SeatEnded> {
    public Codec() {
      super("confero.turn.SeatEnded");
    }

    public static void register(EventBus bus) {
      bus.registerDefaultCodec(SeatEnded.class, new Codec());
    }

    @Override
    public void encodeToWire(Buffer b, SeatEnded e) {
      b.appendByte((byte) 1);
      Wire.putString(b, e.meetingId());
      Wire.putString(b, e.participantId());
      b.appendLong(e.atEpochSeconds());
    }

    @Override
    public SeatEnded decodeFromWire(int pos, Buffer b) {
      Wire w = new Wire(b, pos);
      if (w.readByte() != 1) {
        throw new IllegalArgumentException("unsupported seat-ended version");
      }
      String meeting = w.readString();
      String participant = w.readString();
      return new SeatEnded(meeting, participant, b.getLong(w.pos()));
    }
  }
}
