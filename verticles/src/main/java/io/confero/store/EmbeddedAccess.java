package io.confero.store;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may connect to the embedded PostgreSQL, and its start after a crash. The superuser gets a
 * generated password kept with the data (file {@value #PASSWORD_FILE}, mode 0600, never logged);
 * {@code pg_hba.conf} admits only password logins ({@code scram-sha-256}) over loopback TCP, and no
 * Unix socket is opened. The password is set in single-user mode before the server first listens,
 * so there is no window in which the old {@code trust} rule applies; a half-done change (crash in
 * between) is redone with the same password from {@value #PENDING_FILE}.
 *
 * <p>A postmaster left running by a killed JVM (its data folder's {@code postmaster.pid} names a
 * live process) is stopped before the new one starts: the caller holds the folder's lock, so no
 * live Confero uses that server.
 */
final class EmbeddedAccess {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedAccess.class);
  static final String PASSWORD_FILE = "confero-password";
  static final String PENDING_FILE = "confero-password.pending";
  private static final String HBA = "# Written by Confero at every start: password (SCRAM) logins over loopback only.\n"
      + "host all all 127.0.0.1/32 scram-sha-256\nhost all all ::1/128 scram-sha-256\n";

  private final Path dir;
  private final String password;
  private final boolean pending;

  private EmbeddedAccess(Path dir, String password, boolean pending) {
    this.dir = dir;
    this.password = password;
    this.pending = pending;
  }

  /**
   * The password of the data folder {@code dir}: stored, pending from an interrupted start, or new
   * (written into the folder by {@link #apply}, after initdb, which wants an empty folder).
   */
  static EmbeddedAccess prepare(Path dir) throws IOException {
    Path done = dir.resolve(PASSWORD_FILE);
    if (Files.exists(done)) {
      return new EmbeddedAccess(dir, Files.readString(done, StandardCharsets.UTF_8).strip(), false);
    }
    Path pending = dir.resolve(PENDING_FILE);
    if (Files.exists(pending)) {
      return new EmbeddedAccess(dir, Files.readString(pending, StandardCharsets.UTF_8).strip(), true);
    }
    byte[] raw = new byte[24];
    new SecureRandom().nextBytes(raw);
    return new EmbeddedAccess(dir, Base64.getUrlEncoder().withoutPadding().encodeToString(raw), true);
  }

  private void writePending() throws IOException {
    Path pending = dir.resolve(PENDING_FILE);
    if (Files.exists(pending)) {
      return;
    }
    Path tmp = Files.createTempFile(dir, "pw", ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(tmp, password, StandardCharsets.UTF_8);
    Files.move(tmp, pending, StandardCopyOption.ATOMIC_MOVE);
  }

  String password() {
    return password;
  }

  /** Runs after initdb and before the postmaster starts (zonky's data-directory customizer). */
  void apply(File dataDir) {
    try {
      File bin = new File(binaries(), "bin");
      stopOrphan(bin, dataDir);
      Files.writeString(dataDir.toPath().resolve("pg_hba.conf"), HBA, StandardCharsets.UTF_8);
      if (pending) {
        writePending();
        setPassword(bin, dataDir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The server started with the password: it is the data folder's password from now on. */
  void committed() throws IOException {
    if (pending) {
      Files.move(dir.resolve(PENDING_FILE), dir.resolve(PASSWORD_FILE), StandardCopyOption.ATOMIC_MOVE);
    }
  }

  private void setPassword(File bin, File dataDir) throws IOException {
    Process p = start(List.of(new File(bin, "postgres").getPath(), "--single", "-D", dataDir.getPath(), "postgres"));
    try (OutputStream in = p.getOutputStream()) {
      in.write(("ALTER ROLE postgres PASSWORD '" + password + "';\n").getBytes(StandardCharsets.UTF_8));
    }
    if (await(p) != 0) {
      throw new IOException("setting the embedded PostgreSQL password failed (single-user mode)");
    }
    LOG.info("embedded PostgreSQL: generated superuser password stored in {}", dir.resolve(PASSWORD_FILE));
  }

  private static void stopOrphan(File bin, File dataDir) throws IOException {
    Path pidFile = dataDir.toPath().resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    long pid;
    try {
      pid = Long.parseLong(Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).strip());
    } catch (RuntimeException e) {
      return; // unreadable: PostgreSQL itself decides about a stale lock file
    }
    boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    if (!alive) {
      return;
    }
    LOG.warn("an orphaned embedded PostgreSQL (pid {}) still runs on {}: stopping it", pid, dataDir);
    int rc = await(start(List.of(new File(bin, "pg_ctl").getPath(), "-D", dataDir.getPath(), "stop", "-m", "fast",
        "-t", "30", "-w")));
    if (rc != 0) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  /** Starts a PostgreSQL binary as zonky does: in a user namespace when running as root. */
  private static Process start(List<String> command) throws IOException {
    List<String> full = new ArrayList<>();
    if (LinuxUtils.isUnshareAvailable()) {
      full.addAll(List.of("unshare", "-U"));
    }
    full.addAll(command);
    return new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }

  private static int await(Process p) throws IOException {
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return -1;
      }
      return p.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** zonky's unpacked binaries (the same call its own start makes; cached after the first). */
  private static File binaries() throws IOException {
    try {
      Method m = EmbeddedPostgres.class.getDeclaredMethod("prepareBinaries", PgBinaryResolver.class, File.class);
      m.setAccessible(true);
      return (File) m.invoke(null, DefaultPostgresBinaryResolver.INSTANCE, null);
    } catch (ReflectiveOperationException e) {
      throw new IOException("cannot locate the embedded PostgreSQL binaries", e);
    }
  }
}
