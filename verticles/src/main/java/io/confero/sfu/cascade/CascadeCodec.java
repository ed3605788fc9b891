package io.confero.sfu.cascade;

import io.confero.codecs.RecordCodec;
import io.confero.codecs.Wire;
import io.confero.media.sdp.MediaKind;
import io.confero.media.sdp.Msid;
import io.confero.media.sdp.PublishedTrack;
import io.confero.media.sdp.RtpCodec;
import io.confero.media.srtp.SrtpKeys;
import io.confero.media.srtp.SrtpProfile;
import io.confero.sfu.media.TrackSource;
import io.confero.sfu.pipe.PipeMessage;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binary event-bus codec of {@link CascadeMessage}: version byte, body type byte, the endpoint,
 * the optional link keys, then the body's fields ({@link PublishedTrack} field by field). It lives
 * beside the SFU rather than in {@code eventbus-codecs} because its body is the SFU's own media
 * model (SDP records), which that module cannot see; only SFU workers exchange it.
 */
public final class CascadeCodec extends RecordCodec<CascadeMessage> {
  private static final byte VERSION = 1;

  public CascadeCodec() {
    super("confero.sfu.CascadeMessage");
  }

  public static void register(EventBus bus) {
    bus.registerDefaultCodec(CascadeMessage.class, new CascadeCodec());
  }

  private enum Type { HELLO, HELLO_ACK, BYE, OPENED, UPDATED, MUTED, CLOSED, NEEDED }

  @Override
  public void encodeToWire(Buffer b, CascadeMessage m) {
    PipeMessage body = m.body();
    b.appendByte(VERSION).appendByte((byte) typeOf(body).ordinal());
    Wire.putString(b, m.fromNode());
    b.appendInt(m.fromWorker());
    Wire.putString(b, m.host());
    b.appendInt(m.port()).appendInt(m.streamBase());
    putKeys(b, m.keys());
    Wire.putString(b, body.meetingId());
    if (body instanceof PipeMessage.HelloAck a) {
      b.appendByte((byte) (a.hosting() ? 1 : 0));
    } else if (body instanceof PipeMessage.ProducerOpened o) {
      Wire.putString(b, o.trackId());
      Wire.putString(b, o.participantId());
      putTrack(b, o.track());
      b.appendByte((byte) o.source().ordinal()).appendByte((byte) (o.muted() ? 1 : 0));
    } else if (body instanceof PipeMessage.ProducerUpdated u) {
      Wire.putString(b, u.trackId());
      putTrack(b, u.track());
    } else if (body instanceof PipeMessage.ProducerMuted mu) {
      Wire.putString(b, mu.trackId());
      b.appendByte((byte) (mu.muted() ? 1 : 0));
    } else if (body instanceof PipeMessage.ProducerClosed c) {
      Wire.putString(b, c.trackId());
    } else if (body instanceof PipeMessage.NeededLayers n) {
      Wire.putString(b, n.trackId());
      b.appendInt(n.mask());
    }
  }

  /** Decodes a message; anything corrupt is an {@link IllegalArgumentException} (the delivery fails). */
  @Override
  public CascadeMessage decodeFromWire(int pos, Buffer b) {
    try {
      return decode(new Wire(b, pos));
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("corrupt cascade message", e);
    }
  }

  private static CascadeMessage decode(Wire w) {
    if (w.readByte() != VERSION) {
      throw new IllegalArgumentException("unsupported cascade message version");
    }
    int type = w.readByte();
    if (type < 0 || type >= Type.values().length) {
      throw new IllegalArgumentException("unknown cascade message type " + type);
    }
    String node = w.readString();
    int worker = w.readInt();
    String host = w.readString();
    int port = w.readInt();
    int base = w.readInt();
    SrtpKeys keys = readKeys(w);
    String meeting = w.readString();
    PipeMessage body = switch (Type.values()[type]) {
      case HELLO -> new PipeMessage.Hello(meeting, 0);
      case HELLO_ACK -> new PipeMessage.HelloAck(meeting, 0, w.readBool());
      case BYE -> new PipeMessage.Bye(meeting, 0);
      case OPENED -> new PipeMessage.ProducerOpened(meeting, 0, w.readString(), w.readString(), readTrack(w),
          TrackSource.values()[w.readByte()], w.readBool());
      case UPDATED -> new PipeMessage.ProducerUpdated(meeting, w.readString(), readTrack(w));
      case MUTED -> new PipeMessage.ProducerMuted(meeting, w.readString(), w.readBool());
      case CLOSED -> new PipeMessage.ProducerClosed(meeting, w.readString());
      case NEEDED -> new PipeMessage.NeededLayers(meeting, 0, w.readString(), w.readInt());
    };
    return new CascadeMessage(node, worker, host, port, base, keys, body);
  }

