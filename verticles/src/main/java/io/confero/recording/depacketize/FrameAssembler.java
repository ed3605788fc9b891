package io.confero.recording.depacketize;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns ordered video packets into whole frames. Packets with one timestamp make a frame; it is
 * whole when it starts with a frame start, its sequence numbers have no gap and its last packet
 * has the marker bit. A frame that is not whole, or that follows a lost one and is not a keyframe,
 * is dropped, and so is every frame after it up to the next whole keyframe (a decoder cannot use
 * them: they reference what was lost).
 */
public final class FrameAssembler {
  /** The frames and what was dropped. */
  public record Result(List<VideoFrame> frames, int droppedFrames, int malformedFrames) {
  }

  private FrameAssembler() {
  }

  public static Result assemble(List<OrderedPacket> packets, PayloadFormat format) {
    List<VideoFrame> frames = new ArrayList<>();
    int dropped = 0;
    int malformed = 0;
    boolean needKeyframe = true;
    long lastSeq = Long.MIN_VALUE;
    int i = 0;
    while (i < packets.size()) {
      int j = i + 1;
      while (j < packets.size() && packets.get(j).timestamp() == packets.get(i).timestamp()) {
        j++;
      }
      List<OrderedPacket> group = packets.subList(i, j);
      boolean contiguousWithPrevious = lastSeq != Long.MIN_VALUE && group.get(0).seq() == lastSeq + 1;
      VideoFrame frame = whole(group, format) ? format.assemble(group) : null;
      if (whole(group, format) && frame == null) {
        malformed++;
      }
      if (frame != null && (frame.keyframe() || !needKeyframe && contiguousWithPrevious)) {
        frames.add(frame);
        needKeyframe = false;
        lastSeq = group.get(group.size() - 1).seq();
      } else {
        dropped++;
        needKeyframe = true;
        lastSeq = Long.MIN_VALUE;
      }
      i = j;
    }
    return new Result(frames, dropped, malformed);
  }

  private static boolean whole(List<OrderedPacket> group, PayloadFormat format) {
    if (!format.startsFrame(group.get(0).payload()) || !group.get(group.size() - 1).marker()) {
      return false;
    }
    for (int k = 1; k < group.size(); k++) {
      if (group.get(k).seq() != group.get(k - 1).seq() + 1) {
        return false;
      }
    }
    return true;
  }
}
