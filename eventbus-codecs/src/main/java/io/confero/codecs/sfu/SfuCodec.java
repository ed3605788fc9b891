package io.confero.codecs.sfu;

import io.confero.codecs.Wire;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import java.util.List;

/**
 * Binary codec of the SFU message families ({@link SfuRequest}, its replies, {@link SfuEvent}):
 * a version byte, a type byte, then the record's fields in declaration order. Local delivery
 * passes the immutable record itself.
 */
public final class SfuCodec<T> implements MessageCodec<T, T> {
  public static final byte VERSION = 1;

  private final String name;

  private SfuCodec(Class<T> type) {
    this.name = "confero." + type.getName();
  }

  /** Registers a default codec for every SFU message record on {@code bus}. */
  public static void registerAll(EventBus bus) {
    for (Class<?> c : List.of(SfuRequest.Publish.class, SfuRequest.Subscribe.class, SfuRequest.SubscribeAnswer.class,
        SfuRequest.SetMuted.class, SfuRequest.SetTrackPaused.class, SfuRequest.SetTrackHeight.class,
        SfuRequest.Leave.class, SfuRequest.Unpublish.class, SfuRequest.Record.class, SfuRequest.PublishAnswer.class,
        SfuRequest.SubscribeOffer.class, SfuRequest.Ack.class, SfuEvent.TransportDown.class,
        SfuEvent.TransportUp.class, SfuEvent.ActiveSpeaker.class, SfuEvent.EncodingsActive.class,
        SfuEvent.AudioSlots.class, SfuEvent.VideoPaused.class, SfuEvent.ConnectionQuality.class)) {
      register(bus, c);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void register(EventBus bus, Class c) {
    bus.registerDefaultCodec(c, new SfuCodec(c));
  }

  @Override
  public void encodeToWire(Buffer b, T msg) {
    b.appendByte(VERSION);
    encode(b, msg);
  }

  /** Encodes without the version byte (also used by tests for golden vectors). */
  static void encode(Buffer b, Object msg) {
    if (msg instanceof SfuRequest.Publish p) {
      b.appendByte((byte) 1);
      ids(b, p.meetingId(), p.participantId());
      Wire.putString(b, p.offerSdp());
      Wire.putMap(b, p.sources());
      Wire.putList(b, p.refusedMids(), Wire::putString);
    } else if (msg instanceof SfuRequest.Subscribe s) {
      b.appendByte((byte) 2);
      ids(b, s.meetingId(), s.participantId());
    } else if (msg instanceof SfuRequest.SubscribeAnswer a) {
      b.appendByte((byte) 3);
      ids(b, a.meetingId(), a.participantId());
      Wire.putString(b, a.answerSdp());
    } else if (msg instanceof SfuRequest.SetMuted m) {
      b.appendByte((byte) 4);
      ids(b, m.meetingId(), m.participantId());
      Wire.putString(b, m.kind());
      b.appendByte((byte) (m.muted() ? 1 : 0));
    } else if (msg instanceof SfuRequest.SetTrackPaused t) {
      b.appendByte((byte) 6);
      ids(b, t.meetingId(), t.participantId());
      Wire.putString(b, t.trackId());
      b.appendByte((byte) (t.paused() ? 1 : 0));
    } else if (msg instanceof SfuRequest.SetTrackHeight h) {
      b.appendByte((byte) 7);
      ids(b, h.meetingId(), h.participantId());
      Wire.putString(b, h.trackId());
      b.appendInt(h.maxHeight());
    } else if (msg instanceof SfuRequest.Leave l) {
      b.appendByte((byte) 5);
      ids(b, l.meetingId(), l.participantId());
    } else if (msg instanceof SfuRequest.Unpublish u) {
      b.appendByte((byte) 9);
      ids(b, u.meetingId(), u.participantId());
    } else if (msg instanceof SfuRequest.Record r) {
      b.appendByte((byte) 8);
      ids(b, r.meetingId(), r.participantId());
      Wire.putString(b, r.recordingId());
      b.appendByte((byte) (r.on() ? 1 : 0));
    } else if (msg instanceof SfuRequest.PublishAnswer a) {
      b.appendByte((byte) 20);
      Wire.putString(b, a.answerSdp());
      Wire.putList(b, a.tracks(), SfuCodec::track);
      Wire.putList(b, a.removed(), SfuCodec::track);
    } else if (msg instanceof SfuRequest.SubscribeOffer o) {
      b.appendByte((byte) 21);
      Wire.putString(b, o.offerSdp());
      Wire.putList(b, o.tracks(), (buf, t) -> {
        Wire.putString(buf, t.mid());
        track(buf, t.track());
      });
    } else if (msg instanceof SfuRequest.Ack a) {
      b.appendByte((byte) 22);
    } else if (msg instanceof SfuEvent.TransportDown d) {
      b.appendByte((byte) 40);
      ids(b, d.meetingId(), d.participantId());
      Wire.putString(b, d.reason());
    } else if (msg instanceof SfuEvent.TransportUp u) {
      b.appendByte((byte) 41);
      ids(b, u.meetingId(), u.participantId());
    } else if (msg instanceof SfuEvent.ActiveSpeaker s) {
      b.appendByte((byte) 42);
      ids(b, s.meetingId(), s.participantId());
    } else if (msg instanceof SfuEvent.EncodingsActive e) {
      b.appendByte((byte) 43);
      ids(b, e.meetingId(), e.participantId());
      Wire.putString(b, e.trackId());
      Wire.putList(b, e.active(), (buf, a) -> buf.appendByte((byte) (a ? 1 : 0)));
    } else if (msg instanceof SfuEvent.AudioSlots a) {
      b.appendByte((byte) 47);
      ids(b, a.meetingId(), a.participantId());
      Wire.putList(b, a.mids(), Wire::putString);
      Wire.putList(b, a.holders(), Wire::putString);
    } else if (msg instanceof SfuEvent.VideoPaused v) {
      b.appendByte((byte) 60);
      ids(b, v.meetingId(), v.participantId());
      Wire.putString(b, v.publisherId());
      Wire.putString(b, v.trackId());
      b.appendByte((byte) (v.paused() ? 1 : 0));
    } else if (msg instanceof SfuEvent.ConnectionQuality q) {
      b.appendByte((byte) 61);
      ids(b, q.meetingId(), q.participantId());
      b.appendByte((byte) q.quality());
    } else {
      throw new IllegalArgumentException("not an SFU message: " + msg.getClass());
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public T decodeFromWire(int pos, Buffer b) {
    Wire w = new Wire(b, pos);
    byte version = w.readByte();
    if (version != VERSION) {
      throw new IllegalArgumentException("unsupported SFU message version " + version);
    }
    return (T) decode(w);
  }

  static Object decode(Wire w) {
    byte type = w.readByte();
    return switch (type) {
      case 1 -> new SfuRequest.Publish(w.readString(), w.readString(), w.readString(), w.readMap(),
          w.readList(Wire::readString));
      case 2 -> new SfuRequest.Subscribe(w.readString(), w.readString());
      case 3 -> new SfuRequest.SubscribeAnswer(w.readString(), w.readString(), w.readString());
      case 4 -> new SfuRequest.SetMuted(w.readString(), w.readString(), w.readString(), w.readBool());
      case 5 -> new SfuRequest.Leave(w.readString(), w.readString());
      case 6 -> new SfuRequest.SetTrackPaused(w.readString(), w.readString(), w.readString(), w.readBool());
      case 7 -> new SfuRequest.SetTrackHeight(w.readString(), w.readString(), w.readString(), w.readInt());
      case 9 -> new SfuRequest.Unpublish(w.readString(), w.readString());
      case 8 -> new SfuRequest.Record(w.readString(), w.readString(), w.readString(), w.readBool());
      case 20 -> new SfuRequest.PublishAnswer(w.readString(), w.readList(SfuCodec::readTrack),
          w.readList(SfuCodec::readTrack));
      case 21 -> new SfuRequest.SubscribeOffer(w.readString(),
          w.readList(x -> new SubscribedTrack(x.readString(), readTrack(x))));
      case 22 -> new SfuRequest.Ack();
      case 40 -> new SfuEvent.TransportDown(w.readString(), w.readString(), w.readString());
      case 41 -> new SfuEvent.TransportUp(w.readString(), w.readString());
      case 42 -> new SfuEvent.ActiveSpeaker(w.readString(), w.readString());
      case 43 -> new SfuEvent.EncodingsActive(w.readString(), w.readString(), w.readString(), w.readList(Wire::readBool));
      case 47 -> new SfuEvent.AudioSlots(w.readString(), w.readString(), w.readList(Wire::readString),
          w.readList(Wire::readString));
      case 60 -> new SfuEvent.VideoPaused(w.readString(), w.readString(), w.readString(), w.readString(), w.readBool());
      case 61 -> new SfuEvent.ConnectionQuality(w.readString(), w.readString(), w.readByte());
      default -> throw new IllegalArgumentException("unknown SFU message type " + type);
    };
  }

  private static void ids(Buffer b, String meetingId, String participantId) {
    Wire.putString(b, meetingId);
    Wire.putString(b, participantId);
  }

  private static void track(Buffer b, TrackInfo t) {
    Wire.putString(b, t.trackId());
    Wire.putString(b, t.participantId());
    Wire.putString(b, t.kind());
    Wire.putString(b, t.source());
    b.appendByte((byte) (t.muted() ? 1 : 0));
  }

  private static TrackInfo readTrack(Wire w) {
    return new TrackInfo(w.readString(), w.readString(), w.readString(), w.readString(), w.readBool());
  }

  @Override
  public T transform(T msg) {
    return msg;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
