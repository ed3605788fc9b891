import { codeFromLocation } from './joincode.js';
import { toast, showScreen } from './dom.js';
import { LocalMedia, describeMediaError } from './localmedia.js';
import { Signaling } from './signaling.js';
import { Publisher } from './publisher.js';
import { Subscriber } from './subscriber.js';
import { Gallery } from './gallery.js';
import { fetchAdmitted } from './admission.js';
import { startQualityReports } from './quality.js';
import { renderPeople, ATTENDEE_PAGE } from './people.js';
import { updateMediaButtons, showPreview, showNotice, fillDevices } from './prejoin.js';
import { Extras } from './extras.js';
import { takeHostKey } from './hostkey.js';
import { DEFAULT_GRACE_MS, saveSession, loadSession, clearSession } from './reconnect.js';
import { StageView } from './stageview.js';
import { Store } from './store.js';
import { ScreenShare } from './screenshare.js';
import { Reconnector } from './reconnecting.js';
import { remoteSink } from './remotemedia.js';
import { MoreMenu } from './moremenu.js';
import { wireShortcuts } from './keyboard.js';
import { Settings } from './settings.js';
import { MicMeter } from './micmeter.js';
import { Invite } from './invite.js';
import { raisedInOrder, handWentUp } from './hands.js';
import { t, translatePage } from './i18n.js';
import { RecordingUi, watchPrejoinRecording } from './recording.js';
import { E2ee, e2eeSupport, wireE2eeDialog } from './e2ee.js';
import { wireLeaveDialog } from './leavedialog.js';
import { missingFeatures } from './support.js';
import { onAudioSlots } from './audioslots.js';
import { NetStatus } from './netstatus.js';

const $ = (id) => document.getElementById(id);
const NAME_KEY = 'confero.displayName';
const JOIN_TIMEOUT_MS = 15000;
const PING_MS = 25000;
const PREVIEW_WAIT_MS = 3000;
/**
 * Diagnostic switch: `?relay=1` on the meeting URL makes both peer connections use TURN relay
 * candidates only (iceTransportPolicy 'relay'), to check the TURN path. See docs/testing.md.
 */
const ICE_TRANSPORT_POLICY = new URLSearchParams(window.location.search).get('relay') === '1' ? 'relay' : 'all';

const store = new Store({ iceTransportPolicy: ICE_TRANSPORT_POLICY });

const code = codeFromLocation();
const hostKey = takeHostKey(code);
const media = new LocalMedia();
const gallery = new Gallery($('stage'), $('gallery'), $('spotlight'));
const extras = new Extras(() => (store.session ? store.session.signaling : null), store);
const stageView = new StageView(gallery, $('layout-btn'), store);
const netStatus = new NetStatus(() => store.selfId || null);
const moreMenu = new MoreMenu();
const screenShare = new ScreenShare({ store, gallery, extras, negotiate });
const reconnector = new Reconnector({ store, setState, dropMedia, bindSignaling, finish, joinTimeoutMs: JOIN_TIMEOUT_MS });
const settings = new Settings(media, {
  onInput: (kind, deviceId) => replaceLocal(kind, () => media.use(kind, deviceId)),
  onNoiseSuppression: (on) => replaceLocal('audio', () => media.setNoiseSuppression(on)),
  onLanguage: () => rerender(),
  onBlur: (on) => replaceLocal('video', () => media.setBlur(on).catch((e) => {
    toast(t('note.blurFailed', { why: e.message }), { kind: 'error' });
    return media.track('video');
  })),
});
const recording = new RecordingUi((msg) => { if (store.session && store.session.signaling) store.session.signaling.send(msg); });
const invite = new Invite(() => store.meeting, code);
const micMeter = new MicMeter(media, [$('pre-mic-level'), $('set-mic-level')]);

// ---------------------------------------------------------------- what tests and integrators see: window.confero

/** Joins with a join response the integrator obtained (e.g. a host seat from POST /api/v1/meetings/{id}/join). */
async function connectWith(body, displayName) {
  await store.previewReady;
  setState('joining');
  connect(body, displayName);
}

