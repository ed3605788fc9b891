package io.confero.sfu.dtls;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A DTLS server and client endpoint wired to each other through in-memory queues, each direction
 * with an optional filter that drops datagrams (returns false).
 */
final class BackToBack implements AutoCloseable {
    final ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(4);
    final DtlsCertificate serverCert = DtlsCertificate.generate();
    final DtlsCertificate clientCert = DtlsCertificate.generate();
    final Recorder serverEvents = new Recorder();
    final Recorder clientEvents = new Recorder();
    final AtomicInteger serverSent = new AtomicInteger();
    final AtomicInteger clientSent = new AtomicInteger();
    final DtlsEndpoint server;
    final DtlsEndpoint client;

    BackToBack(DtlsOptions serverOptions, DtlsOptions clientOptions, Predicate<byte[]> serverToClient,
               Predicate<byte[]> clientToServer, String clientFingerprintAtServer, String serverFingerprintAtClient) {
        DtlsEndpoint[] ends = new DtlsEndpoint[2];
        String expected = clientFingerprintAtServer == null ? clientCert.fingerprintSha256() : clientFingerprintAtServer;
        server = new DtlsEndpoint(DtlsRole.SERVER, serverCert, expected, serverOptions, d -> {
            serverSent.incrementAndGet();
            if (serverToClient.test(d)) {
                ends[1].deliver(d);
            }
        }, pool, serverEvents);
        String atClient = serverFingerprintAtClient == null ? serverCert.fingerprintSha256() : serverFingerprintAtClient;
        client = new DtlsEndpoint(DtlsRole.CLIENT, clientCert, atClient, clientOptions, d -> {
            clientSent.incrementAndGet();
            if (clientToServer.test(d)) {
                ends[0].deliver(d);
            }
        }, pool, clientEvents);
        ends[0] = server;
        ends[1] = client;
    }

    static BackToBack plain(DtlsOptions serverOptions, DtlsOptions clientOptions) {
        return new BackToBack(serverOptions, clientOptions, d -> true, d -> true, null, null);
    }

    BackToBack(DtlsOptions serverOptions, DtlsOptions clientOptions, Predicate<byte[]> serverToClient,
               Predicate<byte[]> clientToServer) {
        this(serverOptions, clientOptions, serverToClient, clientToServer, null, null);
    }

    void start(boolean serverFirst) {
        if (serverFirst) {
            server.start();
            client.start();
        } else {
            client.start();
            server.start();
        }
    }

    @Override
    public void close() throws InterruptedException {
        client.close();
        server.close();
        pool.shutdown();
        pool.awaitTermination(20, TimeUnit.SECONDS);
    }

    ExecutorService executor() {
        return pool;
    }
}
