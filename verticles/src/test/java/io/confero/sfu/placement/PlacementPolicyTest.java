package io.confero.sfu.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The pure worker choice: small meetings stay together, large ones spread by load. */
class PlacementPolicyTest {
  @Test
  void theFirstParticipantOfAMeetingGoesToTheLeastLoadedWorker() {
    assertThat(PlacementPolicy.choose(new int[] {0, 0, 0}, new double[] {900, 100, 400}, 8)).isEqualTo(1);
  }

  @Test
  void aSmallMeetingStaysOnTheWorkerHostingItEvenWhenThatIsTheBusiest() {
    assertThat(PlacementPolicy.choose(new int[] {0, 3, 0}, new double[] {0, 50_000, 10}, 8)).isEqualTo(1);
    assertThat(PlacementPolicy.choose(new int[] {0, 7, 0}, new double[] {0, 50_000, 10}, 8))
        .as("seven on the node, threshold eight: still small").isEqualTo(1);
  }

  @Test
  void fromTheThresholdOnNewcomersGoToTheLeastLoadedWorker() {
    assertThat(PlacementPolicy.choose(new int[] {0, 8, 0}, new double[] {300, 50_000, 10}, 8)).isEqualTo(2);
  }

  @Test
  void amongEquallyLoadedWorkersOneAlreadyHostingTheMeetingWins() {
    assertThat(PlacementPolicy.choose(new int[] {4, 0, 6}, new double[] {100, 100, 100}, 2)).isEqualTo(2);
    assertThat(PlacementPolicy.choose(new int[] {0, 0, 0}, new double[] {100, 100, 100}, 2))
        .as("then the lowest index").isEqualTo(0);
  }

  @Test
  void aThresholdOfOneSpreadsFromTheSecondParticipant() {
    assertThat(PlacementPolicy.choose(new int[] {1, 0}, new double[] {200, 0}, 1)).isEqualTo(1);
  }

  @Test
  void oneWorkerAlwaysGetsEveryone() {
    assertThat(PlacementPolicy.choose(new int[] {40}, new double[] {1e6}, 1)).isZero();
  }

  @Test
  void mismatchedInputsAreRefused() {
    assertThatThrownBy(() -> PlacementPolicy.choose(new int[] {0, 0}, new double[] {0}, 4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PlacementPolicy.choose(new int[0], new double[0], 4))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
