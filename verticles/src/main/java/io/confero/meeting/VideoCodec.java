package io.confero.meeting;

import java.util.Locale;

/**
 * The video codec a meeting's publishers send ({@code settings.video_codec}). VP8 is the default and
 * the codec every browser decodes; H.264 is for meetings with participants whose browsers decode only
 * H.264 (some Safari and iOS builds): every web client then offers its camera and screen as H.264
 * only, so the SFU's answer picks it and every subscriber receives H.264 (docs/architecture.md,
 * "Video codecs").
 */
public enum VideoCodec {
  VP8, H264;

  /** The JSON spelling: {@code vp8} or {@code h264}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The codec with JSON spelling {@code s}, or null when there is none. */
  public static VideoCodec fromWire(String s) {
    for (VideoCodec c : values()) {
      if (c.wire().equals(s)) {
        return c;
      }
    }
    return null;
  }
}
