/**
 * Reconnecting (docs/protocol.md, "Reconnecting"): the retry schedule, and the session kept in
 * sessionStorage so that reloading the meeting page within the grace period rejoins directly.
 */

/** Retry delays: exponential backoff with full jitter, uniformly random in [0, min(cap, base·2^attempt)). */
export function backoffDelay(attempt, { baseMs = 500, capMs = 8000, random = Math.random } = {}) {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 16));
  return Math.floor(random() * ceiling);
}

/** The grace period when the server did not name one (signaling.reconnect_grace's default). */
export const DEFAULT_GRACE_MS = 30000;

const key = (code) => `confero.session.${code}`;

/**
 * Remembers the join response, name and mic/camera state of the meeting this tab is in. Only
 * sessionStorage: a reload of this tab finds it, another tab or a restarted browser does not.
 */
export function saveSession(code, data) {
  try {
    sessionStorage.setItem(key(code), JSON.stringify({ ...data, savedAt: Date.now() }));
  } catch {
    // storage unavailable: a reload goes through the pre-join screen
  }
}

/** Marks the saved session as alive now (the grace period counts from the last mark). */
export function touchSession(code) {
  const saved = loadSession(code, Infinity);
  if (saved) saveSession(code, saved);
}

/** The saved session of this meeting when it was alive less than its grace period ago, else null. */
export function loadSession(code, maxAgeMs) {
  try {
    const saved = JSON.parse(sessionStorage.getItem(key(code)) || 'null');
    if (!saved || !saved.body || !saved.body.session_token) return null;
    const age = Date.now() - Number(saved.savedAt || 0);
    return age >= 0 && age < (maxAgeMs ?? saved.graceMs ?? DEFAULT_GRACE_MS) ? saved : null;
  } catch {
    return null;
  }
}

export function clearSession(code) {
  try {
    sessionStorage.removeItem(key(code));
  } catch {
    // nothing stored
  }
}
