package io.confero.sfu.media;

import io.confero.media.rtcp.RtcpSr;
import io.confero.media.rtp.RtpPacket;
import io.confero.sfu.bwe.TrackDemand;
import io.confero.sfu.bwe.TrackPriority;
import io.confero.sfu.forward.Forwarder;
import io.confero.sfu.simulcast.Dynacast;
import io.confero.sfu.simulcast.LayerSelector;
import io.confero.sfu.simulcast.LayerSwitcher;
import io.confero.sfu.simulcast.LayerSwitcher.SwitchDecision;
import io.confero.sfu.simulcast.SenderClock;
import io.confero.sfu.simulcast.TimestampAligner;

/**
 * One subscriber's view of one simulcast producer (part of its {@link WebRtcConsumer}): which
 * layer it should get for the tile height it reports ({@link LayerSelector}, re-run at most every
 * {@value #RESELECT_NANOS} ns and whenever the height changes), the keyframe-gated switch to it
 * ({@link LayerSwitcher}), and the timestamp the new layer's first packet gets
 * ({@link TimestampAligner}, from each layer's latest sender report). Worker event loop only.
 */
final class SimulcastLayers {
  /** What a subscriber that reported nothing shows: the top layer. */
  static final int UNREPORTED_HEIGHT = 2160;
  static final long RESELECT_NANOS = 200_000_000L;
  static final long KEYFRAME_RETRY_NANOS = 500_000_000L;
  /** How far a sender-report-aligned timestamp may stray from the arrival-time one. */
  static final long MAX_SKEW_MILLIS = 500;
  /** The budget of a video the allocation paused: nothing is forwarded until it resumes. */
  static final long PAUSED = 0;

  private final Producer producer;
  private final LayerSwitcher switcher = new LayerSwitcher(KEYFRAME_RETRY_NANOS);
  private final TimestampAligner aligner;
  private final SenderClock[] clocks;
  private int tileHeight = UNREPORTED_HEIGHT;
  private int desired = -1;
  private boolean reselect = true;
  private long lastSelect;
  private int previous = -1;
  /** What the subscriber's allocation gives this track, bits per second. */
  private long budgetBps = Long.MAX_VALUE;

  SimulcastLayers(Producer producer) {
    this.producer = producer;
    this.aligner = new TimestampAligner(producer.clockRate(), MAX_SKEW_MILLIS);
    this.clocks = new SenderClock[producer.encodings().size()];
    this.desired = LayerSelector.desiredLayer(tileHeight, producer.activity().snapshot(0));
  }

  /** The subscriber shows the track {@code height} device pixels high (0: hidden). */
  void setTileHeight(int height) {
    if (height != tileHeight) {
      tileHeight = height;
      reselect = true;
      // known without packets, so dynacast resumes what this subscriber wants even while nothing arrives
      desired = LayerSelector.desiredLayer(height, producer.activity().snapshot(lastSelect));
    }
    if (height == 0) {
      hide();
    }
  }

  /**
   * The subscriber's allocation gives this track {@code bps} ({@link #PAUSED}: not even the lowest
   * layer fits); the layer is re-chosen when it changes.
   */
  void setBudget(long bps) {
    if (bps != budgetBps) {
      budgetBps = bps;
      reselect = true;
    }
  }

  /** This track's demand on the subscriber's downlink: its layers' recent bitrates, up to the desired one. */
  TrackDemand demand(String id, TrackPriority priority, boolean hidden, long nowNanos) {
    LayerSelector.Layer[] snapshot = producer.activity().snapshot(nowNanos);
    long[] bitrates = new long[snapshot.length];
    for (int i = 0; i < snapshot.length; i++) {
      bitrates[i] = snapshot[i].arriving() ? snapshot[i].bitrateBps() : 0;
    }
    return new TrackDemand(id, priority, bitrates, hidden ? -1 : Math.min(desired, bitrates.length - 1));
  }

  /** Whether the allocation paused this wanted video for lack of bandwidth (nothing is forwarded). */
  boolean pausedForBandwidth() {
    return budgetBps == PAUSED && desired >= 0;
  }

  /** Forwarding stopped (tile hidden): nothing is current, the next layer starts at a key frame. */
  void hide() {
    switcher.setTarget(-1);
    reselect = true;
  }

  int tileHeight() {
    return tileHeight;
  }

  /** The layer being forwarded, -1 for none. */
  int current() {
    return switcher.current();
  }

  /** The layer being switched to (the current one when no switch is pending), -1 for none. */
  int target() {
    return switcher.target();
  }

  /** This consumer's needs for {@link Dynacast}: its desired layer and the one it forwards now. */
  int neededMask(int mask) {
    return Dynacast.need(mask, desired, switcher.current());
  }

  void onSenderReport(Encoding encoding, RtcpSr sr) {
    clocks[encoding.index()] = new SenderClock(sr.ntpTimestamp(), sr.rtpTimestamp());
  }

  /** Decides whether one packet of the producer is forwarded (see {@link LayerSwitcher}). */
  SwitchDecision onPacket(PacketInfo info) {
    long now = info.arrivalNanos();
    if (reselect || now - lastSelect >= RESELECT_NANOS) {
      select(now);
    }
    int before = switcher.current();
    SwitchDecision d = switcher.onPacket(info.encoding().index(), info.keyframe(), now);
    if (d.switched()) {
      previous = before;
    }
    return d;
  }

  private void select(long now) {
    reselect = false;
    lastSelect = now;
    LayerSelector.Layer[] layers = producer.activity().snapshot(now);
    desired = LayerSelector.desiredLayer(tileHeight, layers);
    if (budgetBps == PAUSED) {
      switcher.setTarget(-1);
      return;
    }
    LayerSelector.Choice c = LayerSelector.select(desired, layers, budgetBps);
    if (c.reason() != LayerSelector.Reason.NOTHING_ARRIVING) {
      switcher.setTarget(c.layer());
    }
  }

  /**
   * Points the forwarder at the layer that just became current, with its first timestamp aligned
   * through both layers' sender reports when something was forwarded before.
   */
  void switchForwarder(Forwarder forwarder, PacketInfo info) {
    RtpPacket in = info.packet();
    int to = info.encoding().index();
    if (!forwarder.hasStarted() || !forwarder.hasCurrentSource() || previous < 0) {
      forwarder.switchTo(in.ssrc());
      return;
    }
    TimestampAligner.Alignment a = aligner.align(forwarder.lastTimestamp(),
        info.arrivalNanos() - forwarder.lastArrivalNanos(), clocks[previous], forwarder.timestampOffset(), clocks[to],
        in.timestamp());
    forwarder.switchTo(in.ssrc(), a.timestamp());
  }
}
