package io.confero.sfu.dtls;

import io.confero.media.srtp.SrtpKeys;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One complete in-JVM DTLS-SRTP handshake, so the first real peer does not pay for class loading and
 * JIT of the BC crypto (a cold first handshake takes 150–290 ms, a warm one ~2 ms; TESTING-WEBRTC.md).
 * Call once at start-up, off the event loop.
 */
public final class DtlsWarmup {
    private DtlsWarmup() {
    }

    /**
     * Runs the handshake on two private threads that end before this returns.
     *
     * @return how long it took
     * @throws IllegalStateException if it did not complete within 10 s
     */
    public static Duration run() {
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "dtls-warmup");
            t.setDaemon(true);
            return t;
        });
        DtlsCertificate cert = DtlsCertificate.generate();
        CompletableFuture<SrtpKeys> serverKeys = new CompletableFuture<>();
        CompletableFuture<SrtpKeys> clientKeys = new CompletableFuture<>();
        DtlsEndpoint[] ends = new DtlsEndpoint[2];
        DtlsOptions options = DtlsOptions.defaults();
        ends[0] = new DtlsEndpoint(DtlsRole.SERVER, cert, cert.fingerprintSha256(), options,
                d -> ends[1].deliver(d), pool, listener(serverKeys));
        ends[1] = new DtlsEndpoint(DtlsRole.CLIENT, cert, cert.fingerprintSha256(), options,
                d -> ends[0].deliver(d), pool, listener(clientKeys));
        try {
            ends[0].start();
            ends[1].start();
            CompletableFuture.allOf(serverKeys, clientKeys).get(10, TimeUnit.SECONDS);
            return Duration.ofNanos(System.nanoTime() - start);
        } catch (Exception e) {
            throw new IllegalStateException("DTLS warm-up handshake failed", e);
        } finally {
            ends[1].close();
            ends[0].close();
            pool.shutdown();
            awaitQuietly(pool);
        }
    }

    private static DtlsEndpoint.Listener listener(CompletableFuture<SrtpKeys> keys) {
        return new DtlsEndpoint.Listener() {
            @Override
            public void onConnected(SrtpKeys k) {
                keys.complete(k);
            }

            @Override
            public void onFailed(String reason) {
                keys.completeExceptionally(new IllegalStateException(reason));
            }

            @Override
            public void onClosed() {
                keys.completeExceptionally(new IllegalStateException("closed"));
            }
        };
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
