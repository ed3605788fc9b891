package io.confero.tools.impair;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UDP relay in front of one server port that impairs both directions per a {@link Schedule}.
 * Each client address gets its own upstream socket (a port-restricted NAT, so the server sees one
 * peer-reflexive address per client) and its own pair of {@link LinkModel}s (each client has its
 * own access link). The server must announce the relay's address (Confero:
 * {@code sfu.announced_address}). Threads: one receiving from clients, one per client receiving
 * from the server, one sending what is due; the models are touched by one thread each.
 */
public final class ImpairRelay implements AutoCloseable {
    private static final int MAX_DATAGRAM = 2048;

    private final DatagramSocket front;
    private final InetSocketAddress server;
    private final Schedule schedule;
    private final SplittableRandom seeds;
    private final long started = System.nanoTime();
    private final Map<SocketAddress, Client> clients = new ConcurrentHashMap<>();
    /** Client port → the down link's spec set by {@link #impairDown}, instead of the schedule. */
    private final Map<Integer, ImpairmentSpec> downOverrides = new ConcurrentHashMap<>();
    private final DelayQueue<Due> due = new DelayQueue<>();
    private final AtomicLong order = new AtomicLong();
    private final Thread sender;
    private final Counters up = new Counters();
    private final Counters down = new Counters();
    private volatile boolean closed;

    /** Per direction: datagrams delivered, dropped by the queue, lost. */
    public static final class Counters {
        final AtomicLong delivered = new AtomicLong();
        final AtomicLong queueDrops = new AtomicLong();
        final AtomicLong lost = new AtomicLong();

        public long delivered() { return delivered.get(); }

        public long queueDrops() { return queueDrops.get(); }

        public long lost() { return lost.get(); }

        void count(LinkModel.Fate fate) {
            (switch (fate) {
                case DELIVER -> delivered;
                case QUEUE_FULL -> queueDrops;
                case LOST -> lost;
            }).incrementAndGet();
        }

        @Override
        public String toString() {
            return "delivered=" + delivered + " queue-drops=" + queueDrops + " lost=" + lost;
        }
    }

    /**
     * @param seed seeds every link's randomness, so a run repeats its loss pattern
     */
    public ImpairRelay(InetSocketAddress listen, InetSocketAddress server, Schedule schedule, long seed)
            throws SocketException {
        this.front = new DatagramSocket(listen);
        this.server = server;
        this.schedule = schedule;
        this.seeds = new SplittableRandom(seed);
        daemon("impair-front-" + front.getLocalPort(), this::relayUp).start();
        this.sender = daemon("impair-send-" + front.getLocalPort(), this::sendDue);
        sender.start();
    }

    public int localPort() { return front.getLocalPort(); }

    /** The clients seen so far: their address, then the port of the relay's upstream socket for each. */
    public java.util.List<String> clients() {
        return clients.values().stream().map(c -> c.address + "@" + c.socket.getLocalPort()).sorted().toList();
    }

    /**
     * From now on impairs what goes to the client at {@code clientPort} with {@code down} instead of
     * the schedule ({@code null}: the schedule again), so that a test changes one browser's downlink
     * when it wants. {@code clientPort} is the client's own port or the port of the relay's upstream
     * socket for it: what the server sees, and what a browser's getStats shows as its selected local
     * (peer-reflexive) candidate once the server's ICE answers told it that mapped address.
     */
    public void impairDown(int clientPort, ImpairmentSpec down) {
        if (down == null) {
            downOverrides.remove(clientPort);
        } else {
            downOverrides.put(clientPort, down);
        }
    }

    /** Client → server counters. */
    public Counters up() { return up; }

    /** Server → client counters. */
    public Counters down() { return down; }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private final class Client {
        final SocketAddress address;
        final DatagramSocket socket;
        final LinkModel upLink;
        final LinkModel downLink;
        volatile int upStep;
        volatile int downStep;
        /** The override of {@link #impairDown} now applied to the down link, null for none. */
        ImpairmentSpec downOverride;

        Client(SocketAddress address) throws SocketException {
            this.address = address;
            this.socket = new DatagramSocket(new InetSocketAddress(server.getAddress(), 0));
            Schedule.Step first = schedule.steps().get(0);
            synchronized (seeds) {
                upLink = new LinkModel(first.up(), seeds.split());
                downLink = new LinkModel(first.down(), seeds.split());
            }
        }
    }

    private Client client(SocketAddress address) {
        return clients.computeIfAbsent(address, a -> {
            try {
                Client c = new Client(a);
                daemon("impair-down-" + c.socket.getLocalPort(), () -> relayDown(c)).start();
                return c;
            } catch (SocketException e) {
                throw new IllegalStateException("cannot open an upstream socket", e);
            }
        });
    }

    private void relayUp() {
        byte[] buf = new byte[MAX_DATAGRAM];
        while (!closed) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                front.receive(p);
                Client c = client(p.getSocketAddress());
                int step = schedule.stepAt(System.nanoTime() - started);
                if (step != c.upStep) {
                    c.upStep = step;
                    c.upLink.reconfigure(schedule.steps().get(step).up());
                }
                admit(c.upLink, up, buf, p.getLength(), c.socket, server);
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void relayDown(Client c) {
        byte[] buf = new byte[MAX_DATAGRAM];
        while (!closed) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                c.socket.receive(p);
                reconfigureDown(c);
                admit(c.downLink, down, buf, p.getLength(), front, c.address);
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    /** Applies the client's override or, without one, the schedule's current step to its down link. */
    private void reconfigureDown(Client c) {
        ImpairmentSpec override = c.address instanceof InetSocketAddress a ? downOverrides.get(a.getPort()) : null;
        if (override == null) {
            override = downOverrides.get(c.socket.getLocalPort());
        }
        int step = schedule.stepAt(System.nanoTime() - started);
        if (override != null) {
            if (override != c.downOverride) {
                c.downOverride = override;
                c.downLink.reconfigure(override);
            }
        } else if (step != c.downStep || c.downOverride != null) {
            c.downOverride = null;
            c.downStep = step;
            c.downLink.reconfigure(schedule.steps().get(step).down());
        }
    }

    private void admit(LinkModel link, Counters counters, byte[] buf, int len, DatagramSocket via, SocketAddress to) {
        LinkModel.Verdict v = link.offer(buf, 0, len, System.nanoTime());
        counters.count(v.fate());
        if (v.fate() == LinkModel.Fate.DELIVER) {
            byte[] copy = Arrays.copyOf(buf, len);
            due.put(new Due(v.deliverAtNanos(), order.incrementAndGet(), new DatagramPacket(copy, len, to), via));
        }
    }

    private void sendDue() {
        while (!closed) {
            try {
                Due d = due.take();
                d.via.send(d.packet);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    /** A datagram waiting for its delivery time; {@code order} keeps equal times first-in first-out. */
    private record Due(long atNanos, long order, DatagramPacket packet, DatagramSocket via) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(atNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            Due d = (Due) o;
            int byTime = Long.compare(atNanos - d.atNanos, 0);
            return byTime != 0 ? byTime : Long.compare(order, d.order);
        }
    }

    @Override
    public void close() {
        closed = true;
        sender.interrupt();
        front.close();
        clients.values().forEach(c -> c.socket.close());
    }
}
