/**
 * The meeting page's state in one place. The modules that change it get the store; nothing reads
 * state from `window`. Tests and integrators see it through `view()`: `window.confero`, a read-only
 * object of getters for the fields in VIEW (plus the few actions the page offers them), documented
 * in docs/testing.md.
 */
const VIEW = ['state', 'selfId', 'meeting', 'participants', 'remoteTracks', 'publisher', 'subscriber', 'iceTransportPolicy',
  'layout', 'activeSpeaker', 'audioSlots', 'timings', 'events', 'reconnects', 'resumed', 'restoredSession', 'e2ee'];

export class Store {
  constructor({ iceTransportPolicy = 'all' } = {}) {
    /** 'prejoin' | 'joining' | 'waiting' | 'joined' | 'reconnecting' | 'left' | 'ended' | 'locked' | 'error' */
    this.state = 'prejoin';
    this.selfId = null;
    this.meeting = null; // the join response's meeting (title, join_url, ...)
    this.participants = new Map(); // participant_id → {display_name, role, audio_muted, video_muted, hand_raised_at, reconnecting}
    this.remoteTracks = new Map(); // track_id → {participant_id, kind, source, track}
    this.publisher = null; // RTCPeerConnection
    this.subscriber = null; // RTCPeerConnection
    this.iceTransportPolicy = iceTransportPolicy;
    this.layout = 'gallery';
    this.activeSpeaker = null;
    this.audioSlots = new Map(); // large meetings: audio slot mid → the participant_id it carries now (null: silent)
    // performance.now() marks for docs/benchmarks.md: signaling socket open, joined, first subscriber
    // offer received and answered, subscriber connection connected, first remote camera track and frame shown
    this.timings = { wsOpen: null, joined: null, offer: null, answer: null, connected: null, track: null, firstFrame: null };
    // participant_joined / _left / _updated as they arrived ({type, participant_id, reconnecting, at})
    this.events = [];
    this.reconnects = 0;
    this.resumed = false;
    this.restoredSession = false; // this page rejoined from a reload's saved session, skipping the pre-join
    this.e2ee = null; // the E2ee of an end-to-end encrypted call (e2ee.js): mode, safety code, ask()
    // the page's own: not in the view
    this.session = null; // the call now: signaling, peer connections, timers (meeting.js connect())
    this.lostSeat = null; // the seat of a call whose reconnect gave up: Rejoin tries it first (a host stays host)
    this.previewReady = Promise.resolve();
    this.wrongNodeRedirects = 0; // sockets sent on to the meeting's home node while joining; bounded
  }

  /** A read-only view for tests: the VIEW fields as getters, and `actions` as methods. */
  view(actions = {}) {
    const view = {};
    for (const key of VIEW) Object.defineProperty(view, key, { get: () => this[key], enumerable: true });
    for (const [name, fn] of Object.entries(actions)) Object.defineProperty(view, name, { value: fn, enumerable: true });
    return Object.freeze(view);
  }
}
