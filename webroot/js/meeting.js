import { codeFromLocation } from './joincode.js';
import { el, toast, showScreen } from './dom.js';
import { LocalMedia, describeMediaError } from './localmedia.js';
import { Signaling } from './signaling.js';
import { Publisher } from './publisher.js';
import { Subscriber } from './subscriber.js';
import { Gallery } from './gallery.js';
import { startQualityReports } from './quality.js';
import { renderPeople } from './people.js';
import { updateMediaButtons, showPreview, showNotice, fillDevices } from './prejoin.js';
import { Extras } from './extras.js';
import { takeHostKey } from './hostkey.js';
import { backoffDelay, DEFAULT_GRACE_MS, saveSession, loadSession, clearSession } from './reconnect.js';
import { StageView } from './stageview.js';
import { RecordingUi } from './recording.js';

const $ = (id) => document.getElementById(id);
const NAME_KEY = 'confero.displayName';
const JOIN_TIMEOUT_MS = 15000;
const PING_MS = 25000;
const PREVIEW_WAIT_MS = 3000;
const SHARE_REFUSED = 'Someone else is presenting. Only one person can present at a time unless the host allows more.';
/**
 * Diagnostic switch: `?relay=1` on the meeting URL makes both peer connections use TURN relay
 * candidates only (iceTransportPolicy 'relay'), to check the TURN path. See docs/testing.md.
 */
const ICE_TRANSPORT_POLICY = new URLSearchParams(window.location.search).get('relay') === '1' ? 'relay' : 'all';

/** Test hooks (see docs): state, the two peer connections, and who is in the meeting. */
const hooks = {
  state: 'prejoin',
  publisher: null,
  subscriber: null,
  participants: new Map(),
  selfId: null,
  meeting: null,
  remoteTracks: new Map(),
  iceTransportPolicy: ICE_TRANSPORT_POLICY,
  // performance.now() marks for docs/benchmarks.md: signaling socket open, first remote video frame shown
  timings: { wsOpen: null, firstFrame: null },
  // participant_joined / _left / _updated as they arrived ({type, participant_id, reconnecting, at}), and our own reconnects
  events: [],
  reconnects: 0,
  resumed: false,
  restoredSession: false, // this page rejoined from a reload's saved session, skipping the pre-join
};
window.confero = hooks;

const code = codeFromLocation();
const hostKey = takeHostKey(code);
const media = new LocalMedia();
const gallery = new Gallery($('stage'), $('gallery'), $('spotlight'));
let session = null;
/** The seat of a call whose reconnect gave up: Rejoin tries it first (a host stays host). */
let lostSeat = null;
let previewReady = Promise.resolve();
const extras = new Extras(() => (session ? session.signaling : null));
hooks.extras = extras;
const recording = new RecordingUi((msg) => { if (session && session.signaling) session.signaling.send(msg); });
/** Test hook: the signaling socket closes as a lost network would close it (not by us). */
hooks.dropConnection = () => { if (session && session.signaling.ws) session.signaling.ws.close(4000); };
const stageView = new StageView(gallery, $('layout-btn'), hooks);
/** Joins with a join response the integrator obtained (e.g. a host seat from POST /api/v1/meetings/{id}/join). */
hooks.connectWith = async (body, displayName) => {
  await previewReady;
  setState('joining');
  connect(body, displayName);
};

function setState(state) {
  hooks.state = state;
  document.body.dataset.state = state;
}

function storedName() {
  try { return localStorage.getItem(NAME_KEY) || ''; } catch { return ''; }
}

function storeName(name) {
  try { localStorage.setItem(NAME_KEY, name); } catch { /* storage unavailable */ }
}

// ---------------------------------------------------------------- pre-join

async function startPreview() {
  media.starting = true;
  updateMediaButtons(media);
  const err = await media.start();
  media.starting = false;
  showPreview(media);
  if (err) showNotice(`${describeMediaError(err)} You can still join to see and hear the others.`);
  else if (!media.track('audio')) showNotice('No microphone found: others won’t hear you.');
  else if (!media.track('video')) showNotice('No camera found: others will see your initials.');
  else showNotice('');
  updateMediaButtons(media);
  if (session && session.publisher) publishLocal(session);
  await fillDevices(media).catch(() => {});
}