  private static Type typeOf(PipeMessage body) {
    if (body instanceof PipeMessage.Hello) {
      return Type.HELLO;
    } else if (body instanceof PipeMessage.HelloAck) {
      return Type.HELLO_ACK;
    } else if (body instanceof PipeMessage.Bye) {
      return Type.BYE;
    } else if (body instanceof PipeMessage.ProducerOpened) {
      return Type.OPENED;
    } else if (body instanceof PipeMessage.ProducerUpdated) {
      return Type.UPDATED;
    } else if (body instanceof PipeMessage.ProducerMuted) {
      return Type.MUTED;
    } else if (body instanceof PipeMessage.ProducerClosed) {
      return Type.CLOSED;
    } else if (body instanceof PipeMessage.NeededLayers) {
      return Type.NEEDED;
    }
    throw new IllegalArgumentException("not a cascade control message: " + body);
  }

  private static void putKeys(Buffer b, SrtpKeys k) {
    if (k == null) {
      b.appendByte((byte) -1);
      return;
    }
    b.appendByte((byte) k.profile().ordinal());
    for (byte[] part : List.of(k.clientKey(), k.clientSalt(), k.serverKey(), k.serverSalt())) {
      b.appendInt(part.length).appendBytes(part);
    }
  }

  private static SrtpKeys readKeys(Wire w) {
    int profile = w.readByte();
    if (profile < 0) {
      return null;
    }
    byte[][] parts = new byte[4][];
    for (int i = 0; i < 4; i++) {
      parts[i] = readBytes(w);
    }
    return new SrtpKeys(SrtpProfile.values()[profile], parts[0], parts[1], parts[2], parts[3]);
  }

  private static byte[] readBytes(Wire w) {
    int n = w.readInt();
    if (n < 0 || n > 64) {
      throw new IllegalArgumentException("bad key length " + n);
    }
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      out[i] = w.readByte();
    }
    return out;
  }

  static void putTrack(Buffer b, PublishedTrack t) {
    Wire.putString(b, t.mid());
    b.appendByte((byte) t.kind().ordinal());
    Wire.putList(b, t.codecs(), (buf, c) -> {
      buf.appendInt(c.payloadType());
      Wire.putString(buf, c.name());
      buf.appendInt(c.clockRate()).appendInt(c.channels());
      Wire.putString(buf, c.fmtp());
      buf.appendInt(c.rtxPayloadType());
      Wire.putList(buf, c.rtcpFeedback(), Wire::putString);
    });
    b.appendInt(t.headerExtensions().size());
    t.headerExtensions().forEach((uri, id) -> {
      Wire.putString(b, uri);
      b.appendInt(id);
    });
    Wire.putList(b, t.ssrcs(), Buffer::appendLong);
    b.appendInt(t.rtxSsrcs().size());
    t.rtxSsrcs().forEach((k, v) -> b.appendLong(k).appendLong(v));
    Wire.putList(b, t.rids(), Wire::putString);
    Wire.putString(b, t.msid() == null ? null : t.msid().streamId());
    Wire.putString(b, t.msid() == null ? null : t.msid().trackId());
    Wire.putString(b, t.cname());
  }

  static PublishedTrack readTrack(Wire w) {
    String mid = w.readString();
    MediaKind kind = MediaKind.values()[w.readByte()];
    List<RtpCodec> codecs = w.readList(x -> new RtpCodec(x.readInt(), x.readString(), x.readInt(), x.readInt(),
        x.readString(), x.readInt(), x.readList(Wire::readString)));
    Map<String, Integer> ext = new LinkedHashMap<>();
    for (int i = w.readInt(); i > 0; i--) {
      ext.put(w.readString(), w.readInt());
    }
    List<Long> ssrcs = w.readList(CascadeCodec::readLong);
    Map<Long, Long> rtx = new LinkedHashMap<>();
    for (int i = w.readInt(); i > 0; i--) {
      rtx.put(readLong(w), readLong(w));
    }
    List<String> rids = w.readList(Wire::readString);
    String stream = w.readString();
    String track = w.readString();
    Msid msid = stream == null && track == null ? null : new Msid(stream, track);
    return new PublishedTrack(mid, kind, codecs, ext, ssrcs, rtx, rids, msid, w.readString());
  }

  private static long readLong(Wire w) {
    return (long) w.readInt() << 32 | (w.readInt() & 0xFFFFFFFFL);
  }
}