/** Test hook: the signaling socket closes as a lost network would close it (not by us). */
function dropConnection() { if (store.session && store.session.signaling.ws) store.session.signaling.ws.close(4000); }

window.confero = store.view({ connectWith, dropConnection });
wireE2eeDialog();

function setState(state) {
  store.state = state;
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
  micMeter.start();
  media.starting = true;
  updateMediaButtons(media);
  const err = await media.start();
  media.starting = false;
  showPreview(media);
  if (err) showNotice(t('prejoin.canStillJoin', { error: describeMediaError(err) }));
  else if (!media.track('audio')) showNotice(t('prejoin.noMic'));
  else if (!media.track('video')) showNotice(t('prejoin.noCam'));
  else showNotice('');
  updateMediaButtons(media);
  if (store.session && store.session.publisher) publishLocal(store.session);
  await fillDevices(media).catch(() => {});
}

/**
 * Puts a new local track in place of the old one (another device, other constraints) without a
 * renegotiation: the sender's replaceTrack keeps the transceiver, its SSRC and the SFU's producer.
 */
async function replaceLocal(kind, acquire) {
  try {
    const track = await acquire();
    showPreview(media);
    const transceiver = store.session && store.session.transceivers[kind];
    if (track && transceiver) await transceiver.sender.replaceTrack(track);
    else if (track && store.session && store.session.publisher) publishLocal(store.session);
    if (kind === 'video' && store.session) gallery.setVideo(store.session.selfId, track);
  } catch (e) {
    toast(describeMediaError(e), { kind: 'error' });
  }
  updateMediaButtons(media);
  await fillDevices(media).catch(() => {});
  if (settings.dialog.open) await settings.refresh();
}

// ---------------------------------------------------------------- join

function failJoin(message) {
  if (code) clearSession(code);
  if (store.session) teardown({ keepMedia: true });
  setState('error');
  showScreen('prejoin');
  $('prejoin-error').textContent = message;
  $('join-btn').disabled = !code;
  $('join-btn').textContent = t('prejoin.join');
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
  $('join-btn').textContent = t('prejoin.joining');
  await Promise.race([store.previewReady, new Promise((r) => setTimeout(r, PREVIEW_WAIT_MS))]);
  let resp;
  let body = null;
  try {
    resp = await fetchAdmitted(`/j/${code}/join`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(hostKey ? { display_name: displayName, host_key: hostKey } : { display_name: displayName }),
    }, { onWait: (ms) => { $('join-btn').textContent = t('join.busy', { s: Math.ceil(ms / 1000) }); } });
    body = await resp.json().catch(() => null);
  } catch {
    failJoin(t('join.unreachable'));
    return;
  }
  if (resp.status === 403 && body && String(body.type).endsWith('/meeting-locked')) {
    media.stop(); // nobody may join now: the camera light goes off until they try again
    $('preview').srcObject = null;
    finish('locked', t('end.locked'), t('end.lockedDetail'));
    return;
  }
  if (!resp.ok || !body) {
    failJoin(sentence((body && (body.detail || body.title)) || t('join.failedHttp', { status: resp.status })));
    return;
  }
  connect(body, displayName);
}

async function connect(body, displayName) {
  store.meeting = body.meeting || null;
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
  store.session = s;
  bindSignaling(s, signaling);
  try {
    await signaling.open();
  } catch {
    if (store.session === s) failJoin(t('join.noServer'));
    return;
  }
  store.timings.wsOpen ??= performance.now();
  if (store.session !== s) return;
  s.timers.push(setTimeout(() => {
    if (store.session === s && store.state === 'joining') failJoin(t('join.noAnswer'));
  }, JOIN_TIMEOUT_MS));
  signaling.send({ type: 'join', v: 1 });
}