async function switchDevice(kind, deviceId) {
  try {
    const track = await media.use(kind, deviceId);
    showPreview(media);
    if (session && session.transceivers[kind]) await session.transceivers[kind].sender.replaceTrack(track);
    if (kind === 'video' && session) gallery.setVideo(session.selfId, track);
  } catch (e) {
    toast(describeMediaError(e), { kind: 'error' });
  }
  updateMediaButtons(media);
}

// ---------------------------------------------------------------- join

function failJoin(message) {
  if (code) clearSession(code);
  if (session) teardown({ keepMedia: true });
  setState('error');
  showScreen('prejoin');
  $('prejoin-error').textContent = message;
  $('join-btn').disabled = !code;
  $('join-btn').textContent = 'Join now';
}

/** "the meeting has ended" → "The meeting has ended." */
function sentence(text) {
  const t = String(text).trim();
  return t.charAt(0).toUpperCase() + t.slice(1) + (/[.!?]$/.test(t) ? '' : '.');
}

async function join(displayName) {
  setState('joining');
  $('prejoin-error').textContent = '';
  $('join-btn').disabled = true;
  $('join-btn').textContent = 'Joining…';
  await Promise.race([previewReady, new Promise((r) => setTimeout(r, PREVIEW_WAIT_MS))]);
  let resp;
  let body = null;
  try {
    resp = await fetch(`/j/${code}/join`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(hostKey ? { display_name: displayName, host_key: hostKey } : { display_name: displayName }),
    });
    body = await resp.json().catch(() => null);
  } catch {
    failJoin('Could not reach Confero. Check your connection and try again.');
    return;
  }
  if (resp.status === 403 && body && String(body.type).endsWith('/meeting-locked')) {
    media.stop(); // nobody may join now: the camera light goes off until they try again
    $('preview').srcObject = null;
    finish('locked', 'This meeting is locked', 'The host has locked the meeting, so nobody else can join right now. Ask the host to unlock it, then try again.');
    return;
  }
  if (!resp.ok || !body) {
    failJoin(sentence((body && (body.detail || body.title)) || `Could not join the meeting (HTTP ${resp.status})`));
    return;
  }
  connect(body, displayName);
}

async function connect(body, displayName) {
  hooks.meeting = body.meeting || null;
  const title = (body.meeting && body.meeting.title) || 'Meeting';
  $('meeting-title').textContent = title;
  document.title = `${title} · Confero`;
  const media_server = body.media_server || {};
  const signaling = new Signaling(media_server.url || '/ws', body.session_token);
  const s = {
    signaling, title, displayName, selfId: body.participant_id, role: body.role, body, graceMs: DEFAULT_GRACE_MS,
    ice: { iceServers: media_server.ice_servers || [], iceTransportPolicy: ICE_TRANSPORT_POLICY },
    transceivers: {}, screen: null, sentMuted: { audio: false, video: false },
    cameraTrackOf: new Map(), timers: [],
  };
  session = s;
  bindSignaling(s, signaling);
  try {
    await signaling.open();
  } catch {
    if (session === s) failJoin('Could not connect to the meeting server. Try again in a moment.');
    return;
  }
  hooks.timings.wsOpen ??= performance.now();
  if (session !== s) return;
  s.timers.push(setTimeout(() => {
    if (session === s && hooks.state === 'joining') failJoin('The meeting server did not answer. Try again in a moment.');
  }, JOIN_TIMEOUT_MS));
  signaling.send({ type: 'join', v: 1 });
}

/** Routes one socket's frames and close to the session while it is the session's current socket. */
function bindSignaling(s, signaling) {
  signaling.onmessage = (m) => { if (session === s && s.signaling === signaling) onMessage(s, m); };
  signaling.onclose = (ev, byUs) => { if (session === s && s.signaling === signaling && !byUs) onSocketClose(s, ev); };
}

