/**
 * The host key of a meeting created from the home page. It arrives in the URL fragment
 * (`/j/<code>#host=<key>`), which browsers never send to the server, so it stays out of access logs.
 * The fragment is removed from the address bar at once (a link copied from there is a guest link)
 * and the key is kept in sessionStorage for this tab, so a rejoin is still a host's.
 */
const KEY_PREFIX = 'confero.hostKey.';
const KEY_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

export function takeHostKey(code, loc = window.location) {
  if (!code) return null;
  const fromHash = new URLSearchParams(loc.hash.replace(/^#/, '')).get('host');
  if (fromHash !== null) {
    history.replaceState(history.state, '', loc.pathname + loc.search);
    if (KEY_SHAPE.test(fromHash)) {
      try { sessionStorage.setItem(KEY_PREFIX + code, fromHash); } catch { /* storage unavailable */ }
      return fromHash;
    }
  }
  try { return sessionStorage.getItem(KEY_PREFIX + code); } catch { return null; }
}
