import { parseJoinCode } from './joincode.js';
import { el, toast, copyText } from './dom.js';
import { myMeetings, remember, forget, hostPath, recordingsOf } from './mymeetings.js';
import { t, translatePage } from './i18n.js';

const $ = (id) => document.getElementById(id);
const form = $('join-code-form');
const input = $('code');
const button = $('code-btn');
const dialog = $('schedule-dialog');

/** Test hooks: the last meeting this page created (its POST /web/meetings answer). */
const hooks = { created: null };
window.conferoHome = hooks;

function updateButton() {
  button.disabled = input.value.trim() === '';
}

function tick() {
  const now = new Date();
  $('clock').textContent = now.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) + ' • '
      + now.toLocaleDateString([], { weekday: 'short', month: 'short', day: 'numeric' });
}

/** "Thu, Nov 26 · 10:30 AM" */
function startText(m) {
  const start = new Date(m.start_time || m.start);
  return `${start.toLocaleDateString([], { weekday: 'short', month: 'short', day: 'numeric' })} · `
      + start.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function when(m) {
  return `${startText(m)} · ${m.duration_minutes || m.minutes} min`;
}

// ---------------------------------------------------------------- creating

/** POSTs to /web/meetings; answers the created meeting or throws an Error with a sentence to show. */
async function createMeeting(body) {
  let resp;
  let json = null;
  try {
    resp = await fetch('/web/meetings', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    });
    json = await resp.json().catch(() => null);
  } catch {
    throw new Error(t('home.unreachable'));
  }
  if (resp.ok && json) {
    remember(json);
    hooks.created = json;
    renderMyMeetings();
    return json;
  }
  const type = json && json.type ? String(json.type) : '';
  if (type.endsWith('/open-create-disabled')) {
    throw new Error(t('home.createOff'));
  }
  if (resp.status === 429) throw new Error(t('home.tooMany'));
  throw new Error((json && (json.detail || json.title)) || t('home.createFailed', { status: resp.status }));
}

async function newMeeting() {
  const btn = $('new-meeting-btn');
  $('create-error').textContent = '';
  btn.disabled = true;
  try {
    const m = await createMeeting({ title: t('home.instantTitle') });
    window.location.assign(hostPath({ code: m.join_code, key: m.host_key }));
  } catch (e) {
    $('create-error').textContent = e.message;
    btn.disabled = false;
  }
}

// ---------------------------------------------------------------- scheduling

function pad(n) {
  return String(n).padStart(2, '0');
}

function openSchedule() {
  $('create-error').textContent = '';
  const start = new Date(Date.now() + 30 * 60000);
  start.setMinutes(start.getMinutes() < 30 ? 30 : 60, 0, 0);
  $('s-date').value = `${start.getFullYear()}-${pad(start.getMonth() + 1)}-${pad(start.getDate())}`;
  $('s-date').min = todayIso();
  $('s-time').value = `${pad(start.getHours())}:${pad(start.getMinutes())}`;
  $('schedule-error').textContent = '';
  $('schedule-form').hidden = false;
  $('meeting-card').hidden = true;
  $('schedule-submit').disabled = false;
  dialog.showModal();
  $('s-title').focus();
}