function onMessage(s, m) {
  if (m.type.startsWith('participant_')) {
    const p = m.participant || {};
    hooks.events.push({ type: m.type, participant_id: m.participant_id || p.participant_id, reconnecting: !!p.reconnecting, at: Date.now() });
  }
  switch (m.type) {
    case 'joined': onJoined(s, m); break;
    case 'waiting': endReconnect(s); setState('waiting'); showScreen('waiting'); break;
    case 'admitted': setState('joining'); break;
    case 'denied': finish('ended', 'You were not admitted', 'The host did not let you into this meeting.'); break;
    case 'removed': finish('ended', 'You were removed from this meeting', 'The host removed you from the meeting.'); break;
    case 'muted_by_host': onMutedByHost(s, m); break;
    case 'publish_answer': if (s.publisher) s.publisher.onAnswer(m); break;
    case 'video_constraints': if (s.publisher) s.publisher.constrain(m); break;
    case 'subscribe_offer': if (s.subscriber) s.subscriber.onOffer(m); break;
    case 'participant_joined': onParticipant(m.participant, true); break;
    case 'participant_updated': onParticipant(m.participant, false); break;
    case 'participant_left': onParticipantLeft(s, m); break;
    case 'track_unpublished': if (s.subscriber && m.track) s.subscriber.forget(m.track.track_id); break;
    case 'meeting_ended': finish('ended', 'The meeting has ended', endReason(m.reason)); break;
    case 'recording': recording.onMessage(m); break;
    case 'error': if (!recording.onError(m.code)) onError(s, m); break;
    default: if (extras.onMessage(m, s.selfId)) renderAllPeople(); else stageView.onMessage(m); break; // track_published, pong and types from later versions need nothing here
  }
}

function endReason(reason) {
  return reason === 'host' || reason === 'ended_by_host' ? 'The host ended the meeting for everyone.' : 'Thanks for joining.';
}

function onJoined(s, m) {
  if (hooks.state !== 'joining' && hooks.state !== 'waiting' && hooks.state !== 'reconnecting') return;
  if (s.reconnect || m.resumed) gallery.clear();
  endReconnect(s);
  wrongNodeRedirects = 0;
  s.graceMs = Number(m.reconnect_grace_ms) > 0 ? Number(m.reconnect_grace_ms) : DEFAULT_GRACE_MS;
  if (m.resumed) { // the server kept our seat and our mute state; send only what changed meanwhile
    hooks.resumed = true;
    s.sentMuted = { audio: !!(m.self && m.self.audio_muted), video: !!(m.self && m.self.video_muted) };
  }
  const self = { ...(m.self || {}), participant_id: (m.self && m.self.participant_id) || s.selfId };
  s.selfId = self.participant_id;
  hooks.selfId = s.selfId;
  hooks.participants.clear();
  hooks.remoteTracks.clear();
  self.display_name = self.display_name || s.displayName;
  if (m.self && m.self.audio_muted === true && media.enabled.audio && media.track('audio')) {
    media.setEnabled('audio', false);
    s.sentMuted.audio = true;
    toast('You joined muted');
  }
  updateMediaButtons(media);
  self.audio_muted = !(media.enabled.audio && media.track('audio'));
  self.video_muted = !(media.enabled.video && media.track('video'));
  hooks.participants.set(s.selfId, participantRecord(self));
  s.role = self.role || s.role;
  extras.onJoined(m);
  recording.onJoined(m, extras.canModerate);
  setState('joined');
  showScreen('call');
  $('call-title').textContent = (m.meeting && m.meeting.title) || s.title;
  gallery.upsert(self, { self: true });
  gallery.setVideo(s.selfId, media.track('video'));
  for (const p of m.participants || []) if (p.participant_id !== s.selfId) onParticipant(p, false);
  renderAllPeople();
  s.publisher = new Publisher(s.ice, s.signaling);
  s.publisher.onRejected = (r) => onPublishRejected(s, r);
  s.subscriber = new Subscriber(s.ice, s.signaling, remoteSink(s));
  hooks.publisher = s.publisher.pc;
  hooks.subscriber = s.subscriber.pc;
  for (const pc of [s.publisher.pc, s.subscriber.pc]) { // media cannot flow any more: start over on fresh connections
    pc.addEventListener('connectionstatechange', () => {
      if (pc.connectionState === 'failed' && session === s && hooks.state === 'joined') startReconnect(s);
    });
  }
  publishLocal(s);
  startClock(s);
  persist(s);
  s.timers.push(setInterval(() => { s.signaling.send({ type: 'ping' }); persist(s); }, PING_MS));
  s.timers.push(startQualityReports(s.signaling, hooks.remoteTracks));
}

