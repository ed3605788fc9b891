package io.confero.store;

import io.confero.config.ConferoConfig;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server Confero uses: an embedded one (real server binaries from Maven, data in a
 * folder that survives restarts) or an external one. {@link #start} is blocking and runs before
 * Vert.x starts; it migrates the schema with Flyway. {@link #pool} gives the reactive pool every
 * repository uses.
 */
public final class Database implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  private final EmbeddedPostgres embedded;
  private final PgConnectOptions connectOptions;
  private final int poolSize;

  private Database(EmbeddedPostgres embedded, PgConnectOptions options, int poolSize) {
    this.embedded = embedded;
    this.connectOptions = options;
    this.poolSize = poolSize;
  }

  /** Starts (embedded) or reaches (external) PostgreSQL and applies pending migrations. */
  public static Database start(ConferoConfig.Database cfg) throws IOException {
    EmbeddedPostgres pg = null;
    PgConnectOptions options;
    DataSource ds;
    if (cfg.embedded()) {
      Path dir = Path.of(cfg.dataDir()).toAbsolutePath();
      Files.createDirectories(dir);
      EmbeddedAccess access = EmbeddedAccess.prepare(dir);
      EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
          .setDataDirectory(dir)
          .setCleanDataDirectory(false)
          .setServerConfig("listen_addresses", "127.0.0.1")
          .setServerConfig("unix_socket_directories", "")
          // durable by default: zonky turns fsync (pg_ctl -F) and synchronous_commit off for tests
          .setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("full_page_writes", "on")
          .setConnectConfig("password", access.password())
          .setDataDirectoryCustomizer(access::apply);
      if (cfg.embeddedPort() > 0) {
        b.setPort(cfg.embeddedPort());
      }
      pg = b.start();
      access.committed();
      LOG.info("embedded PostgreSQL started on 127.0.0.1:{} with data in {}", pg.getPort(), dir);
      options = new PgConnectOptions().setHost("127.0.0.1").setPort(pg.getPort())
          .setDatabase("postgres").setUser("postgres").setPassword(access.password());
      ds = pg.getPostgresDatabase();
    } else {
      options = new PgConnectOptions().setHost(cfg.host()).setPort(cfg.port())
          .setDatabase(cfg.name()).setUser(cfg.user()).setPassword(cfg.password());
      PGSimpleDataSource simple = new PGSimpleDataSource();
      simple.setServerNames(new String[] {cfg.host()});
      simple.setPortNumbers(new int[] {cfg.port()});
      simple.setDatabaseName(cfg.name());
      simple.setUser(cfg.user());
      simple.setPassword(cfg.password());
      ds = simple;
    }
    try {
      Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    } catch (RuntimeException e) {
      if (pg != null) {
        pg.close();
      }
      throw e;
    }
    return new Database(pg, options, cfg.poolSize());
  }

  /** A reactive pool bound to {@code vertx}; the caller closes it. */
  public Pool pool(Vertx vertx) {
    return PgBuilder.pool().with(new PoolOptions().setMaxSize(poolSize))
        .connectingTo(connectOptions).using(vertx).build();
  }

  public int port() {
    return connectOptions.getPort();
  }

  @Override
  public void close() throws IOException {
    if (embedded != null) {
      embedded.close();
    }
  }
}
