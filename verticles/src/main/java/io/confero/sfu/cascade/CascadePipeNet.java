package io.confero.sfu.cascade;

import io.confero.sfu.pipe.PipeMessage;
import io.confero.sfu.pipe.PipeNet;

/**
 * A worker's pipe endpoints across the cluster: indices below the node's worker count are the
 * node's own workers ({@code local}), those beyond are workers of other nodes reached through the
 * cascade ({@link CascadeEndpoint}). Routers see one kind of pipe either way.
 */
public final class CascadePipeNet implements PipeNet {
  private final PipeNet local;
  private final CascadeEndpoint cascade;

  public CascadePipeNet(PipeNet local, CascadeEndpoint cascade) {
    this.local = local;
    this.cascade = cascade;
  }

  @Override
  public int self() {
    return local.self();
  }

  @Override
  public int workers() {
    return local.workers();
  }

  @Override
  public boolean post(int to, PipeMessage m) {
    return cascade.isRemote(to) ? cascade.post(to, m) : local.post(to, m);
  }

  @Override
  public Runnable packetCounter(int to) {
    return cascade.isRemote(to) ? cascade.packetCounter(to) : local.packetCounter(to);
  }
}
