/**
 * Send-side bandwidth estimation toward one subscriber and what to do with the estimate, pure and
 * clock-injected (no Vert.x, no I/O, no clock reads); times are microseconds on the caller's clock.
 *
 * <p>The estimator follows the design of libwebrtc's GoogCC (draft-ietf-rmcat-gcc-02): a
 * {@link io.confero.sfu.bwe.SendHistory} of the packets we stamped with transport-wide sequence
 * numbers is matched against the subscriber's transport-cc feedback; the delay-based part groups
 * packets into 5 ms send bursts ({@link io.confero.sfu.bwe.InterArrival}), fits a trend to the
 * accumulated queuing delay ({@link io.confero.sfu.bwe.TrendlineEstimator}), compares it against an
 * adaptive threshold ({@link io.confero.sfu.bwe.OveruseDetector}) and drives an AIMD rate
 * ({@link io.confero.sfu.bwe.AimdRateControl}) anchored on what the subscriber acknowledged
 * ({@link io.confero.sfu.bwe.AckedBitrateEstimator}); a loss-based controller
 * ({@link io.confero.sfu.bwe.LossBasedController}) caps it. {@link io.confero.sfu.bwe.SendSideBwe}
 * puts them together.
 *
 * <p>The estimate is spent by {@link io.confero.sfu.bwe.BandwidthAllocator} (audio first, then screen
 * share, the speaker or pinned tile, the other tiles, one layer at a time) under the hysteresis of
 * {@link io.confero.sfu.bwe.AllocationGovernor}; retransmissions are rationed by
 * {@link io.confero.sfu.bwe.RetransmissionLimiter}.
 */
package io.confero.sfu.bwe;
