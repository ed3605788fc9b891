package io.confero.sfu.cascade;

import io.confero.media.srtp.SrtpKeys;
import io.confero.sfu.pipe.PipeMessage;
import java.util.Objects;

/**
 * A worker pipe's control message sent to a worker of another node over the clustered event bus
 * ({@code Addresses.sfuCascade(node, worker)}): the same membership and producer life-cycle as
 * between the workers of one node ({@link PipeMessage} Hello, HelloAck, Bye, ProducerOpened,
 * ProducerUpdated, ProducerMuted, ProducerClosed, NeededLayers), stamped with the sending worker's
 * node, index and link address, since worker indices mean nothing across nodes. The {@code from}
 * fields of {@code body} are rewritten by the receiver. Packets, sender reports and keyframe
 * requests never travel here: they go over the UDP link ({@link CascadeLink}).
 *
 * @param fromNode the sending worker's node id
 * @param fromWorker its index on that node
 * @param host the address its link datagrams come from and go to
 * @param port its UDP port
 * @param streamBase for ProducerOpened: the link stream id of encoding 0 (encoding i is {@code streamBase + i}); else 0
 * @param keys the link's SRTP keys when the sender opens the link (the lower endpoint), else null
 * @param body the control message
 */
public record CascadeMessage(String fromNode, int fromWorker, String host, int port, int streamBase, SrtpKeys keys,
    PipeMessage body) {
  public CascadeMessage {
    Objects.requireNonNull(fromNode, "fromNode");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(body, "body");
    if (body instanceof PipeMessage.Packet || body instanceof PipeMessage.SenderReport
        || body instanceof PipeMessage.KeyframeRequest) {
      throw new IllegalArgumentException("media goes over the link, not the event bus: " + body.getClass().getSimpleName());
    }
    if (port < 0 || port > 65535 || fromWorker < 0 || streamBase < 0) {
      throw new IllegalArgumentException("bad endpoint " + host + ":" + port + " worker " + fromWorker);
    }
  }

  /** The sending endpoint. */
  public Endpoint endpoint() {
    return new Endpoint(fromNode, fromWorker);
  }

  /** One SFU worker of the cluster: its node and index; ordered so that the lower one opens a link. */
  public record Endpoint(String node, int worker) implements Comparable<Endpoint> {
    @Override
    public int compareTo(Endpoint o) {
      int c = node.compareTo(o.node);
      return c != 0 ? c : Integer.compare(worker, o.worker);
    }
  }
}
