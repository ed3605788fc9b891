package io.confero.recording.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.recording.format.TrackCodec;
import io.confero.recording.format.TrackFile;
import io.confero.recording.format.TrackFileReader;
import io.confero.recording.format.TrackHeader;
import io.confero.recording.format.TrackKind;
import io.confero.recording.format.TrackRecord;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrackFileWriterTest {
  final Vertx vertx = Vertx.vertx();
  final WorkerExecutor worker = vertx.createSharedWorkerExecutor("recording-test", 1);
  final AtomicLong clock = new AtomicLong(1_000_000);
  @TempDir
  Path dir;

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void flushWritesToDiskAndOldChunksRotateAndAreHandedOn() throws Exception {
    List<Path> closed = new CopyOnWriteArrayList<>();
    TrackHeader h = new TrackHeader(TrackKind.AUDIO, TrackCodec.OPUS, 7, "p1", "p1-audio", 0, clock.get());
    TrackFileWriter w = new TrackFileWriter(worker, dir, h, clock::get, Duration.ofSeconds(10),
        (header, file) -> closed.add(file));
    w.append(new TrackRecord.Rtp(clock.get(), new byte[] {(byte) 0x80, 111, 0, 1, 0, 0, 0, 0, 0, 0, 0, 7, 1}));
    w.flush().await(5, TimeUnit.SECONDS);
    Path first = dir.resolve("p1-audio.00000.cfrt");
    byte[] onDisk = Files.readAllBytes(first);
    assertThat(TrackFileReader.read(onDisk, 0, onDisk.length).records()).hasSize(1);
    assertThat(closed).isEmpty();

    clock.addAndGet(10_000_000);
    w.append(new TrackRecord.Rtp(clock.get(), new byte[] {(byte) 0x80, 111, 0, 2, 0, 0, 0, 0, 0, 0, 0, 7, 2}));
    w.flush().await(5, TimeUnit.SECONDS);
    assertThat(closed).containsExactly(first);
    w.append(new TrackRecord.SenderReport(clock.get(), 1, 2, 3, 4));
    List<Path> all = w.close().await(5, TimeUnit.SECONDS);

    assertThat(all).containsExactly(first, dir.resolve("p1-audio.00001.cfrt"));
    assertThat(closed).containsExactlyElementsOf(all);
    byte[] second = Files.readAllBytes(all.get(1));
    TrackFile f = TrackFileReader.read(second, 0, second.length);
    assertThat(f.header().chunk()).isEqualTo(1);
    assertThat(f.records()).hasSize(1).first().isInstanceOf(TrackRecord.SenderReport.class);
    assertThat(TrackFileReader.read(onDisk, 0, onDisk.length).tail()).isEqualTo(TrackFile.Tail.CLEAN);
  }
}
