package io.confero.sfu.router;

import io.confero.codecs.sfu.SfuEvent;
import io.confero.media.sdp.MediaKind;
import io.confero.media.sdp.RtpCodec;
import io.confero.media.sdp.SubscribeAnswer;
import io.confero.sfu.forward.AudioRanking;
import io.confero.sfu.forward.AudioSlotDecision;
import io.confero.sfu.forward.AudioSlotSelector;
import io.confero.sfu.media.AudioSlotFeed;
import io.confero.sfu.media.AudioSlotStream;
import io.confero.sfu.media.Producer;
import io.confero.sfu.media.WebRtcConsumer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A router's audio slots (docs/architecture.md, "Audio slots"): per subscriber a
 * {@link AudioSlotSelector} and its {@link AudioSlotStream}s, per audio producer one
 * {@link AudioSlotFeed}. Every {@link AudioSlotSelector#INTERVAL_MILLIS} the meeting's loudness is
 * ranked once, each subscriber's selector decides, changed slots switch source and the subscriber
 * is told the new mapping ({@link SfuEvent.AudioSlots}). Runs on the worker's event loop only.
 */
final class AudioSlotRouting {
  private final String meetingId;
  private final AudioSlotConfig config;
  private final WorkerEnv env;
  private final Map<String, Slots> subscribers = new HashMap<>();
  private final Map<Producer, AudioSlotFeed> feeds = new HashMap<>();
  private boolean roundDone;
  private long lastRoundMillis;

  /** One subscriber's slots. */
  private record Slots(AudioSlotSelector selector, List<AudioSlotStream> streams) {}

  AudioSlotRouting(String meetingId, AudioSlotConfig config, WorkerEnv env) {
    this.meetingId = meetingId;
    this.config = config;
    this.env = env;
  }

  boolean appliesTo(int participants) {
    return config.appliesTo(participants);
  }

  /**
   * The slot streams of {@code peer}, created with mids from its bundle on first use; empty before
   * any Opus producer among {@code all} (the meeting's producers, those piped from other workers too).
   */
  List<AudioSlotStream> streams(Peer peer, Collection<Producer> all) {
    Slots s = subscribers.get(peer.participantId);
    if (s != null) {
      return s.streams();
    }
    RtpCodec opus = anyAudioCodec(all);
    if (opus == null) {
      return List.of();
    }
    RtpCodec codec = peer.payloadTypes.assign(opus);
    AudioSlotSelector selector = new AudioSlotSelector(peer.participantId, config.loudest());
    List<AudioSlotStream> streams = new ArrayList<>();
    for (int i = 0; i < selector.slotCount(); i++) {
      streams.add(new AudioSlotStream(peer.downlink, env.metrics(), Integer.toString(peer.nextMid++), i, codec,
          new WebRtcConsumer.StreamIds(env.randomInt(), env.randomInt(), Integer.toUnsignedLong(env.randomInt()),
              env.randomInt(), env.randomInt())));
    }
    subscribers.put(peer.participantId, new Slots(selector, List.copyOf(streams)));
    return streams;
  }

  private static RtpCodec anyAudioCodec(Collection<Producer> all) {
    for (Producer producer : all) {
      if (producer.kind() == MediaKind.AUDIO && !producer.isClosed()) {
        return producer.primaryCodec();
      }
    }
    return null;
  }

  /**
   * Above the size threshold a subscriber hears the meeting through its audio slots, not one
   * consumer per microphone ({@code drop} removes those), and back below it; true when its
   * m-sections change.
   */
  boolean sync(Peer peer, boolean slotted, Collection<Producer> all,
      java.util.function.Consumer<WebRtcConsumer> drop) {
    if (!slotted) {
      boolean had = has(peer.participantId);
      drop(peer.participantId);
      return had;
    }
    boolean changed = false;
    for (WebRtcConsumer c : List.copyOf(peer.consumersByTrack.values())) {
      if (c.producer().kind() == MediaKind.AUDIO) {
        drop.accept(c);
        changed = true;
      }
    }
    return changed || (!has(peer.participantId) && !streams(peer, all).isEmpty());
  }

  /** Applies the subscriber's answer to its slot m-sections: the header extensions it kept. */
  void answered(String participantId, SubscribeAnswer answer) {
    Slots s = subscribers.get(participantId);
    if (s != null) {
      for (AudioSlotStream slot : s.streams()) {
        slot.setSubscriberExtensions(answer.section(slot.mid()).filter(SubscribeAnswer.Section::accepted)
            .map(SubscribeAnswer.Section::headerExtensions).orElse(Map.of()));
      }
    }
  }

  /** Whether {@code participantId} receives audio in slots now. */
  boolean has(String participantId) {
    return subscribers.containsKey(participantId);
  }

  /** The subscriber left, or the meeting went back to one stream per participant: its slots go. */
  void drop(String participantId) {
    Slots s = subscribers.remove(participantId);
    if (s != null) {
      for (AudioSlotStream stream : s.streams()) {
        AudioSlotFeed feed = stream.source() == null ? null : feeds.get(stream.source());
        if (feed != null) {
          feed.remove(stream);
        }
        stream.close();
      }
    }
  }

  /**
   * A round of slot decisions when one is due: the loudest unmuted microphone of each participant
   * ({@code producers}: the meeting's, those piped from other workers too) is ranked once for the
   * meeting, then each subscriber's selector decides.
   */
  void tick(long nowMillis, Collection<Producer> producers, String dominant) {
    if (subscribers.isEmpty() || roundDone && nowMillis - lastRoundMillis < AudioSlotSelector.INTERVAL_MILLIS) {
      return;
    }
    roundDone = true;
    lastRoundMillis = nowMillis;
    feeds.keySet().removeIf(Producer::isClosed);
    Map<String, Integer> loudness = new HashMap<>();
    Map<String, Producer> microphones = new HashMap<>();
    for (Producer p : producers) {
      if (p.kind() == MediaKind.AUDIO && !p.isMuted() && !p.isClosed()) {
        int l = p.level().loudness(nowMillis);
        if (l >= loudness.getOrDefault(p.participantId(), -1)) {
          loudness.put(p.participantId(), l);
          microphones.put(p.participantId(), p);
        }
      }
    }
    int depth = AudioSlotSelector.rankingDepth(config.loudest() + 1);
    AudioRanking ranking = AudioRanking.of(loudness, depth);
    subscribers.forEach((id, s) -> {
      AudioSlotDecision d = s.selector().decide(ranking, dominant, nowMillis);
      if (d != null) {
        apply(id, s, d, microphones);
      }
    });
  }

  /**
   * Points each slot at its holder's microphone (a changed slot, or a holder who republished) and
   * tells the subscriber when the mapping changed.
   */
  private void apply(String subscriberId, Slots s, AudioSlotDecision d, Map<String, Producer> microphones) {
    for (AudioSlotStream stream : s.streams()) {
      String holder = d.holder(stream.slot());
      Producer want = holder == null ? null : microphones.get(holder);
      if (stream.source() != want) {
        carry(stream, want);
      }
    }
    if (d.isChanged()) {
      List<String> mids = new ArrayList<>();
      List<String> holders = new ArrayList<>();
      for (AudioSlotStream stream : s.streams()) {
        mids.add(stream.mid());
        String holder = d.holder(stream.slot());
        holders.add(holder == null ? "" : holder);
      }
      env.emit(new SfuEvent.AudioSlots(meetingId, subscriberId, mids, holders));
    }
  }

  private void carry(AudioSlotStream stream, Producer now) {
    AudioSlotFeed before = stream.source() == null ? null : feeds.get(stream.source());
    if (before != null) {
      before.remove(stream);
    }
    stream.carry(now);
    if (now != null) {
      feeds.computeIfAbsent(now, p -> {
        AudioSlotFeed f = new AudioSlotFeed(p);
        p.addConsumer(f);
        return f;
      }).add(stream);
    }
  }
}
