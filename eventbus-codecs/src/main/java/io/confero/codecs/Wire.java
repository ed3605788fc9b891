package io.confero.codecs;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** Reading and writing the primitive fields of event-bus messages: length-prefixed UTF-8, lists, maps. */
public final class Wire {
  private final Buffer buf;
  private int pos;

  public Wire(Buffer buf, int pos) {
    this.buf = buf;
    this.pos = pos;
  }

  public static void putString(Buffer b, String s) {
    if (s == null) {
      b.appendInt(-1);
      return;
    }
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    b.appendInt(bytes.length).appendBytes(bytes);
  }

  public static <T> void putList(Buffer b, List<T> list, BiConsumer<Buffer, T> item) {
    b.appendInt(list.size());
    list.forEach(x -> item.accept(b, x));
  }

  public static void putMap(Buffer b, Map<String, String> map) {
    b.appendInt(map.size());
    map.forEach((k, v) -> {
      putString(b, k);
      putString(b, v);
    });
  }

  public int pos() {
    return pos;
  }

  public byte readByte() {
    return buf.getByte(pos++);
  }

  public boolean readBool() {
    return readByte() != 0;
  }

  public int readInt() {
    int v = buf.getInt(pos);
    pos += 4;
    return v;
  }

  public String readString() {
    int n = readInt();
    if (n < 0) {
      return null;
    }
    String s = buf.getString(pos, pos + n, "UTF-8");
    pos += n;
    return s;
  }

  public <T> List<T> readList(Function<Wire, T> item) {
    int n = readInt();
    if (n < 0 || n > buf.length() - pos) {
      // every item takes at least a byte: a count beyond the bytes left is corrupt, not an allocation to make
      throw new IllegalArgumentException("list of " + n + " items in " + (buf.length() - pos) + " bytes");
    }
    List<T> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(item.apply(this));
    }
    return List.copyOf(out);
  }

  public Map<String, String> readMap() {
    int n = readInt();
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      m.put(readString(), readString());
    }
    return m;
  }
}
