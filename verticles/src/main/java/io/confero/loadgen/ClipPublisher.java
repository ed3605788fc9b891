package io.confero.loadgen;

import io.confero.media.rtcp.RtcpCompound;
import io.confero.media.rtcp.RtcpException;
import io.confero.media.rtcp.RtcpFir;
import io.confero.media.rtcp.RtcpHeader;
import io.confero.media.rtcp.RtcpPli;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * What one load participant publishes: its looped {@link MediaClip} as a microphone (Opus, one
 * packet every 20 ms) and, unless audio-only, a camera (VP8 frames at the clip's rate, split into
 * RTP packets), each on its own {@link RtpSender} with a random SSRC; a PLI or FIR from the SFU
 * restarts the camera at the clip's first (key) frame. Sends on the shared timer threads.
 */
final class ClipPublisher {
  private final MediaClip clip;
  private final boolean audioOnly;
  private final int audioSsrc = ThreadLocalRandom.current().nextInt();
  private final int videoSsrc = ThreadLocalRandom.current().nextInt();
  private final RtpSender audio;
  private final RtpSender video;
  private ClientTransport transport;
  private ScheduledFuture<?> audioTimer;
  private ScheduledFuture<?> videoTimer;

  ClipPublisher(MediaClip clip, boolean audioOnly) {
    this.clip = clip;
    this.audioOnly = audioOnly;
    this.audio = new RtpSender(audioSsrc, SdpTemplates.OPUS_PT, 48_000, "0", true);
    this.video = new RtpSender(videoSsrc, SdpTemplates.VP8_PT, 90_000, "1", false);
  }

  int audioSsrc() {
    return audioSsrc;
  }

  int videoSsrc() {
    return videoSsrc;
  }

  /** Starts sending on {@code to}, the connected publishing transport. */
  void start(ClientTransport to, ScheduledExecutorService timers) {
    transport = to;
    audioTimer = timers.scheduleAtFixedRate(this::sendAudio, 0, 20, TimeUnit.MILLISECONDS);
    if (!audioOnly) {
      videoTimer = timers.scheduleAtFixedRate(this::sendVideo, 0, clip.frameIntervalMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** Stops both timers (a packet being sent still goes). */
  void stop() {
    for (ScheduledFuture<?> f : new ScheduledFuture<?>[] {audioTimer, videoTimer}) {
      if (f != null) {
        f.cancel(false);
      }
    }
  }

  /** Speaks at {@code minusDbov} (RFC 6464) from the next audio packet on. */
  void setAudioLevel(int minusDbov) {
    audio.setLevel(minusDbov);
  }

  /** Packets sent: audio and video RTP. */
  long sentPackets() {
    return audio.packets + video.packets;
  }

  /** RTCP from the SFU on the publishing transport: a PLI or FIR asks for a keyframe. */
  void onRtcp(byte[] buf, int off, int len) {
    if (asksForKeyframe(buf, off, len)) {
      video.keyframeRequested = true;
    }
  }

  private void sendAudio() {
    List<byte[]> packets = clip.opusPackets();
    byte[] opus = packets.get((int) (audio.frames % packets.size()));
    audio.send(transport, opus, true, 960);
  }

  private void sendVideo() {
    List<byte[]> frames = clip.videoFrames();
    if (video.keyframeRequested) {
      video.keyframeRequested = false;
      video.clipPosition = 0; // the clip starts with a keyframe
    }
    int index = video.clipPosition;
    video.clipPosition = (index + 1) % frames.size();
    List<byte[]> payloads = Vp8Rtp.packetize(frames.get(index), LoadParticipant.MAX_PAYLOAD);
    for (int k = 0; k < payloads.size(); k++) {
      video.send(transport, payloads.get(k), k == payloads.size() - 1, 0);
    }
    video.advance(90 * clip.frameIntervalMillis());
  }

  static boolean asksForKeyframe(byte[] buf, int off, int len) {
    RtcpCompound c = new RtcpCompound(buf, off, len);
    try {
      while (c.next()) {
        if (c.packetType() == RtcpHeader.PSFB && (c.count() == RtcpPli.FMT || c.count() == RtcpFir.FMT)) {
          return true;
        }
      }
    } catch (RtcpException e) {
      return false;
    }
    return false;
  }
}
