package io.confero.sfu.router;

import io.confero.codecs.sfu.SfuRequest;
import io.confero.codecs.sfu.SubscribedTrack;
import io.confero.codecs.sfu.TrackInfo;
import io.confero.media.sdp.Fingerprint;
import io.confero.media.sdp.OutgoingTrack;
import io.confero.media.sdp.SdpNegotiationException;
import io.confero.media.sdp.SdpParseException;
import io.confero.media.sdp.SubscribeAnswer;
import io.confero.media.sdp.SubscribeAnswerParser;
import io.confero.media.sdp.SubscribeOffer;
import io.confero.media.sdp.SubscribeOfferer;
import io.confero.media.sdp.SubscribeState;
import io.confero.sfu.dtls.DtlsRole;
import io.confero.sfu.media.AudioSlotStream;
import io.confero.sfu.media.WebRtcConsumer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SDP side of one router's subscriptions: builds a subscriber's offer from the consumers and
 * audio slots it already has (keeping its {@link SubscribeState} and last offer on the {@link Peer})
 * and applies the browser's answer to them, starting DTLS. Which consumers a subscriber has is the
 * {@link Router}'s business. Worker event loop only.
 */
final class SubscribeNegotiation {
  private final WorkerEnv env;
  private final AudioSlotRouting audioSlots;

  SubscribeNegotiation(WorkerEnv env, AudioSlotRouting audioSlots) {
    this.env = env;
    this.audioSlots = audioSlots;
  }

  /** The offer of {@code peer}'s consumers and {@code slots}; its downlink transport must be attached. */
  SfuRequest.SubscribeOffer offer(Peer peer, List<AudioSlotStream> slots) {
    List<OutgoingTrack> outgoing = new ArrayList<>();
    List<SubscribedTrack> labels = new ArrayList<>();
    for (WebRtcConsumer c : peer.consumersByTrack.values()) {
      outgoing.add(c.outgoing());
      labels.add(new SubscribedTrack(c.mid(), Router.info(c.producer())));
    }
    for (AudioSlotStream slot : slots) {
      outgoing.add(slot.outgoing());
      labels.add(new SubscribedTrack(slot.mid(), new TrackInfo(slot.outgoing().trackId(), "", "audio", "slot", false)));
    }
    SubscribeState state = peer.subscribeState != null ? peer.subscribeState
        : SubscribeState.initial(Integer.toUnsignedLong(env.randomInt()));
    SubscribeOffer offer = new SubscribeOfferer(env.local(peer.downlink.transport())).offer(state, outgoing);
    peer.subscribeState = offer.state();
    peer.consumersChanged = false;
    peer.lastSubscribeOffer = offer.offer();
    return new SfuRequest.SubscribeOffer(offer.sdp(), labels);
  }

  /** Applies the browser's answer to {@code peer}'s last offer ({@code null}: none); starts DTLS on the first one. */
  void answer(Peer peer, String sdp) throws SdpParseException, SdpNegotiationException {
    if (peer == null || peer.lastSubscribeOffer == null || peer.downlink.transport() == null) {
      throw new SdpNegotiationException("no subscriber offer is outstanding");
    }
    SubscribeAnswer answer = SubscribeAnswerParser.parse(peer.lastSubscribeOffer, sdp);
    String fp = answer.sha256().map(Fingerprint::value)
        .orElseThrow(() -> new SdpNegotiationException("answer has no sha-256 fingerprint"));
    for (WebRtcConsumer c : peer.consumersByTrack.values()) {
      Optional<SubscribeAnswer.Section> section = answer.section(c.mid()).filter(SubscribeAnswer.Section::accepted);
      c.setRtxNegotiated(section.filter(s -> s.payloadTypes().contains(c.rtxPt())).isPresent());
      c.setSubscriberExtensions(section.map(SubscribeAnswer.Section::headerExtensions).orElse(Map.of()));
    }
    audioSlots.answered(peer.participantId, answer);
    peer.downlink.transport().startDtls(answer.weAreDtlsServer() ? DtlsRole.SERVER : DtlsRole.CLIENT, fp);
  }
}