/** Routes one socket's frames and close to the session while it is the session's current socket. */
function bindSignaling(s, signaling) {
  signaling.onmessage = (m) => { if (store.session === s && s.signaling === signaling) onMessage(s, m); };
  signaling.onclose = (ev, byUs) => { if (store.session === s && s.signaling === signaling && !byUs) onSocketClose(s, ev); };
}

function onMessage(s, m) {
  if (m.type.startsWith('participant_')) {
    const p = m.participant || {};
    store.events.push({ type: m.type, participant_id: m.participant_id || p.participant_id, reconnecting: !!p.reconnecting, at: Date.now() });
  }
  switch (m.type) {
    case 'joined': onJoined(s, m); break;
    case 'waiting': showWaiting(s); break;
    case 'admitted': setState('joining'); break;
    case 'denied': finish('ended', t('end.notAdmitted'), t('end.notAdmittedDetail')); break;
    case 'removed': finish('ended', t('end.removed'), t('end.removedDetail')); break;
    case 'muted_by_host': onMutedByHost(s, m); break;
    case 'publish_answer': if (s.publisher) s.publisher.onAnswer(m); break;
    case 'video_constraints': if (s.publisher) s.publisher.constrain(m); break;
    case 'encodings': if (s.publisher) s.publisher.setEncodingsActive(m).catch(() => {}); break;
    case 'subscribe_offer': if (s.subscriber) onSubscribeOffer(s, m); break;
    case 'audio_slots': onAudioSlots(store, s.subscriber, m); break;
    case 'video_paused': case 'connection_quality': netStatus.onMessage(m); break;
    case 'participant_joined': onParticipant(m.participant, true); break;
    case 'participant_updated': onParticipant(m.participant, false); break;
    case 'participant_left': onParticipantLeft(s, m); break;
    case 'participants_changed': onParticipantsChanged(s, m); break;
    case 'spotlight': stageView.onMessage(m); renderAllPeople(); break;
    case 'track_unpublished': if (s.subscriber && m.track) s.subscriber.forget(m.track.track_id); break;
    case 'meeting_ended': finish('ended', t('end.ended'), endReason(m.reason)); break;
    case 'recording': recording.onMessage(m); break;
    case 'e2ee': if (s.e2ee) s.e2ee.onSignal(m); break;
    case 'error': if (!recording.onError(m.code)) onError(s, m); break;
    default: if (extras.onMessage(m, s.selfId)) renderAllPeople(); else stageView.onMessage(m); break; // track_published, pong and types from later versions need nothing here
  }
}

function onSubscribeOffer(s, m) {
  store.timings.offer ??= performance.now();
  s.subscriber.onOffer(m).then(() => { store.timings.answer ??= performance.now(); });
}

/** Held in the waiting room: the guest sees their own camera, the name they join with, and Cancel. */
function showWaiting(s) {
  reconnector.end(s);
  setState('waiting');
  $('waiting-name').textContent = s.displayName;
  const video = media.track('video');
  $('waiting-preview').srcObject = video ? new MediaStream([video]) : null;
  $('waiting-preview').hidden = !video;
  showScreen('waiting');
}

function endReason(reason) {
  return reason === 'host' || reason === 'ended_by_host' ? t('end.endedByHost') : t('end.thanks');
}

