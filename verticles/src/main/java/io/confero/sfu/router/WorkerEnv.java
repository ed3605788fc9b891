package io.confero.sfu.router;

import io.confero.codecs.sfu.SfuEvent;
import io.confero.media.sdp.LocalTransport;
import io.confero.sfu.media.PacerClock;
import io.confero.sfu.metrics.SfuMetrics;
import io.confero.sfu.transport.WebRtcTransport;

/**
 * What a meeting router needs from the SFU worker that hosts it (implemented by the SFU worker
 * verticle), its clock and timers included (for pacing subscribers' bandwidth probes).
 */
public interface WorkerEnv extends PacerClock {
  /** A new transport with fresh ICE credentials, registered for demultiplexing on the worker's socket. */
  WebRtcTransport newTransport(String participantId, boolean publisher, WebRtcTransport.Listener listener);

  /** Unregisters and closes a transport. */
  void release(WebRtcTransport transport);

  /** Our side of a transport as SDP needs it (ICE credentials, fingerprint, announced address). */
  LocalTransport local(WebRtcTransport transport);

  void emit(SfuEvent event);

  SfuMetrics metrics();

  long nowMillis();

  int randomInt();

  /** The node's other workers, for meetings whose participants sit on several (none by default). */
  default io.confero.sfu.pipe.PipeNet pipes() {
    return io.confero.sfu.pipe.PipeNet.SINGLE;
  }

  /** Audio slots for large meetings ({@code sfu.audio_slots}); the defaults unless the worker says otherwise. */
  default AudioSlotConfig audioSlots() {
    return AudioSlotConfig.DEFAULT;
  }
}
