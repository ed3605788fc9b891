package io.confero.recording.capture;

import io.confero.recording.format.TrackFileFormat;
import io.confero.recording.format.TrackHeader;
import io.confero.recording.format.TrackRecord;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Appends one track's records to chunk files ({@code <trackId>.<chunk>.cfrt}) in a folder.
 *
 * <p>{@link #append} only encodes into memory and is called on the owner's thread (the SFU
 * worker's event loop); {@link #flush} hands what accumulated to a worker executor, which writes
 * and forces it to disk, in order. A chunk older than {@code chunkLength} is closed at the next
 * flush and given to the {@link ChunkListener} (which uploads it) on the worker thread, so a crash
 * loses at most what was appended since the last flush.
 */
public final class TrackFileWriter {
  /** Told, on the worker thread, of every closed chunk. */
  public interface ChunkListener {
    void chunkClosed(TrackHeader header, Path file) throws IOException;
  }

  private final WorkerExecutor worker;
  private final Path dir;
  private final LongSupplier clockMicros;
  private final long chunkMicros;
  private final ChunkListener listener;
  private ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private TrackHeader header;
  private long appended;
  private boolean closed;
  // touched only on the worker, in order
  private FileChannel channel;
  private Path file;
  private final List<Path> chunks = new ArrayList<>();

  public TrackFileWriter(WorkerExecutor worker, Path dir, TrackHeader first, LongSupplier clockMicros,
      Duration chunkLength, ChunkListener listener) {
    this.worker = worker;
    this.dir = dir;
    this.header = first;
    this.clockMicros = clockMicros;
    this.chunkMicros = chunkLength.toNanos() / 1000;
    this.listener = listener;
  }

  /** The file name of a chunk. */
  public static String chunkName(TrackHeader h) {
    return h.trackId() + "." + String.format("%05d", h.chunk()) + ".cfrt";
  }

  /** Encodes one record into memory; nothing touches the disk until {@link #flush}. */
  public void append(TrackRecord r) {
    if (closed) {
      throw new IllegalStateException("writer for " + header.trackId() + " is closed");
    }
    byte[] b = TrackFileFormat.record(r);
    pending.write(b, 0, b.length);
    appended++;
  }

  /** Records appended so far. */
  public long appended() {
    return appended;
  }

  /** Writes what accumulated on the worker, rotating to a new chunk when the current one is old enough. */
  public Future<Void> flush() {
    byte[] bytes = take();
    TrackHeader h = header;
    boolean rotate = clockMicros.getAsLong() - h.startMicros() >= chunkMicros;
    if (rotate) {
      header = h.next(clockMicros.getAsLong());
    }
    TrackHeader next = header;
    return worker.executeBlocking(() -> {
      write(h, bytes);
      if (rotate) {
        closeChunk(h);
        open(next);
      }
      return null;
    }, true);
  }

  /** Flushes, closes the last chunk and completes with every chunk file written. */
  public Future<List<Path>> close() {
    byte[] bytes = take();
    TrackHeader h = header;
    closed = true;
    return worker.executeBlocking(() -> {
      write(h, bytes);
      closeChunk(h);
      return List.copyOf(chunks);
    }, true);
  }

  private byte[] take() {
    byte[] b = pending.toByteArray();
    pending = new ByteArrayOutputStream(Math.max(256, b.length));
    return b;
  }

  private void write(TrackHeader h, byte[] bytes) throws IOException {
    if (channel == null) {
      open(h);
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
    channel.force(false);
  }

  private void open(TrackHeader h) throws IOException {
    Files.createDirectories(dir);
    file = dir.resolve(chunkName(h));
    channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    channel.write(ByteBuffer.wrap(TrackFileFormat.header(h)));
    chunks.add(file);
  }

  private void closeChunk(TrackHeader h) throws IOException {
    if (channel == null) {
      return;
    }
    channel.force(true);
    channel.close();
    channel = null;
    listener.chunkClosed(h, file);
  }
}