function onJoined(s, m) {
  if (store.state !== 'joining' && store.state !== 'waiting' && store.state !== 'reconnecting') return;
  if (s.reconnect || m.resumed) gallery.clear();
  reconnector.end(s);
  store.wrongNodeRedirects = 0;
  s.graceMs = Number(m.reconnect_grace_ms) > 0 ? Number(m.reconnect_grace_ms) : DEFAULT_GRACE_MS;
  if (m.resumed) { // the server kept our seat and our mute state; send only what changed meanwhile
    store.resumed = true;
    s.sentMuted = { audio: !!(m.self && m.self.audio_muted), video: !!(m.self && m.self.video_muted) };
  }
  const self = { ...(m.self || {}), participant_id: (m.self && m.self.participant_id) || s.selfId };
  s.selfId = self.participant_id;
  store.selfId = s.selfId;
  store.participants.clear();
  store.remoteTracks.clear();
  self.display_name = self.display_name || s.displayName;
  if (m.self && m.self.audio_muted === true && media.enabled.audio && media.track('audio')) {
    media.setEnabled('audio', false);
    s.sentMuted.audio = true;
    toast(t('note.joinedMuted'));
  }
  updateMediaButtons(media);
  self.audio_muted = !(media.enabled.audio && media.track('audio'));
  self.video_muted = !(media.enabled.video && media.track('video'));
  store.participants.set(s.selfId, participantRecord(self));
  s.role = self.role || s.role;
  showPublishControls(s.role);
  extras.onJoined(m);
  recording.onJoined(m, extras.canModerate);
  setState('joined');
  showScreen('call');
  $('call-title').textContent = (m.meeting && m.meeting.title) || s.title;
  gallery.upsert(self, { self: true });
  gallery.setVideo(s.selfId, media.track('video'));
  for (const p of m.participants || []) if (p.participant_id !== s.selfId) onParticipant(p, false);
  stageView.onMessage({ type: 'spotlight', participant_id: m.meeting && m.meeting.spotlight });
  renderAllPeople();
  if (!startE2ee(s, m)) return;
  s.publisher = new Publisher(s.ice, s.signaling, s.e2ee, (m.meeting && m.meeting.video_codec) || 'vp8');
  s.publisher.onRejected = (r) => onPublishRejected(s, r);
  s.subscriber = new Subscriber(s.ice, s.signaling, remoteSink(s, { store, gallery, settings, ensureParticipant }), s.e2ee);
  store.publisher = s.publisher.pc;
  store.subscriber = s.subscriber.pc;
  store.timings.joined ??= performance.now();
  s.subscriber.pc.addEventListener('connectionstatechange', () => {
    if (s.subscriber && s.subscriber.pc.connectionState === 'connected') store.timings.connected ??= performance.now();
  });
  for (const pc of [s.publisher.pc, s.subscriber.pc]) { // media cannot flow any more: start over on fresh connections
    pc.addEventListener('connectionstatechange', () => {
      if (pc.connectionState === 'failed' && store.session === s && store.state === 'joined') reconnector.start(s);
    });
  }
  publishLocal(s);
  startClock(s);
  persist(s);
  s.timers.push(setInterval(() => { s.signaling.send({ type: 'ping' }); persist(s); }, PING_MS));
  s.timers.push(startQualityReports(s.signaling, store.remoteTracks));
}

/** Keeps what a reload of this page needs to rejoin within the grace period (see reconnect.js). */
function persist(s) {
  if (!code || store.session !== s || s.reconnect) return; // while reconnecting, the grace counts from the drop
  saveSession(code, { body: s.body, displayName: s.displayName, graceMs: s.graceMs,
    audio: media.enabled.audio, video: media.enabled.video });
}

// ---------------------------------------------------------------- reconnecting

function dropMedia(s) {
  for (const t of s.timers) { clearTimeout(t); clearInterval(t); }
  s.timers = [];
  if (s.screen) {
    s.screen.track.stop();
    s.screen = null;
    gallery.removeScreen('local-screen');
    screenShare.setButton(false);
  }
  if (s.subscriber) s.subscriber.close();
  if (s.publisher) s.publisher.close();
  s.publisher = null;
  s.subscriber = null;
  s.transceivers = {};
}

function participantRecord(p) {
  return { display_name: p.display_name || t('people.guest'), role: p.role || 'participant', audio_muted: !!p.audio_muted,
    video_muted: !!p.video_muted, hand_raised_at: p.hand_raised_at || null, reconnecting: !!p.reconnecting };
}

/**
 * Publishes every local track that is not yet published, and tells the SFU which kinds are off.
 * Runs on join and again when a device becomes available later (a permission prompt answered late).
 */
function publishLocal(s) {
  if (s.role === 'viewer') return; // viewers watch and listen; the server refuses their publish (view-only)
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
    if (store.session === s && e.code !== 'share-in-progress') toast(t('note.publishFailed', { why: e.message }), { kind: 'error' });
  });
}