/** Keeps what a reload of this page needs to rejoin within the grace period (see reconnect.js). */
function persist(s) {
  if (!code || session !== s || s.reconnect) return; // while reconnecting, the grace counts from the drop
  saveSession(code, { body: s.body, displayName: s.displayName, graceMs: s.graceMs,
    audio: media.enabled.audio, video: media.enabled.video });
}

// ---------------------------------------------------------------- reconnecting

/**
 * The connection dropped (socket closed, or a peer connection failed): the server holds our seat
 * for the grace period. Media goes, the call screen stays with a banner, and we retry `join` with
 * the same session token, backing off exponentially with full jitter, until the grace runs out.
 */
function startReconnect(s) {
  if (session !== s || s.reconnect) return;
  hooks.reconnects += 1;
  s.reconnect = { since: Date.now(), attempt: 0 };
  setState('reconnecting');
  $('reconnect-banner').hidden = false;
  dropMedia(s);
  s.signaling.close(4000); // not 1000: the server holds us instead of seeing a leave
  scheduleAttempt(s);
}

function dropMedia(s) {
  for (const t of s.timers) { clearTimeout(t); clearInterval(t); }
  s.timers = [];
  if (s.screen) {
    s.screen.track.stop();
    s.screen = null;
    gallery.removeScreen('local-screen');
    setScreenButton(false);
  }
  if (s.subscriber) s.subscriber.close();
  if (s.publisher) s.publisher.close();
  s.publisher = null;
  s.subscriber = null;
  s.transceivers = {};
}

function scheduleAttempt(s) {
  const left = s.graceMs - (Date.now() - s.reconnect.since);
  if (left <= 0) {
    const seat = { body: s.body, displayName: s.displayName };
    finish('error', 'Connection lost', 'Confero could not reconnect you to the meeting. Check your network, then rejoin.');
    lostSeat = seat;
    return;
  }
  s.timers.push(setTimeout(() => attempt(s), Math.min(backoffDelay(s.reconnect.attempt++), left)));
}

async function attempt(s) {
  if (session !== s || hooks.state !== 'reconnecting') return;
  const signaling = new Signaling(s.body.media_server && s.body.media_server.url ? s.body.media_server.url : '/ws', s.body.session_token);
  s.signaling = signaling;
  bindSignaling(s, signaling);
  try {
    await signaling.open();
  } catch {
    if (session === s && s.signaling === signaling) scheduleAttempt(s);
    return;
  }
  if (session !== s || s.signaling !== signaling) return;
  s.timers.push(setTimeout(() => {
    if (session === s && s.signaling === signaling && hooks.state === 'reconnecting') {
      signaling.close(4000);
      scheduleAttempt(s);
    }
  }, JOIN_TIMEOUT_MS));
  signaling.send({ type: 'join', v: 1 });
}

function endReconnect(s) {
  s.reconnect = null;
  $('reconnect-banner').hidden = true;
}

function participantRecord(p) {
  return { display_name: p.display_name || 'Guest', role: p.role || 'participant', audio_muted: !!p.audio_muted,
    video_muted: !!p.video_muted, hand_raised_at: p.hand_raised_at || null, reconnecting: !!p.reconnecting };
}

/**
 * Publishes every local track that is not yet published, and tells the SFU which kinds are off.
 * Runs on join and again when a device becomes available later (a permission prompt answered late).
 */
