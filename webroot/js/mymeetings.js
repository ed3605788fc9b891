/**
 * "Your meetings": the meetings this browser created from the home page, with their host keys,
 * in localStorage (this browser only; the server keeps only a hash of each key). Old ones expire.
 */
const STORE_KEY = 'confero.myMeetings';
const MAX = 20;
const KEEP_AFTER_END_MS = 24 * 3600 * 1000;

function read() {
  try {
    const list = JSON.parse(localStorage.getItem(STORE_KEY) || '[]');
    return Array.isArray(list) ? list.filter((m) => m && typeof m.code === 'string' && typeof m.key === 'string') : [];
  } catch {
    return [];
  }
}

function write(list) {
  try { localStorage.setItem(STORE_KEY, JSON.stringify(list)); } catch { /* storage unavailable */ }
}

/** The remembered meetings still worth showing, soonest first. */
export function myMeetings(now = Date.now()) {
  const keep = read().filter((m) => Date.parse(m.start) + (m.minutes || 60) * 60000 + KEEP_AFTER_END_MS > now);
  return keep.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

/** Remembers a meeting from a POST /web/meetings answer. */
export function remember(created) {
  const entry = { code: created.join_code, key: created.host_key, title: created.title, type: created.type,
    start: created.start_time, minutes: created.duration_minutes, url: created.join_url };
  write([entry, ...read().filter((m) => m.code !== entry.code)].slice(0, MAX));
}

export function forget(code) {
  write(read().filter((m) => m.code !== code));
}

/** The creator's own link: the join page with the host key in the fragment. */
export function hostPath(m) {
  return `/j/${m.code}#host=${encodeURIComponent(m.key)}`;
}

/**
 * The recordings of a remembered meeting (POST /web/meetings/{code}/recordings with its host key):
 * a ready one carries a signed, expiring download link. Empty when the server says no.
 */
export async function recordingsOf(m) {
  try {
    const resp = await fetch(`/web/meetings/${encodeURIComponent(m.code)}/recordings`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ host_key: m.key }),
    });
    if (!resp.ok) return [];
    const json = await resp.json();
    return Array.isArray(json.recordings) ? json.recordings : [];
  } catch {
    return [];
  }
}