/** A track arrived from someone we have not heard of yet: a placeholder record until their update comes. */
function ensureParticipant(pid) {
  if (!store.participants.has(pid)) onParticipant({ participant_id: pid, display_name: t('people.guest') }, false);
}

function onParticipant(p, announce) {
  if (!p || !p.participant_id || !store.session) return;
  const isSelf = p.participant_id === store.session.selfId;
  const before = store.participants.get(p.participant_id);
  const record = participantRecord(p);
  if (isSelf) { // our own mute state is what our tracks do, whatever order echoes arrive in
    record.audio_muted = !(media.enabled.audio && media.track('audio'));
    record.video_muted = !(media.enabled.video && media.track('video'));
  }
  store.participants.set(p.participant_id, record);
  if (isSelf && p.role && p.role !== store.session.role) onRoleChanged(store.session, p.role);
  if (isSelf) extras.onSelf(p);
  if (record.role === 'viewer' && !isSelf) { // webinar attendees get no tile, only the count (issue 17)
    if (gallery.tiles.has(p.participant_id)) gallery.remove(p.participant_id);
  } else {
    gallery.upsert({ participant_id: p.participant_id, ...record }, { self: isSelf });
    netStatus.render(p.participant_id);
  }
  renderAllPeople();
  if (announce && !before && !isSelf) toast(t('note.joined', { name: p.display_name || t('people.someone') }));
  if (!isSelf && before && extras.canModerate && handWentUp(before, record)) toast(t('note.handRaised', { name: record.display_name }));
}

/** Attendees (role viewer) receive only: no microphone, camera or present buttons. */
function showPublishControls(role) {
  for (const id of ['mic-btn', 'cam-btn', 'screen-btn']) $(id).hidden = role === 'viewer';
}

/**
 * A host made us a webinar panelist (we publish what we have) or an attendee again (the server
 * closed our tracks; we stop our transceivers and hide the controls).
 */
function onRoleChanged(s, role) {
  const was = s.role;
  s.role = role;
  showPublishControls(role);
  if (!s.publisher) return;
  if (was === 'viewer') {
    publishLocal(s);
  } else if (role === 'viewer') {
    if (s.screen) {
      s.screen.track.stop();
      s.screen = null;
      gallery.removeScreen('local-screen');
      screenShare.setButton(false);
    }
    s.publisher.dropAll();
    s.transceivers = {};
  }
}

/** The host turned our microphone or camera off: the SFU already stopped forwarding it; we may turn it back on. */
function onMutedByHost(s, m) {
  const kind = m.kind === 'video' ? 'video' : 'audio';
  if (media.enabled[kind]) media.setEnabled(kind, false);
  s.sentMuted[kind] = true;
  updateMediaButtons(media);
  gallery.refreshAll();
  updateSelf();
  toast(t(kind === 'audio' ? 'note.hostMutedYou' : 'note.hostStoppedVideo'));
}

/**
 * An end-to-end encrypted meeting (docs/e2ee.md) gets a fresh E2ee (new keys) with every joined;
 * a browser that cannot transform frames is told so and leaves. False when the call cannot go on.
 */
function startE2ee(s, m) {
  if (s.e2ee) s.e2ee.close();
  s.e2ee = null;
  store.e2ee = null;
  if (!(m.meeting && m.meeting.e2ee)) return true;
  const mode = e2eeSupport();
  if (!mode) {
    finish('ended', t('e2ee.unsupported'), t('e2ee.unsupportedDetail'));
    return false;
  }
  s.e2ee = new E2ee(s.selfId, s.signaling, mode);
  store.e2ee = s.e2ee;
  s.e2ee.start().catch((e) => console.warn('e2ee start failed', e));
  return true;
}

/**
 * A large meeting's participant events, batched by the server (docs/protocol.md): applied in one
 * go, the people panel drawn once, and no toast per person when a crowd comes or goes.
 */
