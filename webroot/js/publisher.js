/** The smallest camera height we encode, whatever receivers show (see Publisher.applyConstraints). */
const MIN_HEIGHT = 180;
/** Tiles this small or smaller (device pixels high) are sent at SMALL_TILE_FPS. */
const SMALL_TILE_HEIGHT = 240;
const SMALL_TILE_FPS = 15;

/**
 * The simulcast encodings of a camera capture `height` lines high, lowest first (the SFU numbers
 * layers in this order and forwards each subscriber the one its tile needs): three (rid q/h/f at
 * 1/4, 1/2 and full resolution) from 720p up, two (1/2 and full) below. The low layer's cap is
 * kept at 100 kbit/s so that Chromium's allocator enables the middle layer (≥ 150 kbit/s) already
 * at its 300 kbit/s start estimate.
 */
export function cameraEncodings(height) {
  if (height >= 720) {
    return [
      { rid: 'q', scaleResolutionDownBy: 4, maxBitrate: 100_000, maxFramerate: 15 },
      { rid: 'h', scaleResolutionDownBy: 2, maxBitrate: 500_000, maxFramerate: 30 },
      { rid: 'f', scaleResolutionDownBy: 1, maxBitrate: 1_500_000, maxFramerate: 30 },
    ];
  }
  return [
    { rid: 'q', scaleResolutionDownBy: 2, maxBitrate: 200_000, maxFramerate: 15 },
    { rid: 'h', scaleResolutionDownBy: 1, maxBitrate: 700_000, maxFramerate: 30 },
  ];
}

const CODEC_MIME = { vp8: /^video\/(vp8|rtx)$/i, h264: /^video\/(h264|rtx)$/i };

/**
 * The codecs a video transceiver may send when the meeting says `codec` ('vp8' or 'h264'), or null
 * when the browser cannot send it (Firefox without its OpenH264 plugin): the codec and rtx only,
 * H.264 in packetization-mode 1 (the SFU takes no other). End-to-end encrypted video goes as VP8
 * (docs/e2ee.md: the SFU reads its clear prefix; an encrypted H.264 frame could not be packetized).
 */
export function videoCodecPreferences(codecs, codec) {
  const re = CODEC_MIME[codec];
  if (!re) return null;
  const out = codecs.filter((c) => re.test(c.mimeType)
    && !(/h264/i.test(c.mimeType) && !/packetization-mode=1/.test(c.sdpFmtpLine || '')));
  return out.some((c) => !/rtx/i.test(c.mimeType)) ? out : null;
}

/** Restricts a video transceiver to the meeting's codec where the browser lets us say so (docs/architecture.md). */
function preferVideoCodec(transceiver, kind, codec) {
  if (kind !== 'video' || typeof transceiver.setCodecPreferences !== 'function' || !RTCRtpSender.getCapabilities) return;
  const codecs = videoCodecPreferences((RTCRtpSender.getCapabilities('video') || { codecs: [] }).codecs, codec);
  if (!codecs) {
    console.warn(`this browser cannot send ${codec}; the meeting's other participants may not see this video`);
    return;
  }
  try { transceiver.setCodecPreferences(codecs); } catch (e) { console.warn('setCodecPreferences failed', e); }
}

/**
 * The publishing RTCPeerConnection: our microphone / camera / screen go out as sendonly
 * transceivers; every change is one `publish` offer answered by `publish_answer`. Negotiations are
 * serialized: while one publish is in flight, further requests collapse into one follow-up.
 */
