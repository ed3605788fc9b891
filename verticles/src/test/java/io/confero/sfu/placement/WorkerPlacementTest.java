package io.confero.sfu.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The node's placement record with its projected load; the measured rates are what the workers
 * would report (no clock: what changes with time reaches placement only through them).
 */
class WorkerPlacementTest {
  @Test
  void aCrowdJoiningAtOnceIsSplitEvenThoughNoLoadIsMeasuredYet() {
    WorkerPlacement p = new WorkerPlacement(2, 1);
    int[] perWorker = new int[2];
    for (int i = 0; i < 30; i++) {
      perWorker[p.place("m", "p" + i, new long[] {0, 0})]++;
    }
    assertThat(perWorker).containsExactly(15, 15);
  }

  @Test
  void aSmallMeetingStaysOnOneWorkerUpToTheThreshold() {
    WorkerPlacement p = new WorkerPlacement(4, 10);
    int first = p.place("m", "p0", new long[] {5000, 0, 9000, 9000});
    assertThat(first).isEqualTo(1);
    for (int i = 1; i < 10; i++) {
      assertThat(p.place("m", "p" + i, new long[] {0, 90_000, 0, 0})).isEqualTo(1);
    }
    assertThat(p.place("m", "p10", new long[] {0, 90_000, 0, 0})).as("the eleventh spreads")
        .isNotEqualTo(1);
  }

  @Test
  void measuredLoadOutweighsEqualParticipantCounts() {
    WorkerPlacement p = new WorkerPlacement(2, 1);
    for (int i = 0; i < 4; i++) {
      p.place("busy", "b" + i, new long[] {0, 0});
    }
    // two on each; worker 0's forward far more (a video meeting): newcomers go to 1 until it catches up
    assertThat(p.place("m2", "x", new long[] {20_000, 1_000})).isEqualTo(1);
    assertThat(p.place("m2", "y", new long[] {20_000, 1_000})).isEqualTo(1);
  }

  @Test
  void placementsCountBeforeTheirLoadIsMeasured() {
    WorkerPlacement p = new WorkerPlacement(2, 16);
    for (int i = 0; i < 16; i++) {
      assertThat(p.place("m", "p" + i, new long[] {0, 0})).isZero();
    }
    // worker 0's sixteen have not sent a packet yet (measured 0): it still counts as loaded
    assertThat(p.place("m", "p16", new long[] {0, 0})).isEqualTo(1);
    assertThat(p.place("m", "p17", new long[] {100, 0})).isEqualTo(1);
  }

  @Test
  void aPlacedParticipantKeepsItsWorkerUntilRemoved() {
    WorkerPlacement p = new WorkerPlacement(3, 1);
    int w = p.place("m", "a", new long[] {10, 0, 10});
    assertThat(p.place("m", "a", new long[] {0, 99_999, 0})).isEqualTo(w);
    assertThat(p.workerOf("m", "a")).hasValue(w);
    assertThat(p.placed()).isEqualTo(1);
    p.remove("m", "a");
    assertThat(p.workerOf("m", "a")).isEmpty();
    assertThat(p.placed()).isZero();
    assertThat(p.mainWorker("m")).isEqualTo(-1);
    p.remove("m", "a");
    assertThat(p.placed()).as("removing twice changes nothing").isZero();
  }

  @Test
  void theMainWorkerHostsMostOfTheMeeting() {
    WorkerPlacement p = new WorkerPlacement(2, 3);
    IntStream.range(0, 3).forEach(i -> p.place("m", "p" + i, new long[] {0, 0}));
    assertThat(p.mainWorker("m")).isZero();
    p.place("m", "p3", new long[] {0, 0});
    assertThat(p.workerOf("m", "p3")).as("the fourth spreads").hasValue(1);
    assertThat(p.mainWorker("m")).isZero();
  }
}