function onParticipantsChanged(s, m) {
  const list = (x) => (Array.isArray(x) ? x : []);
  const quiet = list(m.joined).length + list(m.left).length > 3;
  peopleDeferred = true;
  try {
    for (const p of list(m.joined)) onParticipant(p, !quiet);
    for (const p of list(m.updated)) onParticipant(p, false);
    for (const l of list(m.left)) onParticipantLeft(s, l, quiet);
  } finally {
    peopleDeferred = false;
  }
  renderAllPeople();
}

function onParticipantLeft(s, m, quiet = false) {
  const id = m.participant_id;
  if (id === s.selfId) {
    if (m.reason === 'removed') finish('ended', t('end.removed'), t('end.removedDetail'));
    return;
  }
  if (s.e2ee) s.e2ee.left(id);
  const p = store.participants.get(id);
  store.participants.delete(id);
  netStatus.forget(id);
  if (s.subscriber) s.subscriber.forgetParticipant(id);
  gallery.remove(id);
  if (store.spotlight === id) stageView.onMessage({ type: 'spotlight', participant_id: null }); // the server ended it too
  renderAllPeople();
  if (p && !quiet) toast(t('note.left', { name: p.display_name }));
}

function onError(s, m) {
  switch (m.code) {
    case 'meeting-ended':
      finish('ended', t('end.ended'), t('end.thanks'));
      return;
    case 'removed':
      finish('ended', t('end.removed'), t('end.removedDetail'));
      return;
    case 'share-in-progress':
      // (servers before publish_answer.rejected) stop the screen only once the refused offer is rolled
      // back: stopping a transceiver of a pending offer and then rolling it back leaves Chromium with
      // a half-stopped transceiver
      Promise.resolve(s.publisher && s.publisher.onError(m)).then(() => { if (store.session === s && s.screen) screenShare.stop(s); });
      toast(t('note.shareRefused'), { kind: 'error' });
      return;
    case 'wrong-node':
      // this meeting lives on another node of the cluster: the socket closes (4421) and every
      // later attempt goes to the meeting's home
      if (m.url) s.body.media_server = { ...(s.body.media_server || {}), url: m.url };
      return;
    case 'unauthorized':
      if (store.state === 'joining') failJoin(t('join.expired'));
      else finish('error', t('end.disconnected'), m.message || t('end.invalidSession'));
      return;
    default:
      if (s.publisher && s.publisher.onError(m)) return toast(t('note.publishFailed', { why: m.message || m.code }), { kind: 'error' });
      toast(m.message || m.code || t('note.somethingWrong'), { kind: 'error' });
  }
}

/**
 * The server answered our publish but refused one of its sections (someone else started presenting
 * first): the publisher already stopped that transceiver, so only the local screen goes.
 */
function onPublishRejected(s, r) {
  if (store.session !== s) return;
  if (s.screen && s.screen.transceiver === r.transceiver) screenShare.drop(s);
  toast(r.code === 'share-in-progress' ? t('note.shareRefused') : t('note.publishSourceFailed', { source: r.source || 'media', why: r.message || r.code }),
    { kind: 'error' });
}

function onSocketClose(s, ev) {
  if (ev && ev.code === 4421 && store.state === 'joining' && store.wrongNodeRedirects++ < 3) {
    connect(s.body, s.displayName);
    return;
  }
  if (ev && ev.code === 4409) finish('error', t('end.otherWindow'), t('end.otherWindowDetail'));
  else if (store.state === 'reconnecting') reconnector.schedule(s);
  else if (store.state === 'joined') reconnector.start(s);
  else if (store.state === 'joining') failJoin(t('join.closed'));
  else if (store.state === 'waiting') finish('error', t('end.lostWaiting'), t('end.lostWaitingDetail'));
}

// ---------------------------------------------------------------- in the call

