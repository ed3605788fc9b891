package io.confero.sfu.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.codecs.sfu.SfuRequest;
import io.confero.codecs.sfu.SubscribedTrack;
import io.confero.media.rtcp.RtcpSr;
import io.confero.media.rtp.RtpPacket;
import io.confero.sfu.dtls.DtlsCertificate;
import io.confero.sfu.media.Consumer;
import io.confero.sfu.media.Encoding;
import io.confero.sfu.media.PacketInfo;
import io.confero.sfu.media.Producer;
import io.confero.sfu.pipe.PipeConsumer;
import io.confero.sfu.pipe.PipeMessage;
import io.confero.sfu.pipe.PipeNet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Workers of one node piping a meeting (no sockets, no threads): the pipes' messages are queued
 * and delivered in order by {@link #drain()}, as each worker's event loop would run them. Alice
 * publishes simulcast on worker 0; Bob and Carol subscribe on worker 1.
 */
class RouterPipesTest {
  static final String ALICE = "alice-0123456789";
  static final String BOB = "bob-0123456789";
  static final String CAROL = "carol-0123456789";

  record Delivery(int to, PipeMessage message) {}

  final ArrayDeque<Delivery> queue = new ArrayDeque<>();
  final List<PipeMessage> sent = new ArrayList<>();
  final Map<Integer, Router> routers = new HashMap<>();
  final Map<String, Producer> onWorker1 = new HashMap<>();
  Router worker0;
  Router worker1;
  Producer aliceCamera;
  io.confero.sfu.metrics.SfuMetrics worker0Metrics;

  @BeforeAll
  static void certificate() {
    MeetingRouterRtxTest.certificate = DtlsCertificate.generate();
  }

  PipeNet net(int self) {
    return new PipeNet() {
      @Override
      public int self() {
        return self;
      }

      @Override
      public int workers() {
        return 3;
      }

      @Override
      public boolean post(int to, PipeMessage m) {
        queue.add(new Delivery(to, m));
        sent.add(m);
        return true;
      }

      @Override
      public Runnable packetCounter(int to) {
        return () -> { };
      }
    };
  }

  /** Runs every queued message on its worker; a worker without the meeting answers greetings as SfuVerticle does. */
  void drain() {
    for (Delivery d = queue.poll(); d != null; d = queue.poll()) {
      Router r = routers.get(d.to());
      if (r != null) {
        r.pipes().onMessage(d.message());
      } else if (d.message() instanceof PipeMessage.Hello h) {
        net(d.to()).post(h.from(), new PipeMessage.HelloAck(h.meetingId(), d.to(), false));
      }
    }
  }

  Router router(int worker) {
    return router(worker, new MeetingRouterRtxTest.FakeEnv());
  }

  Router router(int worker, MeetingRouterRtxTest.FakeEnv env) {
    if (worker == 0) {
      worker0Metrics = env.metrics;
    }
    env.pipes = net(worker);
    Router r = new Router("m1", env);
    routers.put(worker, r);
    r.pipes().announce();
    return r;
  }

  <T> List<T> sent(Class<T> type) {
    return sent.stream().filter(type::isInstance).map(type::cast).toList();
  }

  @BeforeEach
  void aliceOnWorker0BobAndCarolOnWorker1() throws Exception {
    worker0 = router(0);
    drain();
    assertThat(worker0.pipes().ready()).as("worker 1 answered: it does not host the meeting").isTrue();
    String offer = Files.readString(Path.of(System.getProperty("confero.fixtures"), "sdp", "chromium-offer-simulcast.sdp"));
    worker0.publish(new SfuRequest.Publish("m1", ALICE, offer, Map.of("0", "microphone", "1", "camera")));
    worker0.tap(new CollectingTap(new HashMap<>()) {
      @Override
      public void onProducer(Producer producer, Consumer.Listener listener) {
        if (producer.isVideo()) {
          aliceCamera = producer;
        }
      }
    });
    worker1 = router(1);
    assertThat(worker1.pipes().ready()).as("waits for worker 0's answer").isFalse();
    drain();
    assertThat(worker1.pipes().ready()).isTrue();
    worker1.tap(new CollectingTap(onWorker1));
    worker1.subscribe(BOB);
    worker1.subscribe(CAROL);
  }

  @Test
  void aNewWorkersFirstSubscriberOfferAlreadyHasTheOtherWorkersTracks() {
    assertThat(sent(PipeMessage.ProducerOpened.class)).hasSize(2).allMatch(o -> o.from() == 0);
    assertThat(worker1.subscribe("dave-0123456789").tracks()).extracting(t -> t.track().participantId())
        .containsOnly(ALICE).hasSize(2);
    assertThat(worker1.consumer(BOB, aliceCamera.trackId())).isNotNull();
    assertThat(worker1.consumer(BOB, aliceCamera.trackId()).producer().encodings()).hasSize(3);
  }

  @Test
  void eachPacketOfEachLayerCrossesOnceWhateverTheSubscribersBehindThePipe() {
    assertThat(aliceCamera.consumers()).filteredOn(PipeConsumer.class::isInstance).hasSize(1);
    Collecting far = new Collecting();
    onWorker1.get(aliceCamera.trackId()).addConsumer(far);
    for (int layer = 0; layer < 3; layer++) {
      byte[] rtp = rtp(1000 + layer, 0x1000 + layer);
      RtpPacket p = RtpPacket.parse(rtp, 0, rtp.length);
      PacketInfo info = new PacketInfo(p, aliceCamera.encodings().get(layer), 5_000_000L, -1, false);
      aliceCamera.consumers().forEach(c -> c.onPacket(info));
      rtp[12] = 0; // the receive path reuses its buffer: the pipe must have copied
    }
    drain();
    assertThat(sent(PipeMessage.Packet.class)).hasSize(3);
    assertThat(far.packets).containsExactly("0:4096:1000", "1:4097:1001", "2:4098:1002");
    assertThat(far.firstPayloadBytes).containsOnly((byte) 0x90);
  }

  @Test
  void aStalledFarWorkerCostsBoundedMemoryAndCountedDrops() {
    byte[] rtp = rtp(1, 0x1000);
    PacketInfo info = new PacketInfo(RtpPacket.parse(rtp, 0, rtp.length), aliceCamera.encodings().get(0), 0, -1, false);
    for (int i = 0; i < PipeConsumer.MAX_IN_FLIGHT + 100; i++) {
      aliceCamera.consumers().forEach(c -> c.onPacket(info));
    }
    assertThat(sent(PipeMessage.Packet.class)).hasSize(PipeConsumer.MAX_IN_FLIGHT);
    assertThat(worker0Metrics.dropped(io.confero.sfu.metrics.DropReason.PIPE_OVERFLOW)).isEqualTo(100.0);
    drain();
    aliceCamera.consumers().forEach(c -> c.onPacket(info));
    assertThat(sent(PipeMessage.Packet.class)).as("flows again once the far worker caught up")
        .hasSize(PipeConsumer.MAX_IN_FLIGHT + 1);
  }

  @Test
  void senderReportsCrossToo() {
    Collecting far = new Collecting();
    onWorker1.get(aliceCamera.trackId()).addConsumer(far);
    RtcpSr sr = new RtcpSr(0x1001, 1L << 32, 9000, 10, 1000, List.of());
    aliceCamera.consumers().forEach(c -> c.onSenderReport(aliceCamera.encodings().get(1), sr));
    drain();
    assertThat(far.senderReports).containsExactly("1:" + 0x1001);
  }

  @Test
  void aFarKeyframeRequestGoesBackToTheSourceWorker() {
    Producer proxy = onWorker1.get(aliceCamera.trackId());
    worker1.onKeyframeNeeded(worker1.consumer(BOB, proxy.trackId()), proxy.encodings().get(2));
    assertThat(sent(PipeMessage.KeyframeRequest.class)).singleElement()
        .satisfies(k -> assertThat(k.trackId()).isEqualTo(aliceCamera.trackId()))
        .satisfies(k -> assertThat(k.encoding()).isEqualTo(2))
        .satisfies(k -> assertThat(k.from()).isEqualTo(1));
    drain();
  }

  @Test
  void theFarSubscribersLayersReachTheSourcesDynacast() {
    worker1.tick(0, false);
    PipeMessage.NeededLayers needed = sent(PipeMessage.NeededLayers.class).stream()
        .filter(n -> n.trackId().equals(aliceCamera.trackId())).findFirst().orElseThrow();
    drain();
    PipeConsumer pipe = (PipeConsumer) aliceCamera.consumers().stream().filter(PipeConsumer.class::isInstance)
        .findFirst().orElseThrow();
    assertThat(pipe.neededLayers(0)).isEqualTo(needed.mask());
    worker1.tick(50, false);
    assertThat(sent(PipeMessage.NeededLayers.class)).as("unchanged layers are not sent again").hasSize(1);
  }

  @Test
  void whenThePublisherLeavesTheFarSubscribersLoseItsTracks() {
    worker0.leave(ALICE);
    assertThat(sent(PipeMessage.ProducerClosed.class)).hasSize(2);
    drain();
    SfuRequest.SubscribeOffer offer = worker1.subscribe(BOB);
    assertThat(offer.tracks()).isEmpty();
    assertThat(offer.offerSdp()).as("a renegotiation that removes them").isNotEmpty();
  }

  @Test
  void whenTheFarWorkerHasNobodyLeftThePipesClose() {
    worker1.leave(BOB);
    worker1.leave(CAROL);
    assertThat(worker1.isEmpty()).isTrue();
    worker1.pipes().close();
    routers.remove(1);
    drain();
    assertThat(aliceCamera.consumers()).noneMatch(PipeConsumer.class::isInstance);
    assertThat(worker0.pipes().remoteCount()).isZero();
  }

  @Test
  void bothWorkersKnowEachOtherAndNobodyIsOfferedTheirOwnTracks() {
    assertThat(worker0.pipes().remoteCount()).isEqualTo(1);
    assertThat(worker1.pipes().remoteCount()).isEqualTo(1);
    List<SubscribedTrack> none = worker0.subscribe(ALICE).tracks();
    assertThat(none).as("Alice is offered nothing of her own").isEmpty();
  }

  @Test
  void aFarMicrophoneTakesAnAudioSlotAndTheMeetingSizeCountsEveryWorker() throws Exception {
    // worker 2 of the same node, with audio slots above 1 participant: Dave alone there, Alice's
    // microphone piped from worker 0 (a worker sees the far participants that publish)
    MeetingRouterRtxTest.FakeEnv env = new MeetingRouterRtxTest.FakeEnv() {
      @Override
      public AudioSlotConfig audioSlots() {
        return new AudioSlotConfig(1, 1);
      }
    };
    Router worker2 = router(2, env);
    drain();
    Map<String, Producer> worker2Proxies = new HashMap<>();
    worker2.tap(new CollectingTap(worker2Proxies));
    SfuRequest.SubscribeOffer offer = worker2.subscribe("dave-0123456789");
    assertThat(offer.tracks()).filteredOn(t -> t.track().kind().equals("audio"))
        .isNotEmpty().allSatisfy(t -> assertThat(t.track().source()).isEqualTo("slot"));
    Producer farMicrophone = worker2Proxies.values().stream()
        .filter(p -> p.kind() == io.confero.media.sdp.MediaKind.AUDIO).findFirst().orElseThrow();
    farMicrophone.level().onLevel(10, 1000);
    worker2.tick(1000, false);
    assertThat(env.events).filteredOn(io.confero.codecs.sfu.SfuEvent.AudioSlots.class::isInstance)
        .map(e -> ((io.confero.codecs.sfu.SfuEvent.AudioSlots) e).holders())
        .anySatisfy(holders -> assertThat(holders).contains(ALICE));
  }

  /** A VP8 packet (payload descriptor byte 0x90) of one sequence number and SSRC. */
  static byte[] rtp(int seq, int ssrc) {
    byte[] b = new byte[20];
    b[0] = (byte) 0x80;
    b[1] = 96;
    b[2] = (byte) (seq >> 8);
    b[3] = (byte) seq;
    b[8] = (byte) (ssrc >>> 24);
    b[9] = (byte) (ssrc >>> 16);
    b[10] = (byte) (ssrc >>> 8);
    b[11] = (byte) ssrc;
    b[12] = (byte) 0x90;
    return b;
  }

  /** Remembers every producer the router announces, by track id. */
  static class CollectingTap implements Router.ProducerTap {
    final Map<String, Producer> producers;

    CollectingTap(Map<String, Producer> producers) {
      this.producers = producers;
    }

    @Override
    public void onProducer(Producer producer, Consumer.Listener listener) {
      producers.put(producer.trackId(), producer);
    }

    @Override
    public void onMuted(Producer producer, boolean muted) {
    }

    @Override
    public void onActiveSpeaker(String participantId) {
    }
  }

  /** A consumer that records what reaches it as "layer:ssrc:seq". */
  static final class Collecting implements Consumer {
    final List<String> packets = new ArrayList<>();
    final List<Byte> firstPayloadBytes = new ArrayList<>();
    final List<String> senderReports = new ArrayList<>();

    @Override
    public Producer producer() {
      return null;
    }

    @Override
    public void onPacket(PacketInfo info) {
      RtpPacket p = info.packet();
      packets.add(info.encoding().index() + ":" + p.ssrc() + ":" + p.sequenceNumber());
      firstPayloadBytes.add(p.buffer()[p.payloadOffset()]);
    }

    @Override
    public void onSenderReport(Encoding encoding, RtcpSr sr) {
      senderReports.add(encoding.index() + ":" + sr.ssrc());
    }

    @Override
    public int neededLayers(int mask) {
      return mask;
    }

    @Override
    public void close() {
    }
  }
}
