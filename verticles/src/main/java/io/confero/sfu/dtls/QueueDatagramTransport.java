package io.confero.sfu.dtls;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.bouncycastle.tls.DatagramTransport;

/**
 * The {@link DatagramTransport} BouncyCastle's DTLS runs on: datagrams arrive through a bounded queue
 * fed by the UDP demultiplexer ({@link #offer}) and leave through the transport's sender.
 *
 * <p>Once closed, {@link #receive} throws at once so a blocked handshake ends promptly; sending keeps
 * working so a close_notify can still leave.
 */
final class QueueDatagramTransport implements DatagramTransport {
    private static final byte[] WAKE_UP = new byte[0];

    private final BlockingQueue<byte[]> queue;
    private final Consumer<byte[]> sender;
    private final int sendLimit;
    private final int receiveLimit;
    private final Runnable onClose;
    private final int capacity;
    private volatile boolean closed;

    QueueDatagramTransport(int capacity, int sendLimit, int receiveLimit, Consumer<byte[]> sender, Runnable onClose) {
        this.queue = new ArrayBlockingQueue<>(capacity + 1);
        this.capacity = capacity;
        this.sendLimit = sendLimit;
        this.receiveLimit = receiveLimit;
        this.sender = sender;
        this.onClose = onClose;
    }

    /** Queues a received datagram; false when the queue is full or the transport is closed. */
    boolean offer(byte[] datagram) {
        return !closed && queue.size() < capacity && queue.offer(datagram);
    }

    boolean hasPending() {
        return !queue.isEmpty();
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public int getReceiveLimit() {
        return receiveLimit;
    }

    @Override
    public int getSendLimit() {
        return sendLimit;
    }

    /** Waits up to {@code waitMillis} (0: until a datagram or close) for a datagram; -1 on timeout. */
    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        if (closed) {
            throw new IOException("transport closed");
        }
        byte[] datagram;
        try {
            datagram = waitMillis > 0 ? queue.poll(waitMillis, TimeUnit.MILLISECONDS) : queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (datagram == null) {
            return -1;
        }
        if (datagram == WAKE_UP || closed) {
            throw new IOException("transport closed");
        }
        int n = Math.min(len, datagram.length);
        System.arraycopy(datagram, 0, buf, off, n);
        return n;
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        if (len > sendLimit) {
            throw new IOException("datagram of " + len + " bytes exceeds the send limit " + sendLimit);
        }
        byte[] copy = new byte[len];
        System.arraycopy(buf, off, copy, 0, len);
        try {
            sender.accept(copy);
        } catch (RuntimeException e) {
            throw new IOException("send failed", e);
        }
    }

    /** Closes: wakes any blocked receiver and reports the close once. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.clear();
        queue.offer(WAKE_UP);
        onClose.run();
    }
}
