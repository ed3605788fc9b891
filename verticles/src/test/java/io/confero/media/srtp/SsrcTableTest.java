package io.confero.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The SSRC → context table behaves as a bounded map, removals included (backward-shift deletion). */
class SsrcTableTest {

  @Test
  void boundedPutGetRemove() {
    SsrcTable<String> t = new SsrcTable<>(3);
    t.put(0, "zero");
    t.put(-1, "ffffffff");
    t.put(0x80000000, "min");
    assertThat(t.isFull()).isTrue();
    assertThat(t.get(0)).isEqualTo("zero");
    assertThat(t.get(-1)).isEqualTo("ffffffff");
    assertThat(t.get(0x80000000)).isEqualTo("min");
    assertThat(t.get(1)).isNull();
    assertThat(t.remove(-1)).isEqualTo("ffffffff");
    assertThat(t.remove(-1)).isNull();
    assertThat(t.isFull()).isFalse();
    assertThat(t.size()).isEqualTo(2);
    t.clear();
    assertThat(t.size()).isZero();
    assertThat(t.get(0)).isNull();
  }

  /** Random operations on small SSRC ranges (many collisions) agree with a HashMap. */
  @Property(tries = 500)
  void agreesWithAHashMap(@ForAll @Size(max = 300) List<@IntRange(min = -40, max = 40) Integer> ops,
      @ForAll @IntRange(min = 1, max = 64) int capacity) {
    SsrcTable<Integer> table = new SsrcTable<>(capacity);
    Map<Integer, Integer> model = new HashMap<>();
    int step = 0;
    for (int op : ops) {
      int ssrc = Math.abs(op) * 0x01000193; // spread but colliding after masking
      step++;
      if (op >= 0) {
        if (table.get(ssrc) == null && !table.isFull()) {
          table.put(ssrc, step);
          model.put(ssrc, step);
        }
      } else {
        assertThat(table.remove(ssrc)).isEqualTo(model.remove(ssrc));
      }
      assertThat(table.size()).isEqualTo(model.size());
      for (Map.Entry<Integer, Integer> e : model.entrySet()) {
        assertThat(table.get(e.getKey())).isEqualTo(e.getValue());
      }
    }
  }
}