export class Publisher {
  /**
   * @param {{iceServers: RTCIceServer[], iceTransportPolicy: RTCIceTransportPolicy}} ice from the join response
   * @param signaling a Signaling
   * @param e2ee an E2ee of an end-to-end encrypted meeting (every sender's frames sealed), or null
   * @param {'vp8'|'h264'} videoCodec what the meeting's publishers send (settings.video_codec)
   */
  constructor(ice, signaling, e2ee = null, videoCodec = 'vp8') {
    this.signaling = signaling;
    this.e2ee = e2ee;
    this.videoCodec = e2ee ? 'vp8' : videoCodec;
    this.pc = new RTCPeerConnection({ ...ice, bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require', ...(e2ee ? e2ee.pcConfig() : {}) });
    this.sources = new Map(); // RTCRtpTransceiver → 'microphone' | 'camera' | 'screen'
    this.inFlight = null; // {id, resolve, reject} of the publish awaiting its answer
    this.running = null; // promise of the negotiation loop
    this.again = false;
    this.tracks = []; // our published tracks, from the last publish_answer
    this.constraints = new Map(); // track_id → max_height from video_constraints
    // called with {transceiver, mid, source, code, message} for each of our sections an answer refused
    this.onRejected = () => {};
  }

  /**
   * Adds a track as a sendonly transceiver for `source`; call negotiate() to publish it. A camera
   * is sent as simulcast (cameraEncodings); a screen share as one full-resolution encoding.
   */
  add(track, source, stream) {
    const init = { direction: 'sendonly', streams: [stream] };
    if (source === 'camera') init.sendEncodings = cameraEncodings((track.getSettings && track.getSettings().height) || 0);
    const transceiver = this.pc.addTransceiver(track, init);
    if (this.e2ee) this.e2ee.attachSender(transceiver.sender, track.kind);
    if (this.e2ee || this.videoCodec !== 'vp8') preferVideoCodec(transceiver, track.kind, this.videoCodec);
    this.sources.set(transceiver, source);
    return transceiver;
  }

  /** Stops a transceiver (unpublishing its track) and republishes. */
  remove(transceiver) {
    if (!transceiver) return;
    this.sources.delete(transceiver);
    try {
      transceiver.stop();
    } catch {
      // already stopped or the connection is closed
    }
    this.negotiate();
  }

  /**
   * Stops every transceiver without a new offer: we may no longer publish (a webinar attendee again),
   * the server already closed our tracks.
   */
  dropAll() {
    for (const transceiver of this.sources.keys()) {
      try {
        transceiver.stop();
      } catch {
        // already stopped or the connection is closed
      }
    }
    this.sources.clear();
  }

  /** Requests a negotiation; resolves when the state that includes this request is published. */
  negotiate() {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.publishOnce();
        } while (this.again && this.pc.signalingState !== 'closed');
      } finally {
        this.running = null;
        // a change requested while a refused publish was in flight still gets published
        if (this.again && this.pc.signalingState !== 'closed') {
          this.again = false;
          this.negotiate();
        }
      }
    })();
    this.running.catch(() => {});
    return this.running;
  }

  /** Map of mid → source for every live transceiver we added. */
  sourcesByMid() {
    const out = {};
    for (const t of this.pc.getTransceivers()) {
      const source = this.sources.get(t);
      if (source && t.mid && t.direction !== 'stopped' && !t.stopped) out[t.mid] = source;
    }
    return out;
  }

  async publishOnce() {
    if (this.pc.signalingState === 'closed') return;
    const offer = await this.pc.createOffer();
    await this.pc.setLocalDescription(offer);
    const offered = new Map([...this.sources.keys()].filter((t) => t.mid).map((t) => [t.mid, t]));
    const answer = await new Promise((resolve, reject) => {
      const id = this.signaling.send({ type: 'publish', sdp: this.pc.localDescription.sdp, sources: this.sourcesByMid() });
      this.inFlight = { id, resolve, reject };
    });
    this.inFlight = null;
    if (this.pc.signalingState === 'closed') return;
    await this.pc.setRemoteDescription({ type: 'answer', sdp: answer.sdp });
    this.dropRejected(answer, offered);
    await this.keepCameraResolution();
    this.tracks = Array.isArray(answer.tracks) ? answer.tracks : [];
    await this.applyConstraints();
  }

  /**
   * Forgets the transceivers whose m-section the answer rejected (`rejected`, e.g. a screen while
   * someone else presents). A section answered with port 0 is already stopped by the answer (RFC
   * 8829 §5.10), so nothing else needs negotiating and a later share gets a fresh transceiver (Chromium
   * may recycle the m-section under a new mid); one answered inactive (our first, BUNDLE-tagged
   * section) is stopped here and unpublished by a follow-up offer.
   */
  dropRejected(answer, offered) {
    if (!Array.isArray(answer.rejected)) return;
    for (const r of answer.rejected) {
      const t = r && offered.get(r.mid);
      if (!t || !this.sources.has(t)) continue;
      this.sources.delete(t);
      if (t.direction !== 'stopped' && t.currentDirection !== 'stopped') {
        try { t.stop(); } catch { /* the connection is closed */ }
        this.again = true;
      }
      this.onRejected({ ...r, transceiver: t });
    }
  }

  /**
   * Handles `encodings` (dynacast): the SFU says which of our camera's simulcast encodings anyone
   * receives; the others are paused (`active = false`) until someone needs them again.
   */
  async setEncodingsActive(msg) {
    if (!Array.isArray(msg.active) || !this.tracks.some((t) => t.track_id === msg.track_id && t.source === 'camera')) return;
    for (const [t, source] of this.sources) {
      if (source !== 'camera' || t.stopped || t.direction === 'stopped') continue;
      const params = t.sender.getParameters();
      if (!params.encodings || params.encodings.length !== msg.active.length) continue;
      let changed = false;
      params.encodings.forEach((enc, i) => {
        const active = msg.active[i] !== false;
        if (enc.active !== active) { enc.active = active; changed = true; }
      });
      if (changed) {
        try { await t.sender.setParameters(params); } catch { /* renegotiating: the next message applies it */ }
      }
    }
  }

  /** Handles `video_constraints`: the largest height anyone shows our track at (0: nobody looks). */
  constrain(msg) {
    this.constraints.set(msg.track_id, msg.max_height);
    this.applyConstraints().catch(() => {});
  }

  /**
   * Scales the camera encoder down to the largest height a subscriber shows it at. While nobody
   * shows it, it keeps a 180-line trickle rather than stopping: a stopped encoder lets the
   * bandwidth estimate decay to the audio rate, and it then takes a long time to climb back when
   * someone looks again (the SFU stops forwarding to the receivers that don't show it anyway).
   * Screen shares stay at full detail.
   */
  async applyConstraints() {
    for (const info of this.tracks) {
      const maxHeight = this.constraints.get(info.track_id);
      if (info.source !== 'camera' || maxHeight === undefined) continue;
      for (const [t, source] of this.sources) {
        if (source !== 'camera' || t.stopped || t.direction === 'stopped' || !t.sender.track) continue;
        const params = t.sender.getParameters();
        // simulcast: the SFU gives each receiver the layer it shows, and dynacast pauses unused ones
        if (!params.encodings || params.encodings.length !== 1) continue;
        const height = t.sender.track.getSettings().height || 360;
        const enc = params.encodings[0];
        const scale = Math.max(1, height / Math.max(MIN_HEIGHT, maxHeight));
        // small gallery tiles also get fewer frames, as in Zoom's gallery: half the encoding and
        // decoding work for every participant, which is what lets a small machine hold a group call
        const fps = maxHeight <= SMALL_TILE_HEIGHT ? SMALL_TILE_FPS : undefined;
        if ((enc.scaleResolutionDownBy || 1) === scale && enc.maxFramerate === fps) continue;
        enc.scaleResolutionDownBy = scale;
        if (fps === undefined) delete enc.maxFramerate; else enc.maxFramerate = fps;
        try { await t.sender.setParameters(params); } catch { /* renegotiating: the next answer applies it */ }
      }
    }
  }

  /**
   * Camera video keeps its resolution when bandwidth or CPU run short (frame rate gives way first),
   * so faces stay legible in the gallery; screen share already prefers detail via contentHint.
   */
  async keepCameraResolution() {
    for (const [t, source] of this.sources) {
      if (source !== 'camera' || t.stopped || t.direction === 'stopped') continue;
      const params = t.sender.getParameters();
      if (!params.encodings || params.encodings.length === 0 || params.degradationPreference === 'maintain-resolution') continue;
      params.degradationPreference = 'maintain-resolution';
      try { await t.sender.setParameters(params); } catch { /* older browsers: keep the default */ }
    }
  }

  /** Handles `publish_answer`. */
  onAnswer(msg) {
    if (this.inFlight) this.inFlight.resolve(msg);
  }

  /**
   * Handles an `error`; when it answered our publish in flight, rolls that offer back and returns a
   * promise settled once the rollback is done (the publish fails then); false otherwise.
   */
  onError(msg) {
    if (!this.inFlight) return false;
    const ours = msg.ref ? msg.ref === this.inFlight.id : msg.code === 'bad-sdp';
    if (!ours) return false;
    const pending = this.inFlight;
    this.inFlight = null;
    const err = new Error(msg.message || msg.code);
    err.code = msg.code;
    // the next offer starts from the rolled-back state, so fail the publish only once it is done
    return this.pc.setLocalDescription({ type: 'rollback' }).catch(() => {}).then(() => pending.reject(err));
  }

  close() {
    if (this.inFlight) this.inFlight.reject(new Error('closed'));
    this.inFlight = null;
    this.pc.close();
  }
}
