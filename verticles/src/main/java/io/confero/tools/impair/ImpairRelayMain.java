package io.confero.tools.impair;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The impairment relay as a command-line tool, to put between a browser and Confero by hand
 * (docs/testing.md):
 *
 * <pre>
 * java -cp verticles/target/confero.jar io.confero.tools.impair.ImpairRelayMain \
 *     --listen 127.0.0.2 --server 127.0.0.1 --ports 10000,10001 \
 *     --up rate=800k,queue=200ms,delay=30ms --down rate=2m,ge=1%/30% \
 *     [--step '20s;rate=300k' --step '20s;up:loss=5%;down:delay=100ms,jitter=20ms' [--loop]] \
 *     [--seed 1] [--report 5]
 * </pre>
 *
 * With {@code --step} the steps replace {@code --up}/{@code --down}. Counters are printed every
 * {@code --report} seconds until the process is stopped.
 */
public final class ImpairRelayMain {
    static final String USAGE = "usage: ImpairRelayMain --listen HOST --server HOST --ports P[,P...]"
        + " [--up SPEC] [--down SPEC] [--step 'DURATION;SPEC' | --step 'DURATION;up:SPEC;down:SPEC']... [--loop]"
        + " [--seed N] [--report SECONDS]";

    private ImpairRelayMain() {
    }

    /** The parsed command line. */
    record Config(String listenHost, String serverHost, List<Integer> ports, Schedule schedule, long seed,
                  int reportSeconds) {
    }

    static Config parse(String[] args) {
        String listen = null;
        String server = null;
        List<Integer> ports = new ArrayList<>();
        ImpairmentSpec upSpec = ImpairmentSpec.PERFECT;
        ImpairmentSpec downSpec = ImpairmentSpec.PERFECT;
        List<String> steps = new ArrayList<>();
        boolean loop = false;
        long seed = 1;
        int report = 5;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--loop")) {
                loop = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + a);
            }
            String v = args[++i];
            switch (a) {
                case "--listen" -> listen = v;
                case "--server" -> server = v;
                case "--ports" -> {
                    for (String p : v.split(",")) {
                        ports.add((int) SpecValues.bounded(p, 1, 65535, "port"));
                    }
                }
                case "--up" -> upSpec = ImpairmentSpec.parse(v);
                case "--down" -> downSpec = ImpairmentSpec.parse(v);
                case "--step" -> steps.add(v);
                case "--seed" -> seed = SpecValues.bounded(v, Long.MIN_VALUE, Long.MAX_VALUE, "seed");
                case "--report" -> report = (int) SpecValues.bounded(v, 1, 3600, "report");
                default -> throw new IllegalArgumentException("unknown option " + ImpairmentSpec.clip(a));
            }
        }
        if (listen == null || server == null || ports.isEmpty()) {
            throw new IllegalArgumentException("--listen, --server and --ports are required");
        }
        Schedule schedule = steps.isEmpty() ? Schedule.constant(upSpec, downSpec) : Schedule.parse(steps, loop);
        return new Config(listen, server, List.copyOf(ports), schedule, seed, report);
    }

    public static void main(String[] args) throws Exception {
        Config c;
        try {
            c = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        List<ImpairRelay> relays = new ArrayList<>();
        for (int port : c.ports()) {
            relays.add(new ImpairRelay(new InetSocketAddress(c.listenHost(), port),
                new InetSocketAddress(c.serverHost(), port), c.schedule(), c.seed() + port));
            System.out.println("relaying " + c.listenHost() + ":" + port + " -> " + c.serverHost() + ":" + port);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            relays.forEach(ImpairRelay::close);
            stopped.countDown();
        }));
        while (!stopped.await(c.reportSeconds(), TimeUnit.SECONDS)) {
            for (int i = 0; i < relays.size(); i++) {
                ImpairRelay r = relays.get(i);
                System.out.println("port " + c.ports().get(i) + " up: " + r.up() + " | down: " + r.down());
            }
        }
    }
}
