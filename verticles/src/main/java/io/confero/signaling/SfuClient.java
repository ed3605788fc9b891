package io.confero.signaling;

import io.confero.codecs.Addresses;
import io.confero.codecs.sfu.SfuRequest;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;

/**
 * Requests to this node's SFU: its dispatcher ({@code SfuDispatchVerticle}) places each
 * participant on a worker (a small meeting on one worker, a large one spread by load) and forwards
 * the request to that worker.
 */
final class SfuClient {
  private final EventBus bus;
  private final String nodeId;

  SfuClient(EventBus bus, String nodeId) {
    this.bus = bus;
    this.nodeId = nodeId;
  }

  <T> Future<T> request(SfuRequest request) {
    return bus.<T>request(Addresses.sfuNode(nodeId), request).map(Message::body);
  }
}
