/** Join codes look like abc-defg-hij (lowercase letters, 3-4-3). */
const CODE = /^[a-z]{3}-[a-z]{4}-[a-z]{3}$/;

/**
 * Extracts a join code from what a person typed: a full meeting URL (any host, path /j/<code>),
 * a path, or a bare code with or without dashes. Returns null when nothing fits.
 */
export function parseJoinCode(input) {
  const text = String(input || '').trim();
  if (!text) return null;
  const fromPath = text.match(/\/j\/([A-Za-z-]+)/);
  const candidate = (fromPath ? fromPath[1] : text).toLowerCase().replace(/\s+/g, '');
  if (CODE.test(candidate)) return candidate;
  const letters = candidate.replace(/-/g, '');
  if (/^[a-z]{10}$/.test(letters)) {
    return `${letters.slice(0, 3)}-${letters.slice(3, 7)}-${letters.slice(7)}`;
  }
  return null;
}

/** The join code of the page's own URL (/j/<code>), or null. */
export function codeFromLocation(loc = window.location) {
  const m = loc.pathname.match(/^\/j\/([a-z]{3}-[a-z]{4}-[a-z]{3})\/?$/);
  return m ? m[1] : null;
}
