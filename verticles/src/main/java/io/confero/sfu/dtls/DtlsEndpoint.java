package io.confero.sfu.dtls;

import io.confero.media.srtp.SrtpKeys;
import io.confero.media.srtp.SrtpSession;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsTimeoutException;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * DTLS-SRTP for one transport (RFC 5764, RFC 5763, DTLS 1.2 per RFC 6347) on BouncyCastle.
 *
 * <p>The UDP demultiplexer hands DTLS datagrams (first byte 20..63, RFC 7983) to {@link #deliver};
 * BouncyCastle's blocking handshake runs on the given {@link Executor}, which must be a bounded
 * worker pool and never an event loop; as server it is taken only once the first datagram arrived.
 * On success {@link Listener#onConnected} is called from inside
 * BouncyCastle's {@code notifyHandshakeComplete}, before the final flight can be answered with media,
 * so SRTP can be installed before the peer's first packet. Afterwards datagrams are still read (on the
 * executor, only while some are queued) so a lost final flight is resent and a peer's close_notify is
 * noticed ({@link Listener#onClosed}).
 *
 * <p>As client, call {@link #start()} once ICE has an address to send to (the first valid check);
 * as server, call it when the transport is created: no worker is taken before the ClientHello.
 *
 * <p>Callbacks run on executor threads, at most one of onConnected/onFailed and at most one
 * onClosed. Our own {@link #close()} raises no callback.
 */
public final class DtlsEndpoint implements AutoCloseable {

    /** Outcome callbacks. Implementations must be quick and must not throw. */
    public interface Listener {
        /** The handshake finished and these keys protect media; called once. */
        void onConnected(SrtpKeys keys);

        /** The handshake failed (timeout, alert, fingerprint mismatch, no common profile); called once. */
        void onFailed(String reason);

        /** The peer closed or broke a connected association; called once. */
        void onClosed();
    }

    private enum State { NEW, HANDSHAKING, CONNECTED, FAILED, CLOSED }

    private final DtlsRole role;
    private final Executor executor;
    private final Listener listener;
    private final QueueDatagramTransport transport;
    private final SrtpNegotiation negotiation;
    private final BcTlsCrypto crypto;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final AtomicBoolean reading = new AtomicBoolean(true);
    private final AtomicBoolean launched = new AtomicBoolean();
    private final AtomicLong droppedDatagrams = new AtomicLong();
    private final Object dtlsLock = new Object();
    private volatile DTLSTransport dtls;

    /**
     * @param role our DTLS role for this transport
     * @param certificate our certificate (its fingerprint went into our SDP)
     * @param remoteFingerprint the peer's {@code a=fingerprint:sha-256} value
     * @param options limits, timeouts and SRTP profiles
     * @param sender sends one datagram to the peer's selected address; called from executor threads
     * @param executor bounded worker pool that runs the blocking handshake
     * @param listener outcome callbacks
     */
    public DtlsEndpoint(DtlsRole role, DtlsCertificate certificate, String remoteFingerprint, DtlsOptions options,
                        Consumer<byte[]> sender, Executor executor, Listener listener) {
        this.role = Objects.requireNonNull(role, "role");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.listener = Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(sender, "sender");
        byte[] expected = DtlsCertificate.parseFingerprint(remoteFingerprint);
        this.negotiation = new SrtpNegotiation(Objects.requireNonNull(certificate, "certificate"), expected,
                Objects.requireNonNull(options, "options"), this::connected);
        this.transport = new QueueDatagramTransport(options.queueCapacity(), options.sendLimit(),
                options.receiveLimit(), sender, this::transportClosed);
        this.crypto = new BcTlsCrypto(new SecureRandom());
    }

    /** Our role. */
    public DtlsRole role() {
        return role;
    }

    /**
     * An SRTP session for keys this endpoint reported, with local and remote keys picked for our
     * role (RFC 5764 §4.2): call it from {@link Listener#onConnected}.
     */
    public SrtpSession newSrtpSession(SrtpKeys keys) {
        return new SrtpSession(keys, role.isClient(), SrtpSession.DEFAULT_MAX_SSRCS);
    }

    /**
     * Starts the handshake. As client this sends the ClientHello at once. As server the blocking
     * handshake takes a worker only when the first datagram (the ClientHello) is there, so transports
     * whose peer never shows up hold no thread; the handshake timeout counts from that datagram.
     */
    public void start() {
        if (!state.compareAndSet(State.NEW, State.HANDSHAKING)) {
            throw new IllegalStateException("already started");
        }
        if (role == DtlsRole.CLIENT || transport.hasPending()) {
            launchHandshake();
        }
    }

    /**
     * Hands over one received DTLS datagram (the array is kept, not copied). Datagrams beyond the queue
     * capacity, or after failure/close, are dropped and counted. Never blocks.
     */
    public void deliver(byte[] datagram) {
        State before = state.get();
        if (before == State.FAILED || before == State.CLOSED || !transport.offer(datagram)) {
            droppedDatagrams.incrementAndGet();
            return;
        }
        State now = state.get();
        if (now == State.CONNECTED) {
            scheduleRead();
        } else if (now == State.HANDSHAKING && role == DtlsRole.SERVER) {
            launchHandshake();
        }
    }

    /** Datagrams dropped because the queue was full or the endpoint was done. */
    public long droppedDatagrams() {
        return droppedDatagrams.get();
    }

    /** True once the handshake has completed and until the association closes. */
    public boolean isConnected() {
        return state.get() == State.CONNECTED;
    }

    /**
     * Closes: sends close_notify when connected (on the executor), ends the handshake or reader
     * threads, and drops queued datagrams. Never blocks; idempotent.
     */
    @Override
    public void close() {
        State previous = state.getAndSet(State.CLOSED);
        if (previous == State.CLOSED) {
            return;
        }
        transport.close();
        DTLSTransport connected = dtls;
        if (connected != null) {
            try {
                executor.execute(() -> closeQuietly(connected));
            } catch (RejectedExecutionException e) {
                closeQuietly(connected);
            }
        }
    }

    private void launchHandshake() {
        if (launched.compareAndSet(false, true)) {
            try {
                executor.execute(this::handshake);
            } catch (RejectedExecutionException e) {
                failed("executor rejected the handshake");
            }
        }
    }

    private void handshake() {
        try {
            DTLSTransport established = role == DtlsRole.SERVER
                    ? new DTLSServerProtocol().accept(new SrtpDtlsServer(crypto, negotiation), transport)
                    : new DTLSClientProtocol().connect(new SrtpDtlsClient(crypto, negotiation), transport);
            dtls = established;
            if (state.get() != State.CONNECTED) {
                closeQuietly(established);
                return;
            }
            readQueued();
        } catch (IOException | RuntimeException e) {
            if (state.get() == State.CONNECTED) {
                peerClosed();
            } else {
                failed(describe(e));
            }
        }
    }

    /** Called by {@link SrtpNegotiation#complete} inside notifyHandshakeComplete. */
    private void connected(SrtpKeys keys) {
        if (state.compareAndSet(State.HANDSHAKING, State.CONNECTED)) {
            try {
                listener.onConnected(keys);
            } catch (RuntimeException ignored) {
                // a listener must not break the handshake; the contract says it does not throw
            }
        }
    }

    private void scheduleRead() {
        if (reading.compareAndSet(false, true)) {
            try {
                executor.execute(this::readQueued);
            } catch (RejectedExecutionException e) {
                reading.set(false);
            }
        }
    }

    /** Post-handshake reading: lets BC resend its final flight and see alerts, while datagrams are queued. */
    private void readQueued() {
        byte[] buf = new byte[transport.getReceiveLimit()];
        try {
            do {
                while (transport.hasPending() && state.get() == State.CONNECTED) {
                    synchronized (dtlsLock) {
                        dtls.receive(buf, 0, buf.length, 1);
                    }
                }
                reading.set(false);
            } while (transport.hasPending() && state.get() == State.CONNECTED && reading.compareAndSet(false, true));
        } catch (IOException | RuntimeException e) {
            reading.set(false);
            peerClosed();
        }
    }

    private void transportClosed() {
        if (state.get() == State.CONNECTED) {
            peerClosed();
        }
    }

    private void peerClosed() {
        if (state.compareAndSet(State.CONNECTED, State.CLOSED)) {
            transport.close();
            listener.onClosed();
        }
    }

    private void failed(String reason) {
        if (state.compareAndSet(State.HANDSHAKING, State.FAILED)) {
            transport.close();
            listener.onFailed(reason);
        }
    }

    private void closeQuietly(DTLSTransport t) {
        synchronized (dtlsLock) {
            try {
                t.close();
            } catch (IOException | RuntimeException ignored) {
                // the association is going away either way
            }
        }
    }

    private String describe(Exception e) {
        String own = negotiation.failureReason();
        if (own != null) {
            return own;
        }
        if (e instanceof TlsTimeoutException) {
            return "handshake timeout";
        }
        if (e instanceof TlsFatalAlertReceived received) {
            return "peer sent alert " + AlertDescription.getText(received.getAlertDescription());
        }
        if (e instanceof TlsFatalAlert alert) {
            return "handshake aborted: " + AlertDescription.getText(alert.getAlertDescription());
        }
        if (transport.isClosed()) {
            return "transport closed";
        }
        return "handshake failed: " + e;
    }
}