function updateSelf() {
  if (!store.session) return;
  const me = store.participants.get(store.session.selfId);
  if (!me) return;
  me.audio_muted = !(media.enabled.audio && media.track('audio'));
  me.video_muted = !(media.enabled.video && media.track('video'));
  gallery.upsert({ participant_id: store.session.selfId, ...me }, { self: true });
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
  if (store.session && store.session.publisher) {
    publishLocal(store.session);
    gallery.refreshAll();
  }
  updateMediaButtons(media);
}

let attendeeLimit = ATTENDEE_PAGE;
/** True while a batch of participant events is applied: the panel is drawn once, after it. */
let peopleDeferred = false;

function renderAllPeople() {
  if (peopleDeferred) return;
  const attendees = renderPeople($('participants-list'), store.participants, store.selfId,
    (id, p) => extras.personActions(id, p, store.selfId), attendeeLimit, () => { attendeeLimit += ATTENDEE_PAGE; renderAllPeople(); });
  extras.renderHands();
  gallery.setHands(raisedInOrder(store.participants));
  const n = String(store.participants.size);
  $('participants-count').textContent = n;
  $('participants-count-label').textContent = attendees ? `(${n} · ${t('people.attendees')}: ${attendees})` : `(${n})`;
  $('attendee-count').hidden = !attendees;
  $('attendee-count').textContent = `${t('people.attendees')}: ${attendees}`;
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
  const s = store.session;
  store.session = null;
  if (!s) return;
  for (const t of s.timers) { clearTimeout(t); clearInterval(t); }
  if (s.screen) s.screen.track.stop();
  if (s.subscriber) s.subscriber.close();
  if (s.publisher) s.publisher.close();
  if (s.e2ee) s.e2ee.close();
  store.e2ee = null;
  s.signaling.close();
  $('waiting-preview').srcObject = null;
  if (!keepMedia) {
    media.stop();
    $('preview').srcObject = null;
  }
  gallery.clear();
  netStatus.clear();
  for (const a of $('audio-sink').querySelectorAll('audio')) { a.srcObject = null; a.remove(); }
  store.participants.clear();
  store.remoteTracks.clear();
  screenShare.setButton(false);
  togglePanel(false);
  if (moreMenu.open) moreMenu.toggle(false);
  for (const d of document.querySelectorAll('dialog[open]')) d.close();
  $('reconnect-banner').hidden = true;
}

function leave() {
  if (store.session) store.session.signaling.send({ type: 'leave' });
  finish('left', t('end.left'), '');
}

function finish(state, title, detail) {
  store.lostSeat = null;
  if (code) clearSession(code);
  teardown();
  micMeter.stop();
  $('toasts').replaceChildren(); // "… left" notes from the call's last moments do not belong on this page
  setState(state);
  $('end-title').textContent = title;
  $('end-detail').textContent = detail;
  $('rejoin-btn').hidden = state === 'ended';
  $('rejoin-btn').textContent = t(state === 'locked' ? 'end.tryAgain' : 'end.rejoin');
  $('end-lock').hidden = state !== 'locked';
  document.title = `${title} · Confero`;
  showScreen('end');
}

async function rejoin() {
  setState('prejoin');
  showScreen('prejoin');
  $('join-btn').disabled = true;
  store.previewReady = startPreview();
  await store.previewReady;
  const seat = store.lostSeat;
  store.lostSeat = null;
  if (seat) { // the same seat again; a token the server refuses falls back to the pre-join
    setState('joining');
    connect(seat.body, seat.displayName);
    return;
  }
  join($('name').value.trim() || storedName() || t('people.guest'));
}

// ---------------------------------------------------------------- wiring

