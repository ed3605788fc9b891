package io.confero.sfu.router;

import io.confero.codecs.sfu.SfuEvent;
import io.confero.sfu.media.WebRtcConsumer;
import io.confero.sfu.transport.WebRtcTransport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * What one participant's transports report, routed to its uplink (publisher transport) or downlink
 * (subscriber transport); a transport that goes down takes the participant out of the router,
 * unless a newer peer of the same participant replaced it meanwhile ({@code current}).
 */
final class PeerTransportListener implements WebRtcTransport.Listener {
  private final Peer peer;
  private final String meetingId;
  private final WorkerEnv env;
  private final BooleanSupplier current;
  private final Consumer<String> leave;

  PeerTransportListener(Peer peer, String meetingId, WorkerEnv env, BooleanSupplier current, Consumer<String> leave) {
    this.peer = peer;
    this.meetingId = meetingId;
    this.env = env;
    this.current = current;
    this.leave = leave;
  }

  @Override
  public void onRtp(WebRtcTransport t, byte[] buf, int len, long nowNanos) {
    if (t.isPublisher()) {
      peer.uplink.onRtp(buf, len, nowNanos);
    }
  }

  @Override
  public void onRtcp(WebRtcTransport t, byte[] buf, int len, long nowNanos) {
    if (t.isPublisher()) {
      peer.uplink.onRtcp(buf, len, nowNanos);
    } else {
      peer.downlink.onRtcp(buf, len, nowNanos / 1_000_000);
    }
  }

  @Override
  public void onConnected(WebRtcTransport t) {
    if (t.isPublisher()) {
      env.emit(new SfuEvent.TransportUp(meetingId, peer.participantId));
    } else {
      peer.consumersByTrack.values().forEach(WebRtcConsumer::requestKeyframe);
    }
  }

  @Override
  public void onDown(WebRtcTransport t, String reason) {
    if (current.getAsBoolean()) {
      env.emit(new SfuEvent.TransportDown(meetingId, peer.participantId, reason));
      leave.accept(peer.participantId);
    }
  }
}
