package io.confero.sfu.cascade;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.media.rtcp.RtcpSr;
import io.confero.media.srtp.SrtpKeys;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * Two ends of a cascade link wired back to back in memory, with real SRTP: media crosses, a loss
 * on the link is NACKed and repaired by an RFC 4588 retransmission, keyframe requests and sender
 * reports cross, and forged or replayed datagrams are counted drops.
 */
class CascadeLinkTest {
  /** What one end received. */
  static final class Received implements CascadeLink.Listener {
    final List<Integer> seqs = new ArrayList<>();
    final List<byte[]> originals = new ArrayList<>();
    final List<Integer> keyframeRequests = new ArrayList<>();
    final List<RtcpSr> reports = new ArrayList<>();

    @Override
    public void onMedia(LinkPacket p, byte[] buf) {
      seqs.add(p.linkSeq());
      originals.add(Arrays.copyOfRange(buf, p.innerOffset(), p.innerOffset() + p.innerLength()));
    }

    @Override
    public void onKeyframeRequest(int streamId) {
      keyframeRequests.add(streamId);
    }

    @Override
    public void onSenderReport(int streamId, RtcpSr sr) {
      reports.add(sr);
    }
  }

  private final SrtpKeys keys = LinkKeys.generate(new SecureRandom());
  private final Received atA = new Received();
  private final Received atB = new Received();
  private CascadeLink a;
  private CascadeLink b;
  private final List<byte[]> wire = new ArrayList<>();
  /** Which datagrams from A (by count) the wire loses. */
  private IntPredicate lose = i -> false;
  private int fromA;

  CascadeLinkTest() {
    a = new CascadeLink(LinkKeys.session(keys, true), (buf, off, len) -> {
      byte[] d = Arrays.copyOfRange(buf, off, off + len);
      wire.add(d);
      if (!lose.test(fromA++)) {
        b.onDatagram(d.clone(), 0, d.length, 0);
      }
    }, atA);
    b = new CascadeLink(LinkKeys.session(keys, false), (buf, off, len) -> {
      byte[] d = Arrays.copyOfRange(buf, off, off + len);
      a.onDatagram(d, 0, d.length, 0);
    }, atB);
  }

  static byte[] original(int seq) {
    byte[] p = new byte[40];
    p[0] = (byte) 0x80;
    p[1] = 96;
    p[2] = (byte) (seq >> 8);
    p[3] = (byte) seq;
    p[8] = 0x12;
    p[20] = (byte) seq;
    return p;
  }

  @Test
  void mediaCrossesEncryptedAndUntouched() {
    for (int i = 0; i < 5; i++) {
      a.sendMedia(9, 1, i == 0, -1, original(1000 + i), 0, 40, 0);
    }
    assertThat(atB.seqs).containsExactly(0, 1, 2, 3, 4);
    assertThat(atB.originals.get(3)).isEqualTo(original(1003));
    // encrypted: the original's bytes do not appear on the wire
    assertThat(wire).noneMatch(d -> Arrays.equals(Arrays.copyOfRange(d, 16, 56), original(1003)));
  }

  @Test
  void aLossOnTheLinkIsNackedAndRetransmitted() {
    lose = i -> i == 2;
    for (int i = 0; i < 5; i++) {
      a.sendMedia(9, 0, false, 40, original(i), 0, 40, 0);
    }
    assertThat(atB.seqs).containsExactly(0, 1, 3, 4);
    b.tick(0);
    assertThat(b.nacksSent()).isEqualTo(1);
    assertThat(a.repairsSent()).isEqualTo(1);
    assertThat(atB.seqs).containsExactly(0, 1, 3, 4, 2);
    assertThat(atB.originals.get(4)).isEqualTo(original(2));
  }

  @Test
  void keyframeRequestsAndSenderReportsCross() {
    b.requestKeyframe(9);
    assertThat(atA.keyframeRequests).containsExactly(9);
    a.sendSenderReport(9, new RtcpSr(0x1234, 0x0102030405060708L, 90_000, 10, 1000, List.of()));
    assertThat(atB.reports).singleElement().satisfies(sr -> {
      assertThat(sr.ssrc()).isEqualTo(9);
      assertThat(sr.ntpTimestamp()).isEqualTo(0x0102030405060708L);
      assertThat(sr.rtpTimestamp()).isEqualTo(90_000);
    });
  }

  @Test
  void forgedAndReplayedDatagramsAreCountedDrops() {
    a.sendMedia(9, 0, false, -1, original(1), 0, 40, 0);
    byte[] replay = wire.get(0).clone();
    b.onDatagram(replay, 0, replay.length, 0);
    byte[] forged = wire.get(0).clone();
    forged[30] ^= 1;
    b.onDatagram(forged, 0, forged.length, 0);
    byte[] junk = new byte[] {1, 2, 3};
    b.onDatagram(junk, 0, junk.length, 0);
    assertThat(atB.seqs).containsExactly(0);
    assertThat(b.drops(LinkDrop.SRTP_FAILED)).isEqualTo(3);
  }

  @Test
  void aNackForAnExpiredPacketIsACountedDrop() {
    lose = i -> i == 1;
    for (int i = 0; i < 3; i++) {
      a.sendMedia(9, 0, false, -1, original(i), 0, 40, 0);
    }
    a.forgetOutbound(9);
    b.tick(0);
    assertThat(a.drops(LinkDrop.NOT_CACHED)).isEqualTo(1);
    assertThat(atB.seqs).containsExactly(0, 2);
  }
}
