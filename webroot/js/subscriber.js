/**
 * The receiving RTCPeerConnection: the SFU sends `subscribe_offer`s, we answer. Offers are applied
 * one at a time in arrival order. Each offer lists which participant and track each mid carries;
 * after every offer (and whenever a track ends) the set of live remote tracks is reconciled and
 * the callbacks told what appeared and what went away.
 */
export class Subscriber {
  /**
   * @param {{iceServers: RTCIceServer[], iceTransportPolicy: RTCIceTransportPolicy}} ice from the join response
   * @param signaling a Signaling
   * @param {{attach:(info:object, track:MediaStreamTrack)=>void, detach:(info:object)=>void}} sink
   * @param e2ee an E2ee of an end-to-end encrypted meeting (every receiver's frames opened), or null
   */
  constructor(ice, signaling, sink, e2ee = null) {
    this.signaling = signaling;
    this.sink = sink;
    this.e2ee = e2ee;
    this.pc = new RTCPeerConnection({ ...ice, bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require', ...(e2ee ? e2ee.pcConfig() : {}) });
    this.byMid = new Map(); // mid → Track from the latest offer
    this.attached = new Map(); // track_id → {info, track}
    this.removed = new Set(); // track_ids unpublished since the latest offer
    this.queue = Promise.resolve();
    this.pc.ontrack = (ev) => {
      if (this.e2ee) this.e2ee.attachReceiver(ev.receiver, ev.track.kind);
      ev.track.addEventListener('ended', () => this.reconcile());
      this.reconcile();
    };
  }

  /** Handles `subscribe_offer`: queued behind earlier offers. */
  onOffer(msg) {
    this.queue = this.queue.then(() => this.applyOffer(msg)).catch((e) => {
      console.warn('subscribe_offer failed', e);
    });
    return this.queue;
  }

  async applyOffer(msg) {
    if (this.pc.signalingState === 'closed') return;
    this.byMid = new Map((msg.tracks || []).filter((t) => t && t.mid && t.track).map((t) => [t.mid, t.track]));
    this.removed.clear();
    await this.pc.setRemoteDescription({ type: 'offer', sdp: msg.sdp });
    const answer = await this.pc.createAnswer();
    await this.pc.setLocalDescription(answer);
    this.signaling.send({ type: 'subscribe_answer', sdp: this.pc.localDescription.sdp });
    this.reconcile();
  }

  /** A track went away (`track_unpublished`, or its participant left): drop it now. */
  forget(trackId) {
    this.removed.add(trackId);
    this.reconcile();
  }

  /** Forgets every track of one participant. */
  forgetParticipant(participantId) {
    for (const info of this.byMid.values()) if (info.participant_id === participantId) this.removed.add(info.track_id);
    this.reconcile();
  }

  /** Live remote tracks: mids in the latest offer whose transceiver still receives and whose track has not ended. */
  live() {
    const out = new Map();
    if (this.pc.signalingState === 'closed') return out;
    for (const t of this.pc.getTransceivers()) {
      const info = t.mid ? this.byMid.get(t.mid) : null;
      if (!info || this.removed.has(info.track_id)) continue;
      const dir = t.currentDirection || t.direction;
      if (t.stopped || dir === 'inactive' || dir === 'stopped' || dir === 'sendonly') continue;
      const track = t.receiver.track;
      if (!track || track.readyState === 'ended') continue;
      out.set(info.track_id, { info, track });
    }
    return out;
  }

  reconcile() {
    const now = this.live();
    for (const [id, old] of this.attached) {
      const cur = now.get(id);
      if (!cur || cur.track !== old.track || cur.info.participant_id !== old.info.participant_id) {
        this.attached.delete(id);
        this.sink.detach(old.info);
      }
    }
    for (const [id, cur] of now) {
      if (!this.attached.has(id)) {
        this.attached.set(id, cur);
        this.sink.attach(cur.info, cur.track);
      }
    }
  }

  close() {
    for (const { info } of this.attached.values()) this.sink.detach(info);
    this.attached.clear();
    this.pc.close();
  }
}
