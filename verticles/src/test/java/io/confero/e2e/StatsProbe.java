package io.confero.e2e;

/** Takes one {@link PeerStats} sample of one peer connection in one page. */
@FunctionalInterface
public interface StatsProbe {
  PeerStats sample();
}