function publishLocal(s) {
  let added = false;
  for (const [kind, source] of [['audio', 'microphone'], ['video', 'camera']]) {
    const track = media.track(kind);
    if (track && !s.transceivers[kind]) {
      s.transceivers[kind] = s.publisher.add(track, source, media.stream);
      added = true;
    }
    const muted = !(track && media.enabled[kind]);
    if (s.sentMuted[kind] !== muted) {
      s.signaling.send({ type: 'mute', kind, muted });
      s.sentMuted[kind] = muted;
    }
  }
  if (added) negotiate(s);
  gallery.setVideo(s.selfId, media.track('video'));
  updateSelf();
}

function negotiate(s) {
  s.publisher.negotiate().catch((e) => {
    if (session === s && e.code !== 'share-in-progress') toast(`Could not publish your media: ${e.message}`, { kind: 'error' });
  });
}

function onParticipant(p, announce) {
  if (!p || !p.participant_id || !session) return;
  const isSelf = p.participant_id === session.selfId;
  const known = hooks.participants.has(p.participant_id);
  const record = participantRecord(p);
  if (isSelf) { // our own mute state is what our tracks do, whatever order echoes arrive in
    record.audio_muted = !(media.enabled.audio && media.track('audio'));
    record.video_muted = !(media.enabled.video && media.track('video'));
  }
  hooks.participants.set(p.participant_id, record);
  if (isSelf) extras.onSelf(p);
  gallery.upsert({ participant_id: p.participant_id, ...record }, { self: isSelf });
  renderAllPeople();
  if (announce && !known && !isSelf) toast(`${p.display_name || 'Someone'} joined`);
}

/** The host turned our microphone or camera off: the SFU already stopped forwarding it; we may turn it back on. */
function onMutedByHost(s, m) {
  const kind = m.kind === 'video' ? 'video' : 'audio';
  if (media.enabled[kind]) media.setEnabled(kind, false);
  s.sentMuted[kind] = true;
  updateMediaButtons(media);
  gallery.refreshAll();
  updateSelf();
  toast(kind === 'audio' ? 'The host muted you' : 'The host turned off your camera');
}

function onParticipantLeft(s, m) {
  const id = m.participant_id;
  if (id === s.selfId) {
    if (m.reason === 'removed') finish('ended', 'You were removed from this meeting', 'The host removed you from the meeting.');
    return;
  }
  const p = hooks.participants.get(id);
  hooks.participants.delete(id);
  if (s.subscriber) s.subscriber.forgetParticipant(id);
  gallery.remove(id);
  renderAllPeople();
  if (p) toast(`${p.display_name} left`);
}

function onError(s, m) {
  switch (m.code) {
    case 'meeting-ended':
      finish('ended', 'The meeting has ended', 'Thanks for joining.');
      return;
    case 'removed':
      finish('ended', 'You were removed from this meeting', 'The host removed you from the meeting.');
      return;
    case 'share-in-progress':
      // (servers before publish_answer.rejected) stop the screen only once the refused offer is rolled
      // back: stopping a transceiver of a pending offer and then rolling it back leaves Chromium with
      // a half-stopped transceiver
      Promise.resolve(s.publisher && s.publisher.onError(m)).then(() => { if (session === s && s.screen) stopScreen(s); });
      toast(SHARE_REFUSED, { kind: 'error' });
      return;
    case 'wrong-node':
      // this meeting lives on another node of the cluster: the socket closes (4421) and every
      // later attempt goes to the meeting's home
      if (m.url) s.body.media_server = { ...(s.body.media_server || {}), url: m.url };
      return;
    case 'unauthorized':
      if (hooks.state === 'joining') failJoin('Your session has expired. Please join again.');
      else finish('error', 'You were disconnected', m.message || 'Your session is no longer valid.');
      return;
    default:
      if (s.publisher && s.publisher.onError(m)) return toast(`Could not publish your media: ${m.message || m.code}`, { kind: 'error' });
      toast(m.message || m.code || 'Something went wrong', { kind: 'error' });
  }
}

