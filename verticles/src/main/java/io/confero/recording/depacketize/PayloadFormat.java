package io.confero.recording.depacketize;

import java.util.List;

/** What a video RTP payload format tells the {@link FrameAssembler}. */
public interface PayloadFormat {
  /** True when this payload begins a frame. */
  boolean startsFrame(byte[] payload);

  /**
   * The frame carried by these payloads (one frame's packets in order), or {@code null} when they
   * do not make a well-formed frame.
   */
  VideoFrame assemble(List<OrderedPacket> packets);
}
