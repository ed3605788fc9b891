package io.confero.turn;

import static io.confero.turn.TurnFakes.addr;
import static org.assertj.core.api.Assertions.assertThat;

import io.confero.media.stun.StunAttributeType;
import io.confero.media.stun.StunClass;
import io.confero.media.stun.StunMessage;
import io.confero.media.stun.StunMethod;
import io.confero.turn.ClientChannel.Transport;
import io.confero.turn.TurnFakes.FakeClient;
import io.confero.turn.TurnFakes.FakeClock;
import io.confero.turn.TurnFakes.FakeRelays;
import io.confero.turn.TurnMetrics.Refusal;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TURN credentials end with the seat: allocations close, old credentials are refused, a rejoin works. */
class SeatEndRevocationTest {
  static final String SECRET = "test-secret-0123456789";
  static final long TTL = 86_400;

  FakeClock clock;
  FakeRelays relays;
  TurnMetrics metrics;
  TurnServer server;

  @BeforeEach
  void setUp() {
    clock = new FakeClock();
    relays = new FakeRelays();
    TurnServer[] holder = new TurnServer[1];
    metrics = new TurnMetrics(new SimpleMeterRegistry(), () -> holder[0] == null ? 0 : holder[0].allocationCount());
    server = new TurnServer(TurnConfig.defaults(SECRET), metrics, clock, new SplittableRandom(7), relays);
    holder[0] = server;
  }

  FakeClient client(int port, String user) {
    return new FakeClient(server, Transport.UDP, addr("203.0.113.5", port))
        .credentials(TurnCredentials.mint(SECRET, user, clock.now / 1000, TTL));
  }

  static StunMessage allocate(FakeClient c) {
    return c.request(StunMethod.ALLOCATE, b -> b.addFirstByteOf4(StunAttributeType.REQUESTED_TRANSPORT, 17));
  }

  static boolean succeeded(StunMessage m) {
    return m.messageClass() == StunClass.SUCCESS_RESPONSE;
  }

  @Test
  void aSeatThatEndsLosesItsAllocationAndItsCredentialsButNotOtherSeats() throws Exception {
    FakeClient alice = client(40000, "m1.alice");
    FakeClient bob = client(40001, "m1.bob");
    assertThat(succeeded(allocate(alice))).isTrue();
    assertThat(succeeded(allocate(bob))).isTrue();
    clock.advanceSeconds(5);

    server.endSeat("m1", "m1.alice", clock.now / 1000);

    assertThat(server.allocationCount()).isEqualTo(1);
    assertThat(relays.last().closed).isFalse(); // bob's relay
    FakeClient again = new FakeClient(server, Transport.UDP, addr("203.0.113.5", 40002)).credentials(
        TurnCredentials.mint(SECRET, "m1.alice", clock.now / 1000 - 5, TTL)); // the old credentials
    StunMessage refused = allocate(again);
    assertThat(refused.errorCode().code()).isEqualTo(401);
    assertThat(metrics.refusals(Refusal.SEAT_ENDED)).isEqualTo(1);

    clock.advanceSeconds(1); // the seat is taken again: the join mints new credentials
    assertThat(succeeded(allocate(client(40003, "m1.alice")))).isTrue();
  }

  @Test
  void aMeetingThatEndsClosesEverySeatOfItOnly() {
    assertThat(succeeded(allocate(client(40000, "m1.alice")))).isTrue();
    assertThat(succeeded(allocate(client(40001, "m1.bob")))).isTrue();
    assertThat(succeeded(allocate(client(40002, "m2.carol")))).isTrue();
    clock.advanceSeconds(1);

    server.endSeat("m1", null, clock.now / 1000);

    assertThat(server.allocationCount()).isEqualTo(1);
    StunMessage r = allocate(new FakeClient(server, Transport.UDP, addr("203.0.113.5", 40004))
        .credentials(TurnCredentials.mint(SECRET, "m1.dave", clock.now / 1000 - 1, TTL)));
    assertThat(r.messageClass()).isEqualTo(StunClass.ERROR_RESPONSE);
  }

  @Test
  void revocationsAreForgottenOnceTheCredentialsTheyCoverHaveExpired() {
    server.endSeat("m1", "m1.alice", clock.now / 1000);
    clock.advanceSeconds(TTL + 2);
    server.sweep();
    assertThat(succeeded(allocate(client(40000, "m1.alice")))).isTrue();
  }
}
