package io.confero.recording.composite;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.recording.format.MeetingEventType;
import io.confero.recording.format.TrackRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The layout follows presence, camera state and screen shares; pure. */
class LayoutPlannerTest {
  static TrackRecord.Event ev(double at, MeetingEventType t, String who, String text) {
    return new TrackRecord.Event((long) (at * 1e6), t, who, text);
  }

  static final LayoutPlanner PLANNER = new LayoutPlanner(1280, 720);

  @Test
  void galleryGrowsWithJoinsAndShrinksWithLeaves() {
    MeetingTimeline m = MeetingTimeline.of(List.of(ev(0, MeetingEventType.JOIN, "a", "Ann"),
        ev(2, MeetingEventType.JOIN, "b", "Ben"), ev(4, MeetingEventType.JOIN, "c", ""),
        ev(6, MeetingEventType.LEAVE, "b", "")), 0, 10);
    m.names(Map.of("c", "Cleo", "a", "not used: Ann has a name"));
    List<LayoutPlanner.VideoSpan> cams = List.of(new LayoutPlanner.VideoSpan(0, "a", false, 0, 10),
        new LayoutPlanner.VideoSpan(1, "b", false, 2, 6));
    List<Layout> plan = PLANNER.plan(m, cams);

    assertThat(plan).extracting(Layout::start).containsExactly(0.0, 2.0, 4.0, 6.0);
    assertThat(plan.get(0).tiles()).singleElement().satisfies(t -> {
      assertThat(t.name()).isEqualTo("Ann");
      assertThat(t.w()).isEqualTo(1280);
    });
    assertThat(plan.get(1).tiles()).extracting(Layout.Tile::participantId).containsExactly("a", "b");
    assertThat(plan.get(1).tiles()).extracting(Layout.Tile::w).containsOnly(640);
    assertThat(plan.get(2).tiles()).extracting(Layout.Tile::name).containsExactly("Ann", "Ben", "Cleo");
    assertThat(plan.get(2).tiles().get(2).video()).as("Cleo has no camera: her name shows").isEqualTo(-1);
    assertThat(plan.get(3).tiles()).extracting(Layout.Tile::participantId).containsExactly("a", "c");
  }

  @Test
  void cameraOffShowsTheNameAndScreenShareTakesTheStageWithTheSpeakerBeside() {
    MeetingTimeline m = MeetingTimeline.of(List.of(ev(0, MeetingEventType.JOIN, "a", "Ann"),
        ev(0, MeetingEventType.JOIN, "b", "Ben"), ev(1, MeetingEventType.VIDEO_OFF, "b", ""),
        ev(2, MeetingEventType.VIDEO_ON, "b", ""), ev(3, MeetingEventType.SCREEN_SHARE_STARTED, "a", ""),
        ev(3.5, MeetingEventType.ACTIVE_SPEAKER, "b", ""), ev(5, MeetingEventType.SCREEN_SHARE_STOPPED, "a", "")), 0, 6);
    List<LayoutPlanner.VideoSpan> v = List.of(new LayoutPlanner.VideoSpan(0, "a", false, 0, 6),
        new LayoutPlanner.VideoSpan(1, "b", false, 0, 6), new LayoutPlanner.VideoSpan(2, "a", true, 3, 5));
    List<Layout> plan = PLANNER.plan(m, v);

    Layout off = plan.stream().filter(l -> l.start() == 1.0).findFirst().orElseThrow();
    assertThat(off.tiles().get(1).video()).isEqualTo(-1);
    Layout sharing = plan.stream().filter(l -> l.start() == 3.5).findFirst().orElseThrow();
    assertThat(sharing.tiles()).hasSize(2);
    assertThat(sharing.tiles().get(0).screen()).isTrue();
    assertThat(sharing.tiles().get(0).w()).isGreaterThan(sharing.tiles().get(1).w() * 2);
    assertThat(sharing.tiles().get(1).participantId()).as("the speaker beside the screen").isEqualTo("b");
    assertThat(plan.get(plan.size() - 1).tiles()).noneMatch(Layout.Tile::screen);
  }
}
