package io.confero.sfu.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.codecs.sfu.SfuEvent;
import io.confero.codecs.sfu.SfuRequest;
import io.confero.codecs.sfu.SubscribedTrack;
import io.confero.media.sdp.MediaKind;
import io.confero.sfu.dtls.DtlsCertificate;
import io.confero.sfu.media.Producer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Audio slots in the router, with real Chromium publish offers and no sockets: above the size
 * threshold a subscriber's offer carries the slot m-sections instead of one audio m-section per
 * participant, the slots follow the loudest microphones (RFC 6464 levels fed to the producers'
 * meters) and the subscriber is told each mapping; below it the meeting is back to one stream each.
 */
class AudioSlotRoutingTest {
  static final String ALICE = "alice-0123456789";
  static final String BOB = "bob-0123456789";
  static final String CAROL = "carol-0123456789";
  static final String DAVE = "dave-0123456789";

  Router router;
  MeetingRouterRtxTest.FakeEnv env;

  /** 1 loudest + the dominant speaker, above 2 participants. */
  static final class SlotEnv extends MeetingRouterRtxTest.FakeEnv {
    @Override
    public AudioSlotConfig audioSlots() {
      return new AudioSlotConfig(1, 2);
    }
  }

  @BeforeAll
  static void certificate() {
    MeetingRouterRtxTest.certificate();
  }

  @BeforeEach
  void threePublish() throws Exception {
    env = new SlotEnv();
    router = new Router("m1", env);
    String offer = Files.readString(Path.of(System.getProperty("confero.fixtures"), "sdp", "chromium-offer-plain.sdp"));
    for (String p : List.of(ALICE, BOB, CAROL)) {
      router.publish(new SfuRequest.Publish("m1", p, offer, Map.of("0", "microphone", "1", "camera")));
    }
  }

  private Producer microphone(String participant) {
    return router.producers(participant).stream().filter(p -> p.kind() == MediaKind.AUDIO).findFirst().orElseThrow();
  }

  private List<SfuEvent.AudioSlots> slotEvents() {
    return env.events.stream().filter(e -> e instanceof SfuEvent.AudioSlots).map(e -> (SfuEvent.AudioSlots) e).toList();
  }

  @Test
  void aLargeMeetingIsHeardThroughTwoSlotsThatFollowTheLoudest() throws Exception {
    SfuRequest.SubscribeOffer offer = router.subscribe(DAVE);
    List<SubscribedTrack> slots = offer.tracks().stream().filter(t -> t.track().source().equals("slot")).toList();
    assertThat(slots).hasSize(2);
    assertThat(offer.tracks()).as("no per-participant audio").filteredOn(t -> t.track().kind().equals("audio"))
        .allSatisfy(t -> assertThat(t.track().source()).isEqualTo("slot"));
    assertThat(offer.tracks()).filteredOn(t -> t.track().kind().equals("video")).hasSize(3);
    assertThat(offer.offerSdp()).contains("msid:audio-slots slot-0", "msid:audio-slots slot-1");
    router.subscribeAnswer(DAVE, MeetingRouterRtxTest.answerTo(offer.offerSdp()));

    microphone(ALICE).level().onLevel(10, 1000);
    microphone(BOB).level().onLevel(30, 1000);
    microphone(CAROL).level().onLevel(127, 1000);
    router.tick(1000, false);
    SfuEvent.AudioSlots first = slotEvents().get(slotEvents().size() - 1);
    assertThat(first.participantId()).isEqualTo(DAVE);
    assertThat(first.mids()).containsExactlyElementsOf(slots.stream().map(SubscribedTrack::mid).toList());
    assertThat(first.holders()).containsExactlyInAnyOrder(ALICE, BOB);

    microphone(CAROL).level().onLevel(0, 1200);
    microphone(BOB).level().onLevel(127, 1200);
    router.tick(1800, false); // bob has fallen below the speaking threshold by then, alice has not
    SfuEvent.AudioSlots next = slotEvents().get(slotEvents().size() - 1);
    assertThat(next.holders()).as("carol, now the loudest, replaces bob").contains(CAROL).doesNotContain(BOB, DAVE);
  }

  @Test
  void theSubscriberNeverHearsItselfAndSmallMeetingsGoBackToOneStreamEach() throws Exception {
    String offer = router.subscribe(ALICE).offerSdp();
    router.subscribeAnswer(ALICE, MeetingRouterRtxTest.answerTo(offer));
    microphone(ALICE).level().onLevel(0, 1000);
    microphone(BOB).level().onLevel(20, 1000);
    router.tick(1000, false);
    assertThat(slotEvents()).isNotEmpty().allSatisfy(e -> assertThat(e.holders()).doesNotContain(ALICE));
    assertThat(router.consumer(ALICE, microphone(BOB).trackId())).isNull();

    router.leave(CAROL);
    SfuRequest.SubscribeOffer small = router.subscribe(ALICE);
    assertThat(small.tracks()).as("two participants: one audio stream per participant again")
        .anySatisfy(t -> assertThat(t.track().trackId()).isEqualTo(microphone(BOB).trackId()))
        .noneSatisfy(t -> assertThat(t.track().source()).isEqualTo("slot"));
    assertThat(router.consumer(ALICE, microphone(BOB).trackId())).isNotNull();
  }
}
