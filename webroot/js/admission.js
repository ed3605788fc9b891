/**
 * Joining during a join storm (issue 17, docs/api.md "Admission control"): a node over its join
 * rate answers 429 with Retry-After; we wait that long plus up to as long again at random (full
 * jitter, so a herd of clients spreads out instead of returning in one wave) and try again, a few
 * times, telling the page how long we wait.
 */
const MAX_WAIT_S = 60;

/** Milliseconds to wait after a 429 whose Retry-After header is `header` (seconds; missing or bad: 1). */
export function retryDelayMs(header, random = Math.random) {
  const s = Number.parseInt(header, 10);
  const base = Number.isFinite(s) && s > 0 ? Math.min(s, MAX_WAIT_S) : 1;
  return Math.round((base + base * random()) * 1000);
}

/**
 * `fetch` that retries a 429 up to `attempts` tries in all; resolves with the last response (a 429
 * too once the tries are used up) and rejects as fetch does.
 */
export async function fetchAdmitted(url, init, {
  attempts = 6, onWait = () => {}, random = Math.random, fetchFn = (u, i) => fetch(u, i),
  sleep = (ms) => new Promise((r) => setTimeout(r, ms)),
} = {}) {
  for (let i = 1; ; i++) {
    const resp = await fetchFn(url, init);
    if (resp.status !== 429 || i >= attempts) return resp;
    const ms = retryDelayMs(resp.headers.get('Retry-After'), random);
    onWait(ms);
    await sleep(ms);
  }
}
