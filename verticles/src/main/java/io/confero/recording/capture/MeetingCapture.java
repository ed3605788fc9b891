package io.confero.recording.capture;

import io.confero.recording.composite.Compositor;
import io.confero.recording.format.MeetingEventType;
import io.confero.recording.format.TrackCodec;
import io.confero.recording.format.TrackHeader;
import io.confero.recording.format.TrackKind;
import io.confero.recording.format.TrackRecord;
import io.confero.recording.store.RecordingStore;
import io.confero.sfu.media.Consumer;
import io.confero.sfu.media.Producer;
import io.confero.sfu.media.TrackSource;
import io.confero.sfu.router.Router;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captures one meeting's recording on the SFU worker that routes it: a {@link Router.ProducerTap}
 * that attaches a {@link RecorderConsumer} to every producer (now and later) and writes the events
 * the layout needs (who has tracks, mutes, active speaker, screen shares). Each track and the
 * events go to their own {@link TrackFileWriter}; closed chunks are uploaded to the
 * {@link RecordingStore} (under {@code <recordingId>/tracks/}) from the worker executor while the
 * meeting runs, then deleted locally. Touched only on the SFU worker's event loop; the owner calls
 * {@link #flush} every flush interval and {@link #stop} at the end.
 */
public final class MeetingCapture implements Router.ProducerTap {
  private static final Logger LOG = LoggerFactory.getLogger(MeetingCapture.class);

  private final String recordingId;
  private final WorkerExecutor worker;
  private final Path dir;
  private final RecordingStore store;
  private final LongSupplier wallMicros;
  private final Duration chunkLength;
  private final TrackFileWriter events;
  private final Map<Producer, RecorderConsumer> consumers = new LinkedHashMap<>();
  private final List<TrackFileWriter> writers = new ArrayList<>();
  private final Map<String, Integer> tracksOf = new HashMap<>();

  public MeetingCapture(String recordingId, WorkerExecutor worker, Path workDir, RecordingStore store,
      LongSupplier wallMicros, Duration chunkLength) {
    this.recordingId = recordingId;
    this.worker = worker;
    this.dir = workDir.resolve(recordingId);
    this.store = store;
    this.wallMicros = wallMicros;
    this.chunkLength = chunkLength;
    this.events = writer(new TrackHeader(TrackKind.EVENTS, TrackCodec.NONE, 0, "", "events", 0, wallMicros.getAsLong()));
  }

  public String recordingId() {
    return recordingId;
  }

  @Override
  public void onProducer(Producer p, Consumer.Listener listener) {
    TrackCodec codec = TrackCodec.ofEncodingName(p.primaryCodec().name());
    if (codec == null || consumers.containsKey(p)) {
      return;
    }
    TrackKind kind = switch (p.source()) {
      case MICROPHONE -> TrackKind.AUDIO;
      case CAMERA -> TrackKind.CAMERA;
      case SCREEN -> TrackKind.SCREEN;
    };
    if (tracksOf.merge(p.participantId(), 1, Integer::sum) == 1) {
      event(MeetingEventType.JOIN, p.participantId(), "");
    }
    if (p.source() == TrackSource.SCREEN) {
      event(MeetingEventType.SCREEN_SHARE_STARTED, p.participantId(), "");
    }
    RecorderConsumer c = new RecorderConsumer(p, ssrc -> writer(new TrackHeader(kind, codec, ssrc, p.participantId(),
        p.trackId(), 0, wallMicros.getAsLong())), (consumer, encoding) -> {
          if (p.isVideo()) {
            listener.onKeyframeNeeded(consumer, encoding);
          }
        }, wallMicros, () -> closed(p));
    consumers.put(p, c);
    p.addConsumer(c);
  }

  @Override
  public void onMuted(Producer p, boolean muted) {
    MeetingEventType t = p.isVideo() ? (muted ? MeetingEventType.VIDEO_OFF : MeetingEventType.VIDEO_ON)
        : (muted ? MeetingEventType.AUDIO_MUTED : MeetingEventType.AUDIO_UNMUTED);
    event(t, p.participantId(), "");
  }

  @Override
  public void onActiveSpeaker(String participantId) {
    event(MeetingEventType.ACTIVE_SPEAKER, participantId, "");
  }

  /** Writes a meeting event (a display name learned from signaling, for instance). */
  public void event(MeetingEventType type, String participantId, String text) {
    events.append(new TrackRecord.Event(wallMicros.getAsLong(), type, participantId, text));
  }

  /** Hands what every track buffered to the worker executor. */
  public Future<Void> flush() {
    return Future.all(writers.stream().map(TrackFileWriter::flush).toList()).mapEmpty();
  }

  /** Detaches from every producer, closes every writer; completes when every chunk is uploaded. */
  public Future<Void> stop() {
    for (RecorderConsumer c : List.copyOf(consumers.values())) {
      c.producer().removeConsumer(c);
      c.close();
    }
    event(MeetingEventType.RECORDING_STOPPED, "", "");
    return Future.all(writers.stream().map(TrackFileWriter::close).toList()).mapEmpty();
  }

  private void closed(Producer p) {
    consumers.remove(p);
    if (p.source() == TrackSource.SCREEN) {
      event(MeetingEventType.SCREEN_SHARE_STOPPED, p.participantId(), "");
    }
    if (tracksOf.merge(p.participantId(), -1, Integer::sum) == 0) {
      tracksOf.remove(p.participantId());
      event(MeetingEventType.LEAVE, p.participantId(), "");
    }
  }

  private TrackFileWriter writer(TrackHeader h) {
    TrackFileWriter w = new TrackFileWriter(worker, dir, h, wallMicros, chunkLength, this::upload);
    writers.add(w);
    return w;
  }

  /** Runs on the worker: the closed chunk goes to the store, then leaves the local disk. */
  private void upload(TrackHeader h, Path file) throws IOException {
    store.put(Compositor.tracksPrefix(recordingId) + file.getFileName(), file);
    Files.deleteIfExists(file);
    LOG.debug("recording {} uploaded {}", recordingId, file.getFileName());
  }
}
