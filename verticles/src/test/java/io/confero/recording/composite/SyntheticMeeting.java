package io.confero.recording.composite;

import io.confero.loadgen.MediaClip;
import io.confero.recording.depacketize.RtpFixtures;
import io.confero.recording.Probe;
import io.confero.recording.capture.TrackFileWriter;
import io.confero.recording.format.MeetingEventType;
import io.confero.recording.format.TrackCodec;
import io.confero.recording.format.TrackFileFormat;
import io.confero.recording.format.TrackHeader;
import io.confero.recording.format.TrackKind;
import io.confero.recording.format.TrackRecord;
import io.confero.recording.store.RecordingStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a recording's track files as the capture would have written them, from media ffmpeg
 * encodes (libvpx, libopus): a participant's camera and microphone as RTP with sender reports on
 * the participant's own NTP clock (offset from the server's), arriving with network delay.
 * The video flashes white and the audio beeps at the same media instants.
 */
public final class SyntheticMeeting {
  static final long T0 = 1_790_000_000_000_000L;
  private final long t0;
  private final Path dir;
  private final RecordingStore store;
  private final String recordingId;
  private final List<TrackRecord> events = new ArrayList<>();

  SyntheticMeeting(Path dir, RecordingStore store, String recordingId) {
    this(dir, store, recordingId, T0);
  }

  /** A meeting whose recording started at {@code t0} (Unix µs). */
  public SyntheticMeeting(Path dir, RecordingStore store, String recordingId, long t0) {
    this.t0 = t0;
    this.dir = dir;
    this.store = store;
    this.recordingId = recordingId;
  }

  /** Encodes {@code seconds} of 30 fps media flashing/beeping for 100 ms at {@code flashAt} (media time). */
  public static MediaClip clip(Path dir, String color, int seconds, double flashAt) throws IOException, InterruptedException {
    Path ivf = dir.resolve(color + ".ivf");
    Path ogg = dir.resolve(color + ".ogg");
    String fe = "between(t," + flashAt + "," + (flashAt + 0.1) + ")";
    Probe.ffmpeg(List.of("-y", "-f", "lavfi", "-i", "color=c=" + color + ":s=320x240:r=30:d=" + seconds
        + ",drawbox=c=white:t=fill:enable='" + fe + "'", "-c:v", "libvpx", "-b:v", "400k", "-g", "30",
        "-deadline", "realtime", "-cpu-used", "8", "-auto-alt-ref", "0", "-lag-in-frames", "0", "-f", "ivf",
        ivf.toString()));
    Probe.ffmpeg(List.of("-y", "-f", "lavfi", "-i", "sine=f=1000:r=48000:d=" + seconds + ",volume=volume=0:enable='not("
        + fe + ")'", "-ac", "2", "-c:a", "libopus", "-b:a", "32k", "-frame_duration", "20", "-application", "voip",
        ogg.toString()));
    return MediaClip.read(ivf, ogg);
  }

  public void event(double at, MeetingEventType type, String pid, String text) {
    events.add(new TrackRecord.Event(t0 + (long) (at * 1e6), type, pid, text));
  }

  /**
   * Adds a participant's camera and microphone: media time 0 is server time {@code mediaZero}
   * seconds after T0; the sender's NTP clock runs {@code clockSkew} seconds ahead of the server's;
   * packets arrive 40 ms after they are sent; the camera's first {@code cameraLate} seconds are missing.
   */
  public void participant(String pid, MediaClip clip, double mediaZero, double clockSkew, double cameraLate, int ssrcBase)
      throws IOException {
    long zero = t0 + (long) (mediaZero * 1e6);
    long skew = (long) (clockSkew * 1e6);
    List<TrackRecord> cam = new ArrayList<>();
    long vts = 1_000_000_000L;
    int seq = 65_000;
    for (int f = 0; f < clip.videoFrames().size(); f++) {
      long sent = zero + f * 1_000_000L / 30;
      long ts = vts + 3000L * f;
      if (f % 30 == 0) {
        cam.add(new TrackRecord.SenderReport(sent + 40_000, ntp(sent + skew), ts & 0xFFFFFFFFL, f, 0));
      }
      if (sent < zero + (long) (cameraLate * 1e6)) {
        continue;
      }
      byte[] frame = clip.videoFrames().get(f);
      for (int pos = 0; pos < frame.length; pos += 1000) {
        int n = Math.min(1000, frame.length - pos);
        byte[] payload = new byte[1 + n];
        payload[0] = (byte) (pos == 0 ? 0x10 : 0);
        System.arraycopy(frame, pos, payload, 1, n);
        cam.add(new TrackRecord.Rtp(sent + 40_000, rtp(96, pos + n == frame.length, seq++, ts, ssrcBase, payload)));
      }
    }
    List<TrackRecord> mic = new ArrayList<>();
    long ats = 7_000;
    for (int i = 0; i < clip.opusPackets().size(); i++) {
      long sent = zero + i * 20_000L;
      if (i % 50 == 0) {
        mic.add(new TrackRecord.SenderReport(sent + 40_000, ntp(sent + skew), (ats + 960L * i) & 0xFFFFFFFFL, i, 0));
      }
      mic.add(new TrackRecord.Rtp(sent + 40_000, rtp(111, false, i, ats + 960L * i, ssrcBase + 1, clip.opusPackets().get(i))));
    }
    put(new TrackHeader(TrackKind.CAMERA, TrackCodec.VP8, ssrcBase, pid, pid + "-camera", 0, t0), cam);
    put(new TrackHeader(TrackKind.AUDIO, TrackCodec.OPUS, ssrcBase + 1, pid, pid + "-audio", 0, t0), mic);
  }

  /** Writes the events file; call after the participants. */
  public void finish() throws IOException {
    put(new TrackHeader(TrackKind.EVENTS, TrackCodec.NONE, 0, "", "events", 0, t0), events);
  }

  void put(TrackHeader h, List<TrackRecord> records) throws IOException {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.writeBytes(TrackFileFormat.header(h));
    records.forEach(r -> o.writeBytes(TrackFileFormat.record(r)));
    Path f = Files.write(dir.resolve(TrackFileWriter.chunkName(h)), o.toByteArray());
    store.put(Compositor.tracksPrefix(recordingId) + f.getFileName(), f);
  }

  static byte[] rtp(int pt, boolean marker, int seq, long ts, int ssrc, byte[] payload) {
    return RtpFixtures.rtp(pt, marker, seq, ts, ssrc, payload);
  }

  static long ntp(long unixMicros) {
    return RtpFixtures.ntp(unixMicros);
  }
}