function todayIso() {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

async function submitSchedule(e) {
  e.preventDefault();
  const error = $('schedule-error');
  const date = $('s-date').value;
  const time = $('s-time').value;
  const start = new Date(`${date}T${time}`);
  if (!date || !time || Number.isNaN(start.getTime())) {
    error.textContent = t('home.pickTime');
    return;
  }
  if (start.getTime() < Date.now() - 60000) {
    error.textContent = t('home.pastTime');
    return;
  }
  const title = $('s-title').value.trim();
  const body = { scheduled_start: start.toISOString(), duration_minutes: Number($('s-duration').value),
    waiting_room: $('s-waiting').checked, mute_on_entry: $('s-mute').checked, e2ee_enabled: $('s-e2ee').checked,
    webinar: $('s-webinar').checked };
  if (title) body.title = title;
  $('schedule-submit').disabled = true;
  try {
    showCard(await createMeeting(body));
  } catch (err) {
    error.textContent = err.message;
    $('schedule-submit').disabled = false;
  }
}

function showCard(m) {
  $('schedule-form').hidden = true;
  $('meeting-card').hidden = false;
  $('card-title').textContent = m.title;
  $('card-when').textContent = when(m);
  const options = [];
  if (m.settings.waiting_room) options.push(t('home.optWaiting'));
  if (m.settings.mute_on_entry) options.push(t('home.optMuted'));
  if (m.settings.e2ee_enabled) options.push(t('home.optE2ee'));
  if (m.settings.webinar) options.push(t('home.optWebinar'));
  $('card-options').textContent = options.join(' · ');
  $('card-link').value = m.join_url;
  $('card-open').href = hostPath({ code: m.join_code, key: m.host_key });
  $('card-copy').focus();
}

// ---------------------------------------------------------------- copy

/** Copies a link; feedback on the button itself when given (a toast would sit behind a modal dialog). */
async function copyLink(text, field, button) {
  const ok = await copyText(text, field);
  const message = t(ok ? 'home.linkCopied' : 'details.selectNote');
  if (!button) {
    toast(message, { kind: ok ? 'info' : 'error', ms: 3000 });
    return;
  }
  button.textContent = t(ok ? 'details.copied' : 'details.copyFailed');
  button.classList.toggle('copied', ok);
  setTimeout(() => { button.textContent = t('details.copy'); button.classList.remove('copied'); }, 2500);
}

// ---------------------------------------------------------------- your meetings

function renderMyMeetings() {
  const list = myMeetings();
  $('my-meetings').hidden = list.length === 0;
  $('illustration').hidden = list.length > 0;
  $('my-meetings-list').replaceChildren(...list.map((m) => el('li', { className: 'my-meeting', dataset: { code: m.code } }, [
    el('div', { className: 'my-meeting-text' }, [
      el('span', { className: 'my-meeting-title', textContent: m.title, title: m.title }),
      el('span', { className: 'my-meeting-when', textContent: startText(m) }),
      el('span', { className: 'my-meeting-code', textContent: `${m.minutes} min · ${m.code}` }),
    ]),
    el('div', { className: 'my-meeting-actions' }, [
      el('button', { type: 'button', className: 'btn text', textContent: t('details.copy'), dataset: { action: 'copy' } }),
      el('a', { className: 'btn secondary', textContent: t('home.startNow'), href: hostPath(m), dataset: { action: 'start' } }),
      el('button', { type: 'button', className: 'icon-btn', textContent: '×', title: t('home.forget'),
        attrs: { 'aria-label': t('home.forgetName', { title: m.title }) }, dataset: { action: 'forget' } }),
    ]),
    el('ul', { className: 'my-meeting-recordings' }),
  ])));
}

/** "0:21", "1:02:03" */
function clockText(seconds) {
  const s = Math.round(seconds);
  const hms = [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60];
  const [h, m, sec] = hms.map((n) => String(n).padStart(2, '0'));
  return hms[0] > 0 ? `${hms[0]}:${m}:${sec}` : `${hms[1]}:${sec}`;
}

function recordingItem(r) {
  const started = new Date(r.started_at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  if (r.status === 'ready' && r.download_url) {
    const label = t(r.partial ? 'home.recordingPartial' : 'home.recording',
      { time: started, length: clockText(r.duration_seconds || 0) });
    return el('li', { className: 'my-recording', dataset: { status: r.status, recordingId: r.recording_id } }, [
      el('span', { className: 'my-recording-text', textContent: label }),
      el('a', { className: 'my-recording-download', href: r.download_url, textContent: t('home.download'),
        attrs: { download: '', 'aria-label': t('home.downloadName', { time: started }) } }),
    ]);
  }
  return el('li', { className: 'my-recording', dataset: { status: r.status, recordingId: r.recording_id } }, [
    el('span', { className: 'my-recording-text', textContent: t(`home.recording.${r.status}`, { time: started }) }),
  ]);
}

/** Fills in the recordings of the meetings that have started (refreshed while one is being prepared). */
async function renderRecordings() {
  let pending = false;
  for (const m of myMeetings().filter((x) => Date.parse(x.start) <= Date.now())) {
    const list = await recordingsOf(m);
    const item = $('my-meetings-list').querySelector(`.my-meeting[data-code="${m.code}"] .my-meeting-recordings`);
    if (item) item.replaceChildren(...list.map(recordingItem));
    pending = pending || list.some((r) => r.status === 'recording' || r.status === 'processing');
  }
  return pending;
}

let recordingsTimer = 0;
function refreshRecordings() {
  clearTimeout(recordingsTimer);
  renderRecordings().then((pending) => {
    if (pending) recordingsTimer = setTimeout(refreshRecordings, 5000);
  });
}

function onMyMeetingsClick(e) {
  const target = e.target.closest('[data-action]');
  const item = e.target.closest('.my-meeting');
  if (!target || !item) return;
  const m = myMeetings().find((x) => x.code === item.dataset.code);
  if (!m) return;
  if (target.dataset.action === 'copy') copyLink(m.url || `${window.location.origin}/j/${m.code}`);
  if (target.dataset.action === 'forget') { forget(m.code); renderMyMeetings(); }
}

// ---------------------------------------------------------------- wiring

input.addEventListener('input', () => { $('code-error').textContent = ''; updateButton(); });
form.addEventListener('submit', (e) => {
  e.preventDefault();
  const code = parseJoinCode(input.value);
  if (!code) {
    $('code-error').textContent = t('home.badCode');
    input.focus();
    return;
  }
  window.location.assign('/j/' + code);
});
$('new-meeting-btn').addEventListener('click', () => newMeeting());
$('schedule-btn').addEventListener('click', () => openSchedule());
$('schedule-form').addEventListener('submit', submitSchedule);
$('schedule-cancel').addEventListener('click', () => dialog.close());
$('card-close').addEventListener('click', () => dialog.close());
$('card-copy').addEventListener('click', () => copyLink($('card-link').value, $('card-link'), $('card-copy')));
$('my-meetings-list').addEventListener('click', onMyMeetingsClick);
window.addEventListener('pageshow', () => { $('new-meeting-btn').disabled = false; renderMyMeetings(); refreshRecordings(); });
translatePage();
updateButton();
renderMyMeetings();
tick();
setInterval(tick, 10_000);
