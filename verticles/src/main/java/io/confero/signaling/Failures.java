package io.confero.signaling;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.eventbus.ReplyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a failed frame into the client's {@code error} with a stable code, and counts it. */
final class Failures {
  private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

  private final Counter errors;

  Failures(MeterRegistry registry) {
    this.errors = Counter.builder("confero.signaling.errors").description("Refused signaling frames").register(registry);
  }

  /** Tells {@code conn} why its frame (answered as {@code ref}, may be null) failed. */
  void report(Connection conn, Throwable e, String ref) {
    errors.increment();
    if (e instanceof SignalingError se) {
      conn.error(se.code, se.getMessage(), ref);
    } else if (e instanceof ReplyException re && re.failureCode() == 400) {
      conn.error("bad-sdp", re.getMessage(), ref);
    } else {
      LOG.warn("signaling failure for participant {}", conn.participantId(), e);
      conn.error("internal", "the server failed to handle this message", ref);
    }
  }
}
