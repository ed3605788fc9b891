/**
 * A network you can make bad on purpose: a user-space UDP impairment relay (the kernel's netem is
 * not available where Confero's tests run) with a rate cap per direction (token bucket with a
 * queue limit in milliseconds), delay and jitter, random and bursty (Gilbert–Elliott) loss, and a
 * timed schedule of steps. The models ({@link io.confero.tools.impair.LinkModel} and its parts)
 * are pure, with time and randomness injected; {@link io.confero.tools.impair.ImpairRelay} is the
 * thin UDP shell and {@link io.confero.tools.impair.ImpairRelayMain} its command line
 * (docs/testing.md).
 */
package io.confero.tools.impair;
