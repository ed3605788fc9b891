package io.confero.turn;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts external processes for interop tests and stops exactly those, by PID. */
final class ChildProcesses implements AutoCloseable {
    private final List<Process> started = new ArrayList<>();

    static boolean executable(String path) {
        return Files.isExecutable(Path.of(path));
    }

    /** Starts a process, output redirected to {@code log}. */
    Process start(Path log, String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(p);
        return p;
    }

    /** Starts a process whose stdout we read (stdin stays open so it can be told to finish). */
    Process startPiped(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        started.add(p);
        return p;
    }

    /** Runs to completion (bounded), returns combined output. */
    String run(long timeoutSeconds, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("confero-turn-", ".log");
        try {
            Process p = start(log, command);
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            return Files.readString(log, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Reads lines from {@code p}'s stdout until one starts with {@code prefix}; null at EOF. */
    static String awaitLine(BufferedReader out, String prefix) throws IOException {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        return null;
    }

    static BufferedReader stdout(Process p) {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Stops every process this instance started (SIGTERM, then SIGKILL), each by its own PID. */
    @Override
    public void close() throws InterruptedException {
        for (Process p : started) {
            if (p.isAlive()) {
                p.destroy();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
        started.clear();
    }
}