function wire() {
  $('pre-mic-btn').addEventListener('click', () => toggle('audio'));
  $('pre-cam-btn').addEventListener('click', () => toggle('video'));
  $('mic-btn').addEventListener('click', () => toggle('audio'));
  $('cam-btn').addEventListener('click', () => toggle('video'));
  $('screen-btn').addEventListener('click', () => screenShare.toggle());
  const requestLeave = wireLeaveDialog({
    isHost: () => !!store.session && store.session.role === 'host',
    othersPresent: () => store.participants.size > 1,
    leave,
    endForAll: () => { if (store.session) store.session.signaling.send({ type: 'end_meeting' }); },
  });
  $('leave-btn').addEventListener('click', () => requestLeave());
  $('participants-btn').addEventListener('click', () => togglePanel());
  $('close-panel-btn').addEventListener('click', () => togglePanel(false));
  $('rejoin-btn').addEventListener('click', () => rejoin());
  $('waiting-cancel').addEventListener('click', () => {
    if (store.session) store.session.signaling.send({ type: 'leave' });
    finish('left', t('end.leftWaiting'), '');
  });
  $('mic-select').addEventListener('change', (e) => replaceLocal('audio', () => media.use('audio', e.target.value)));
  $('cam-select').addEventListener('change', (e) => replaceLocal('video', () => media.use('video', e.target.value)));
  $('join-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const name = $('name').value.trim();
    if (!name) {
      $('prejoin-error').textContent = t('prejoin.enterName');
      $('name').focus();
      return;
    }
    storeName(name);
    join(name);
  });
  const showShortcuts = wireShortcuts({
    mic: () => toggle('audio'),
    camera: () => toggle('video'),
    share: () => screenShare.toggle(),
    hand: () => $('hand-btn').click(),
    chat: () => $('chat-btn').click(),
    people: () => togglePanel(),
    leave: () => requestLeave(),
  }, () => store.state === 'joined');
  $('shortcuts-item').addEventListener('click', () => showShortcuts());
  $('settings-item').addEventListener('click', () => settings.open());
  // no leave on pagehide: a reload rejoins within the grace period (reconnect.js); closing the tab
  // lets the server's grace run out, then the others see us leave
  window.addEventListener('pagehide', () => { if (store.session) persist(store.session); });
}

/** After a language change: everything scripts wrote is written again. */
function rerender() {
  updateMediaButtons(media);
  extras.render();
  stageView.setMode(gallery.mode, false);
  screenShare.setButton(!!(store.session && store.session.screen));
  for (const [id, p] of store.participants) if (gallery.tiles.has(id)) gallery.upsert({ participant_id: id, ...p }, { self: id === store.selfId });
  renderAllPeople();
}

/** A browser that lacks what a call needs gets the end page saying what and why; false then. */
function browserSupported() {
  const missing = missingFeatures(window);
  if (missing.length === 0) return true;
  setState('unsupported');
  $('end-title').textContent = t('unsupported.title');
  const advice = missing.some((m) => m !== 'insecure') ? [t('unsupported.use')] : [];
  $('end-detail').textContent = [...missing.map((m) => t(`unsupported.${m}`)), ...advice].join(' ');
  $('rejoin-btn').hidden = true;
  $('end-lock').hidden = true;
  showScreen('end');
  return false;
}

function init() {
  translatePage();
  if (!browserSupported()) return;
  wire();
  setState('prejoin');
  showScreen('prejoin');
  $('name').value = storedName();
  if (!code) {
    $('meeting-code').textContent = '';
    $('prejoin-error').textContent = t('prejoin.badLink');
    $('join-btn').disabled = true;
  } else {
    $('meeting-code').textContent = t(hostKey ? 'prejoin.codeHost' : 'prejoin.code', { code });
    watchPrejoinRecording(code, () => store.state === 'prejoin');
  }
  const saved = code ? loadSession(code) : null;
  if (saved) resumeAfterReload(saved);
  else store.previewReady = startPreview();
}

/** The page was reloaded within the grace period: back into the call with the same seat, no pre-join. */
async function resumeAfterReload(saved) {
  store.restoredSession = true;
  setState('joining');
  showScreen('call');
  $('reconnect-banner').hidden = false;
  $('name').value = saved.displayName || storedName();
  media.enabled = { audio: saved.audio !== false, video: saved.video !== false };
  store.previewReady = startPreview();
  await store.previewReady;
  connect(saved.body, saved.displayName || t('people.guest'));
}

init();
