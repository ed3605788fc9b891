package io.confero.recording.composite;

import static io.confero.recording.composite.LayoutPlannerTest.ev;
import static org.assertj.core.api.Assertions.assertThat;

import io.confero.recording.format.MeetingEventType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The speaker view: who is large when, the strip, screen shares; pure. */
class SpeakerLayoutTest {
  static final LayoutPlanner SPEAKER = new LayoutPlanner(1280, 720, CompositeKind.SPEAKER);

  static List<LayoutPlanner.VideoSpan> cameras(double end, String... who) {
    List<LayoutPlanner.VideoSpan> out = new ArrayList<>();
    for (int i = 0; i < who.length; i++) {
      out.add(new LayoutPlanner.VideoSpan(i, who[i], false, 0, end));
    }
    return out;
  }

  static Layout at(List<Layout> plan, double t) {
    return plan.stream().filter(l -> t >= l.start() && t < l.end()).findFirst().orElseThrow();
  }

  @Test
  void theActiveSpeakerIsLargeAndTheOthersSitInTheStrip() {
    MeetingTimeline m = MeetingTimeline.of(List.of(ev(0, MeetingEventType.JOIN, "a", "Ann"),
        ev(0, MeetingEventType.JOIN, "b", "Ben"), ev(0, MeetingEventType.JOIN, "c", "Cleo"),
        ev(2, MeetingEventType.ACTIVE_SPEAKER, "b", ""), ev(5, MeetingEventType.ACTIVE_SPEAKER, "c", "")), 0, 8);
    List<Layout> plan = SPEAKER.plan(m, cameras(8, "a", "b", "c"));

    assertThat(at(plan, 1).tiles().get(0).participantId()).as("nobody spoke yet: the first to arrive").isEqualTo("a");
    assertThat(at(plan, 3).tiles().get(0).participantId()).isEqualTo("b");
    assertThat(at(plan, 6).tiles().get(0).participantId()).isEqualTo("c");
    Layout bSpeaks = at(plan, 3);
    Layout.Tile large = bSpeaks.tiles().get(0);
    assertThat(large.video()).as("Ben's camera").isEqualTo(1);
    assertThat(large.w()).isEqualTo(1280);
    assertThat(large.h()).isEqualTo(720 - 144);
    assertThat(bSpeaks.tiles().subList(1, 3)).extracting(Layout.Tile::participantId).containsExactly("a", "c");
    assertThat(bSpeaks.tiles().subList(1, 3)).allSatisfy(t -> {
      assertThat(t.y()).isEqualTo(720 - 144);
      assertThat(t.h()).isEqualTo(144);
      assertThat(t.w()).isEqualTo(256);
    });
    assertThat(plan).extracting(Layout::start).containsExactly(0.0, 2.0, 5.0);
  }

  @Test
  void aTurnShorterThanASecondDoesNotTakeTheLargeTile() {
    MeetingTimeline m = MeetingTimeline.of(List.of(ev(0, MeetingEventType.JOIN, "a", "Ann"),
        ev(0, MeetingEventType.JOIN, "b", "Ben"), ev(1, MeetingEventType.ACTIVE_SPEAKER, "a", ""),
        ev(3, MeetingEventType.ACTIVE_SPEAKER, "b", ""), ev(3.4, MeetingEventType.ACTIVE_SPEAKER, "a", ""),
        ev(9.6, MeetingEventType.ACTIVE_SPEAKER, "b", "")), 0, 10);
    assertThat(SpeakerLayout.largeAt(m, 3.2)).as("Ben's 0.4 s interjection").isEqualTo("a");
    assertThat(SpeakerLayout.largeAt(m, 9.8)).as("the last turn, cut by the end of the recording").isEqualTo("b");
    List<Layout> plan = SPEAKER.plan(m, cameras(10, "a", "b"));
    assertThat(plan).extracting(l -> l.tiles().get(0).participantId()).containsExactly("a", "b");
    assertThat(plan.get(1).start()).isEqualTo(9.6);
  }

  @Test
  void aSpeakerWhoLeftGivesTheLargeTileBackAndAloneFillsTheCanvas() {
    MeetingTimeline m = MeetingTimeline.of(List.of(ev(0, MeetingEventType.JOIN, "a", "Ann"),
        ev(0, MeetingEventType.JOIN, "b", "Ben"), ev(1, MeetingEventType.ACTIVE_SPEAKER, "b", ""),
        ev(2, MeetingEventType.VIDEO_OFF, "b", ""), ev(4, MeetingEventType.LEAVE, "b", "")), 0, 6);
    List<Layout> plan = SPEAKER.plan(m, cameras(6, "a", "b"));

    Layout.Tile off = at(plan, 3).tiles().get(0);
    assertThat(off.participantId()).isEqualTo("b");
    assertThat(off.video()).as("camera off: the name shows, large").isEqualTo(-1);
    assertThat(at(plan, 5).tiles()).singleElement().satisfies(t -> {
      assertThat(t.participantId()).isEqualTo("a");
      assertThat(t.w()).isEqualTo(1280);
      assertThat(t.h()).isEqualTo(720);
    });
  }

  @Test
  void aScreenShareIsLargeWithTheSpeakerBesideAndTheOthersLeftOut() {
    MeetingTimeline m = MeetingTimeline.of(List.of(ev(0, MeetingEventType.JOIN, "a", "Ann"),
        ev(0, MeetingEventType.JOIN, "b", "Ben"), ev(0, MeetingEventType.JOIN, "c", "Cleo"),
        ev(1, MeetingEventType.SCREEN_SHARE_STARTED, "a", ""), ev(1.5, MeetingEventType.ACTIVE_SPEAKER, "c", ""),
        ev(4, MeetingEventType.SCREEN_SHARE_STOPPED, "a", "")), 0, 6);
    List<LayoutPlanner.VideoSpan> v = new ArrayList<>(cameras(6, "a", "b", "c"));
    v.add(new LayoutPlanner.VideoSpan(3, "a", true, 1, 4));
    List<Layout> plan = SPEAKER.plan(m, v);

    Layout sharing = at(plan, 2);
    assertThat(sharing.tiles()).hasSize(2);
    assertThat(sharing.tiles().get(0).screen()).isTrue();
    assertThat(sharing.tiles().get(0).video()).isEqualTo(3);
    assertThat(sharing.tiles().get(1).participantId()).as("the speaker beside the screen").isEqualTo("c");
    assertThat(at(plan, 5).tiles().get(0).participantId()).as("after the share: the speaker large").isEqualTo("c");
    assertThat(at(plan, 5).tiles()).noneMatch(Layout.Tile::screen);
  }

  @Test
  void theStripHoldsAsManyAsFit() {
    List<io.confero.recording.format.TrackRecord.Event> events = new ArrayList<>();
    String[] ids = new String[9];
    for (int i = 0; i < 9; i++) {
      ids[i] = "p" + i;
      events.add(ev(0, MeetingEventType.JOIN, ids[i], "P" + i));
    }
    List<Layout> plan = SPEAKER.plan(MeetingTimeline.of(events, 0, 2), cameras(2, ids));
    assertThat(plan).singleElement().satisfies(l -> {
      assertThat(l.tiles()).hasSize(1 + 1280 / 256);
      assertThat(l.tiles()).allSatisfy(t -> assertThat(t.x() + t.w()).isLessThanOrEqualTo(1280));
    });
  }
}
