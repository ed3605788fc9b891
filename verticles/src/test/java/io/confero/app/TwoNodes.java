package io.confero.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Two Confero nodes of one cluster with meetings spanning them ({@code cluster.cascade}): two
 * clustered Vert.x instances in this JVM, Hazelcast TCP-IP join on loopback (B joins A's member),
 * one PostgreSQL (A's embedded one, which B reaches as an external database).
 */
public final class TwoNodes implements AutoCloseable {
  private final TestNode a;
  private final TestNode b;

  private TwoNodes(TestNode a, TestNode b) {
    this.a = a;
    this.b = b;
  }

  /** Starts A, then B; {@code overrides} apply to both. */
  public static TwoNodes start(Path dir, Map<String, String> overrides) throws Exception {
    First first = startFirst(dir, overrides);
    try {
      return new TwoNodes(first.node(), TestNode.start(dir.resolve("b"), first.secondEnv()));
    } catch (Exception | Error e) {
      first.node().close();
      throw e;
    }
  }

  /** Node A, and the {@code CONFERO_*} overrides of a second node joining it (in this JVM or a child one). */
  public record First(TestNode node, Map<String, String> secondEnv) {}

  /** Starts node A (embedded PostgreSQL, cascade on) and says how a second node joins it. */
  public static First startFirst(Path dir, Map<String, String> overrides) throws Exception {
    String cluster = "cascade-" + java.util.UUID.randomUUID();
    int clusterPort = TestNode.freePort();
    int dbPort = TestNode.freePort();
    Map<String, String> envA = new HashMap<>(overrides);
    envA.put("CONFERO_CLUSTER_NAME", cluster);
    envA.put("CONFERO_CLUSTER_PORT", Integer.toString(clusterPort));
    envA.put("CONFERO_CLUSTER_CASCADE", "true");
    envA.put("CONFERO_DATABASE_EMBEDDED_PORT", Integer.toString(dbPort));
    TestNode a = TestNode.start(dir.resolve("a"), envA);
    Map<String, String> envB = new HashMap<>(overrides);
    envB.put("CONFERO_CLUSTER_NAME", cluster);
    envB.put("CONFERO_CLUSTER_MEMBERS", "127.0.0.1:" + clusterPort);
    envB.put("CONFERO_CLUSTER_PORT", Integer.toString(TestNode.freePort()));
    envB.put("CONFERO_CLUSTER_CASCADE", "true");
    envB.put("CONFERO_DATABASE_MODE", "external");
    envB.put("CONFERO_DATABASE_HOST", "127.0.0.1");
    envB.put("CONFERO_DATABASE_PORT", Integer.toString(dbPort));
    envB.put("CONFERO_DATABASE_NAME", "postgres");
    envB.put("CONFERO_DATABASE_USER", "postgres");
    envB.put("CONFERO_DATABASE_PASSWORD", Files.readString(dir.resolve("a/postgres/confero-password")).strip());
    return new First(a, envB);
  }

  public TestNode a() {
    return a;
  }

  public TestNode b() {
    return b;
  }

  @Override
  public void close() throws Exception {
    try {
      b.close();
    } finally {
      a.close();
    }
  }
}
