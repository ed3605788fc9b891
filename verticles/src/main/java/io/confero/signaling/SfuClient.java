package io.confero.signaling;

import io.confero.codecs.Addresses;
import io.confero.codecs.sfu.SfuRequest;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;

/**
 * Requests to the SFU worker that holds a meeting's media on this node: every meeting lives on one
 * worker, placed by the hash of its id, so all its routers' state stays on one event loop.
 */
final class SfuClient {
  private final EventBus bus;
  private final String nodeId;
  private final int workers;

  SfuClient(EventBus bus, String nodeId, int workers) {
    this.bus = bus;
    this.nodeId = nodeId;
    this.workers = workers;
  }

  /** The worker (0..workers-1) that holds {@code meetingId}'s media. */
  int workerOf(String meetingId) {
    return Math.floorMod(meetingId.hashCode(), workers);
  }

  <T> Future<T> request(SfuRequest request) {
    return bus.<T>request(Addresses.sfuWorker(nodeId, workerOf(request.meetingId())), request).map(Message::body);
  }
}
