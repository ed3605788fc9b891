package io.confero.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.confero.api.RestClient;
import io.vertx.sqlclient.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The embedded PostgreSQL as an operator runs it: durable (fsync and synchronous commit on), closed
 * to anyone without the generated password, and started again after the JVM was killed with
 * {@code kill -9} while its postmaster lived on.
 */
class EmbeddedDatabaseTest {

  @Test
  void acknowledgedWritesAreDurable() throws Exception {
    try (TestNode node = TestNode.start()) {
      assertThat(setting(node, "fsync")).isEqualTo("on");
      assertThat(setting(node, "synchronous_commit")).isEqualTo("on");
      assertThat(setting(node, "full_page_writes")).isEqualTo("on");
    }
  }

  @Test
  void onlyThePasswordHolderMayConnect() throws Exception {
    Path dir = Files.createTempDirectory("confero-db-access");
    int port;
    try (TestNode node = TestNode.start(dir, Map.of())) {
      port = node.node().databasePort();
      String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
      assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "")).isInstanceOf(SQLException.class);
      assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "postgres"))
          .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
      Path pw = dir.resolve("postgres").resolve("confero-password");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pw))).isEqualTo("rw-------");
      try (var c = DriverManager.getConnection(url, "postgres", Files.readString(pw).strip())) {
        assertThat(c.isValid(5)).isTrue();
      }
      assertThat(Files.readString(dir.resolve("postgres").resolve("pg_hba.conf"))).doesNotContain("trust");
    }
    try (TestNode again = TestNode.start(dir, Map.of())) { // the stored password opens it again
      assertThat(setting(again, "password_encryption")).isEqualTo("scram-sha-256");
    }
  }

  @Test
  void startsAfterKillNineLeftThePostmasterRunning() throws Exception {
    Path dir = Files.createTempDirectory("confero-kill9");
    Map<String, String> env = TestNode.env(dir, Map.of());
    ChildNode child = ChildNode.start(env);
    String meeting;
    long postmaster;
    try {
      child.awaitHealthy(Duration.ofSeconds(180));
      RestClient rest = new RestClient(child.baseUrl());
      meeting = rest.authed(rest.token(), "POST", "/api/v1/meetings", "{\"title\":\"Before kill -9\"}").json()
          .getString("meeting_id");
      postmaster = Long.parseLong(Files.readAllLines(dir.resolve("postgres").resolve("postmaster.pid")).get(0).strip());
    } finally {
      child.kill9(); // SIGKILL: no shutdown hook runs
    }
    assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).as("the orphaned postmaster").contains(true);
    try (TestNode next = TestNode.start(dir, Map.of())) {
      RestClient rest = new RestClient(next.baseUrl());
      RestClient.Response r = rest.authed(rest.token(), "GET", "/api/v1/meetings/" + meeting, null);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      assertThat(r.json().getString("title")).isEqualTo("Before kill -9");
    }
    // Gone, or a zombie: where the container's init reaps no orphans, the stopped postmaster stays
    // in the process table (state Z) although it runs no more.
    await().atMost(Duration.ofSeconds(30)).until(() -> !running(postmaster));
  }

  private static boolean running(long pid) {
    if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      char state = stat.substring(stat.lastIndexOf(')') + 2).charAt(0);
      return state != 'Z' && state != 'X';
    } catch (java.io.IOException | RuntimeException e) {
      return false; // exited between the two looks
    }
  }

  private static String setting(TestNode node, String name) throws Exception {
    return node.node().pool().query("SHOW " + name).execute().map(rows -> {
      Row r = rows.iterator().next();
      return r.getString(0);
    }).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