/**
 * The server answered our publish but refused one of its sections (someone else started presenting
 * first): the publisher already stopped that transceiver, so only the local screen goes.
 */
function onPublishRejected(s, r) {
  if (session !== s) return;
  if (s.screen && s.screen.transceiver === r.transceiver) dropScreen(s);
  toast(r.code === 'share-in-progress' ? SHARE_REFUSED : `Could not publish your ${r.source || 'media'}: ${r.message || r.code}`,
    { kind: 'error' });
}

/** Sockets sent on to the meeting's home node (`wrong-node`) while joining; bounded so that a cluster in flux cannot loop. */
let wrongNodeRedirects = 0;

function onSocketClose(s, ev) {
  if (ev && ev.code === 4421 && hooks.state === 'joining' && wrongNodeRedirects++ < 3) {
    connect(s.body, s.displayName);
    return;
  }
  if (ev && ev.code === 4409) finish('error', 'You joined from another window', 'This meeting is open in another tab or on another device.');
  else if (hooks.state === 'reconnecting') scheduleAttempt(s);
  else if (hooks.state === 'joined') startReconnect(s);
  else if (hooks.state === 'joining') failJoin('The connection to the meeting server was closed. Try again in a moment.');
  else if (hooks.state === 'waiting') finish('error', 'You lost your connection to the meeting', 'Check your network, then rejoin.');
}

/** Timing hook: records when the first remote camera frame is presented in a tile (performance.now()). */
function markFirstFrame(pid) {
  if (hooks.timings.firstFrame !== null) return;
  const video = document.querySelector(`.tile[data-participant-id="${CSS.escape(pid)}"] video`);
  if (!video || !video.requestVideoFrameCallback) return;
  video.requestVideoFrameCallback((now) => { hooks.timings.firstFrame ??= now; });
}

/** Where remote tracks go: audio elements, camera tiles, the screen-share spotlight. */
function remoteSink(s) {
  return {
    attach(info, track) {
      hooks.remoteTracks.set(info.track_id, { ...info, track });
      const pid = info.participant_id;
      if (info.kind === 'audio') {
        const audio = el('audio', { autoplay: true, dataset: { trackId: info.track_id, participantId: pid } });
        audio.srcObject = new MediaStream([track]);
        $('audio-sink').append(audio);
        audio.play().catch(() => {});
        return;
      }
      if (!hooks.participants.has(pid)) onParticipant({ participant_id: pid, display_name: 'Guest' }, false);
      if (info.source === 'screen') {
        const name = hooks.participants.get(pid)?.display_name || 'Someone';
        gallery.addScreen(info.track_id, pid, `${name} is presenting`, track);
      } else {
        s.cameraTrackOf.set(pid, info.track_id);
        gallery.setVideo(pid, track);
        markFirstFrame(pid);
      }
    },
    detach(info) {
      hooks.remoteTracks.delete(info.track_id);
      if (info.kind === 'audio') {
        for (const a of $('audio-sink').querySelectorAll('audio')) {
          if (a.dataset.trackId === info.track_id) { a.srcObject = null; a.remove(); }
        }
      } else if (info.source === 'screen') {
        gallery.removeScreen(info.track_id);
      } else if (s.cameraTrackOf.get(info.participant_id) === info.track_id) {
        s.cameraTrackOf.delete(info.participant_id);
        gallery.setVideo(info.participant_id, null);
      }
    },
  };
}

// ---------------------------------------------------------------- in the call

function updateSelf() {
  if (!session) return;
  const me = hooks.participants.get(session.selfId);
  if (!me) return;
  me.audio_muted = !(media.enabled.audio && media.track('audio'));
  me.video_muted = !(media.enabled.video && media.track('video'));
  gallery.upsert({ participant_id: session.selfId, ...me }, { self: true });
  renderAllPeople();
}

