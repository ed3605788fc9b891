package io.confero.sfu.metrics;

import io.confero.sfu.bwe.RetransmissionLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/** Counters of one SFU worker: datagrams in, packets forwarded, NACK/RTX repair, drops by reason. */
public final class SfuMetrics {
  private final Map<DropReason, Counter> drops = new EnumMap<>(DropReason.class);
  private final Counter datagramsIn;
  private final Counter rtpForwarded;
  private final Counter bytesForwarded;
  private final Counter nacksAnswered;
  private final Counter keyframeRequests;
  private final Counter nacksSent;
  private final Counter nackRecovered;
  private final Counter rtxSent;
  private final Counter probePackets;
  private final Map<RetransmissionLimiter.Verdict, Counter> rtxRefused = new EnumMap<>(RetransmissionLimiter.Verdict.class);
  private final DistributionSummary estimates;

  public SfuMetrics(MeterRegistry registry, int worker) {
    String w = Integer.toString(worker);
    for (DropReason d : DropReason.values()) {
      drops.put(d, Counter.builder("confero.sfu.drops").tag("worker", w).tag("reason", d.tag())
          .description("Datagrams or packets the SFU dropped, by reason").register(registry));
    }
    datagramsIn = Counter.builder("confero.sfu.datagrams.received").tag("worker", w).register(registry);
    rtpForwarded = Counter.builder("confero.sfu.rtp.forwarded").tag("worker", w)
        .description("RTP packets sent to subscribers").register(registry);
    bytesForwarded = Counter.builder("confero.sfu.rtp.forwarded.bytes").tag("worker", w).register(registry);
    nacksAnswered = Counter.builder("confero.sfu.nack.retransmissions").tag("worker", w).register(registry);
    keyframeRequests = Counter.builder("confero.sfu.keyframe.requests").tag("worker", w).register(registry);
    nacksSent = Counter.builder("confero.sfu.nack.sent").tag("worker", w)
        .description("Generic NACKs sent to publishers for packets lost on their way to the SFU").register(registry);
    nackRecovered = Counter.builder("confero.sfu.nack.recovered").tag("worker", w)
        .description("Packets missing from a publisher that arrived later (RTX repair or late)").register(registry);
    rtxSent = Counter.builder("confero.sfu.rtx.sent").tag("worker", w)
        .description("Retransmissions sent to subscribers as RFC 4588 RTX packets").register(registry);
    probePackets = Counter.builder("confero.sfu.bwe.probe.packets").tag("worker", w)
        .description("Padding packets sent to subscribers to probe their downlinks upward").register(registry);
    for (RetransmissionLimiter.Verdict v : RetransmissionLimiter.Verdict.values()) {
      if (v != RetransmissionLimiter.Verdict.SEND) {
        rtxRefused.put(v, Counter.builder("confero.sfu.nack.refused").tag("worker", w)
            .tag("reason", v.name().toLowerCase(java.util.Locale.ROOT))
            .description("Subscribers' NACKed packets not resent, by reason").register(registry));
      }
    }
    estimates = DistributionSummary.builder("confero.sfu.bwe.estimate").tag("worker", w).baseUnit("bits/s")
        .description("Send-side bandwidth estimates toward subscribers, one sample per transport-cc feedback")
        .register(registry);
  }

  /** A NACKed packet the retransmission limiter refused. */
  public void retransmissionRefused(RetransmissionLimiter.Verdict verdict) {
    Counter c = rtxRefused.get(verdict);
    if (c != null) {
      c.increment();
    }
  }

  /** A subscriber's new bandwidth estimate. */
  public void bandwidthEstimate(long bps) {
    estimates.record(bps);
  }

  /** Drops counted so far for one reason. */
  public double dropped(DropReason reason) {
    return drops.get(reason).count();
  }

  public void drop(DropReason reason) {
    drops.get(reason).increment();
  }

  public void received() {
    datagramsIn.increment();
  }

  public void forwarded(int bytes) {
    rtpForwarded.increment();
    bytesForwarded.increment(bytes);
  }

  /** RTP packets forwarded so far (the worker's load signal). */
  public double forwardedCount() {
    return rtpForwarded.count();
  }

  public void retransmitted() {
    nacksAnswered.increment();
  }

  public void nackSent() {
    nacksSent.increment();
  }

  public void nackRecovered() {
    nackRecovered.increment();
  }

  public void rtxSent() {
    rtxSent.increment();
  }

  /** A bandwidth probe's padding packet left toward a subscriber. */
  public void probeSent() {
    probePackets.increment();
  }

  public void keyframeRequested() {
    keyframeRequests.increment();
  }
}
