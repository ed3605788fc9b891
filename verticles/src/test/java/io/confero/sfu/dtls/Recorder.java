package io.confero.sfu.dtls;

import io.confero.media.srtp.SrtpKeys;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Records a {@link DtlsEndpoint}'s callbacks as futures. */
class Recorder implements DtlsEndpoint.Listener {
    final CompletableFuture<SrtpKeys> connected = new CompletableFuture<>();
    final CompletableFuture<String> failed = new CompletableFuture<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();

    @Override
    public void onConnected(SrtpKeys keys) {
        connected.complete(keys);
    }

    @Override
    public void onFailed(String reason) {
        failed.complete(reason);
    }

    @Override
    public void onClosed() {
        closed.complete(null);
    }

    SrtpKeys keys() throws Exception {
        return connected.get(20, TimeUnit.SECONDS);
    }

    String failure() throws Exception {
        return failed.get(20, TimeUnit.SECONDS);
    }
}