/** Turns mic or camera on/off; in the call also tells the SFU. Starts the device if it was never acquired. */
async function toggle(kind) {
  const on = !(media.enabled[kind] && media.track(kind));
  if (on && !media.track(kind)) {
    try {
      await media.acquire(kind);
    } catch (e) {
      toast(describeMediaError(e), { kind: 'error' });
      return;
    }
    showPreview(media);
    fillDevices(media).catch(() => {});
  }
  media.setEnabled(kind, on);
  if (session && session.publisher) {
    publishLocal(session);
    gallery.refreshAll();
  }
  updateMediaButtons(media);
}

async function toggleScreen() {
  const s = session;
  if (!s || !s.publisher) return;
  if (s.screen) {
    stopScreen(s);
    return;
  }
  const presenter = [...gallery.screens.values()].map((t) => t.dataset.screenOf).find((id) => id !== s.selfId);
  if (presenter && !extras.multiShare) {
    const name = hooks.participants.get(presenter)?.display_name || 'Someone';
    toast(`${name} is presenting. Only one person can present at a time unless the host allows more.`, { kind: 'error' });
    return;
  }
  if (!navigator.mediaDevices || !navigator.mediaDevices.getDisplayMedia) {
    toast('This browser cannot share the screen.', { kind: 'error' });
    return;
  }
  let stream;
  try {
    stream = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { ideal: 15 } }, audio: false });
  } catch (e) {
    if (e && e.name !== 'NotAllowedError' && e.name !== 'AbortError') toast(`Could not share your screen: ${e.message}`, { kind: 'error' });
    return;
  }
  if (session !== s) {
    stream.getTracks().forEach((t) => t.stop());
    return;
  }
  const track = stream.getVideoTracks()[0];
  if ('contentHint' in track) track.contentHint = 'detail';
  track.addEventListener('ended', () => { if (s.screen && s.screen.track === track) stopScreen(s); });
  s.screen = { stream, track, transceiver: s.publisher.add(track, 'screen', stream) };
  negotiate(s);
  gallery.addScreen('local-screen', s.selfId, 'You are presenting', track);
  setScreenButton(true);
}

function stopScreen(s) {
  const { transceiver } = s.screen;
  dropScreen(s);
  s.publisher.remove(transceiver);
  s.publisher.running?.catch(() => {});
}

/** Ends the local screen capture and its preview; the publisher side is the caller's. */
function dropScreen(s) {
  const { track } = s.screen;
  s.screen = null;
  track.stop();
  gallery.removeScreen('local-screen');
  setScreenButton(false);
}

function setScreenButton(on) {
  const btn = $('screen-btn');
  btn.classList.toggle('active', on);
  btn.setAttribute('aria-pressed', String(on));
  btn.title = on ? 'Stop presenting' : 'Present now';
  btn.setAttribute('aria-label', btn.title);
}

function renderAllPeople() {
  renderPeople($('participants-list'), hooks.participants, hooks.selfId, (id, p) => extras.personActions(id, p, hooks.selfId));
  extras.renderHands();
  const n = String(hooks.participants.size);
  $('participants-count').textContent = n;
  $('participants-count-label').textContent = `(${n})`;
}

function togglePanel(open = $('side-panel').hidden) {
  $('side-panel').hidden = !open;
  $('participants-btn').classList.toggle('active', open);
  $('participants-btn').setAttribute('aria-pressed', String(open));
  requestAnimationFrame(() => gallery.layout());
}

function startClock(s) {
  const tick = () => {
    $('call-clock').textContent = new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  };
  tick();
  s.timers.push(setInterval(tick, 10000));
}

// ---------------------------------------------------------------- leaving

function teardown({ keepMedia = false } = {}) {
  const s = session;
  session = null;
  if (!s) return;
  for (const t of s.timers) { clearTimeout(t); clearInterval(t); }
  if (s.screen) s.screen.track.stop();
  if (s.subscriber) s.subscriber.close();
  if (s.publisher) s.publisher.close();
  s.signaling.close();
  if (!keepMedia) {
    media.stop();
    $('preview').srcObject = null;
  }
  gallery.clear();
  for (const a of $('audio-sink').querySelectorAll('audio')) { a.srcObject = null; a.remove(); }
  hooks.participants.clear();
  hooks.remoteTracks.clear();
  setScreenButton(false);
  togglePanel(false);
  $('reconnect-banner').hidden = true;
}

