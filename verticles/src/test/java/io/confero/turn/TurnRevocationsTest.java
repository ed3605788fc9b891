package io.confero.turn;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class TurnRevocationsTest {
  static final long TTL = 600;

  static String username(long mintedAt, String user) {
    return (mintedAt + TTL) + ":" + user;
  }

  @Property
  void revokedExactlyWhenMintedAtOrBeforeTheEnd(@ForAll @LongRange(min = 1_000, max = 2_000) long minted,
      @ForAll @LongRange(min = 1_000, max = 2_000) long ended, @ForAll boolean wholeMeeting) {
    TurnRevocations r = new TurnRevocations(TTL);
    if (wholeMeeting) {
      r.revokeMeeting("m1", ended);
    } else {
      r.revokeUser("m1.alice", ended);
    }
    assertThat(r.isRevoked(username(minted, "m1.alice"))).isEqualTo(minted <= ended);
    assertThat(r.isRevoked(username(minted, "m2.alice"))).isFalse();
    assertThat(r.isRevoked(username(minted, "m1.bob"))).isEqualTo(wholeMeeting && minted <= ended);
  }

  @Test
  void theLaterOfTwoEndsCountsAndPurgeKeepsWhatStillMatters() {
    TurnRevocations r = new TurnRevocations(TTL);
    r.revokeUser("m1.alice", 2_000);
    r.revokeUser("m1.alice", 1_000);
    assertThat(r.isRevoked(username(1_500, "m1.alice"))).isTrue();
    r.purge(2_000 + TTL);
    assertThat(r.size()).isEqualTo(1);
    r.purge(2_001 + TTL);
    assertThat(r.size()).isZero();
  }

  @Test
  void aNameWithoutExpiryIsNotARevocationMatter() {
    TurnRevocations r = new TurnRevocations(TTL);
    r.revokeMeeting("alice", 5);
    assertThat(r.isRevoked("alice")).isFalse();
  }
}