function leave() {
  if (session) session.signaling.send({ type: 'leave' });
  finish('left', 'You left the meeting', '');
}

function finish(state, title, detail) {
  lostSeat = null;
  if (code) clearSession(code);
  teardown();
  $('toasts').replaceChildren(); // "… left" notes from the call's last moments do not belong on this page
  setState(state);
  $('end-title').textContent = title;
  $('end-detail').textContent = detail;
  $('rejoin-btn').hidden = state === 'ended';
  $('rejoin-btn').textContent = state === 'locked' ? 'Try again' : 'Rejoin';
  $('end-lock').hidden = state !== 'locked';
  document.title = `${title} · Confero`;
  showScreen('end');
}

async function rejoin() {
  setState('prejoin');
  showScreen('prejoin');
  $('join-btn').disabled = true;
  previewReady = startPreview();
  await previewReady;
  const seat = lostSeat;
  lostSeat = null;
  if (seat) { // the same seat again; a token the server refuses falls back to the pre-join
    setState('joining');
    connect(seat.body, seat.displayName);
    return;
  }
  join($('name').value.trim() || storedName() || 'Guest');
}

// ---------------------------------------------------------------- wiring

function wire() {
  $('pre-mic-btn').addEventListener('click', () => toggle('audio'));
  $('pre-cam-btn').addEventListener('click', () => toggle('video'));
  $('mic-btn').addEventListener('click', () => toggle('audio'));
  $('cam-btn').addEventListener('click', () => toggle('video'));
  $('screen-btn').addEventListener('click', () => toggleScreen());
  $('leave-btn').addEventListener('click', () => leave());
  $('participants-btn').addEventListener('click', () => togglePanel());
  $('close-panel-btn').addEventListener('click', () => togglePanel(false));
  $('rejoin-btn').addEventListener('click', () => rejoin());
  $('mic-select').addEventListener('change', (e) => switchDevice('audio', e.target.value));
  $('cam-select').addEventListener('change', (e) => switchDevice('video', e.target.value));
  $('join-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const name = $('name').value.trim();
    if (!name) {
      $('prejoin-error').textContent = 'Enter your name to join.';
      $('name').focus();
      return;
    }
    storeName(name);
    join(name);
  });
  document.addEventListener('keydown', (e) => {
    if (!(e.ctrlKey || e.metaKey) || hooks.state !== 'joined') return;
    const key = e.key.toLowerCase();
    if (key === 'd') { e.preventDefault(); toggle('audio'); }
    if (key === 'e') { e.preventDefault(); toggle('video'); }
  });
  // no leave on pagehide: a reload rejoins within the grace period (reconnect.js); closing the tab
  // lets the server's grace run out, then the others see us leave
  window.addEventListener('pagehide', () => { if (session) persist(session); });
}

function init() {
  wire();
  setState('prejoin');
  showScreen('prejoin');
  $('name').value = storedName();
  if (!code) {
    $('meeting-code').textContent = '';
    $('prejoin-error').textContent = 'This link does not lead to a meeting.';
    $('join-btn').disabled = true;
  } else {
    $('meeting-code').textContent = `Meeting code: ${code}${hostKey ? ' · you are the host' : ''}`;
  }
  const saved = code ? loadSession(code) : null;
  if (saved) resumeAfterReload(saved);
  else previewReady = startPreview();
}

/** The page was reloaded within the grace period: back into the call with the same seat, no pre-join. */
async function resumeAfterReload(saved) {
  hooks.restoredSession = true;
  setState('joining');
  showScreen('call');
  $('reconnect-banner').hidden = false;
  $('name').value = saved.displayName || storedName();
  media.enabled = { audio: saved.audio !== false, video: saved.video !== false };
  previewReady = startPreview();
  await previewReady;
  connect(saved.body, saved.displayName || 'Guest');
}

init();
