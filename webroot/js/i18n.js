import { STRINGS, LANGUAGES } from './strings.js';

/**
 * The page's language and its strings (strings.js). The language is the one chosen in Settings
 * (remembered per browser), else the first of the browser's languages Confero has, else English.
 * Static text of the page carries `data-i18n` (text), `data-i18n-label` (aria-label and title) or
 * `data-i18n-placeholder`; scripts call t(key, params).
 */
const KEY = 'confero.language';

/** The language to use: a saved choice if Confero has it, else the first preferred one it has (by base tag), else 'en'. */
export function pickLanguage(saved, preferred = []) {
  if (saved && STRINGS[saved]) return saved;
  for (const tag of preferred) {
    const base = String(tag || '').toLowerCase().split('-')[0];
    if (STRINGS[base]) return base;
  }
  return 'en';
}

/** Fills {placeholders} from params; a placeholder without a value stays as written. */
export function format(template, params = {}) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (params[name] === undefined ? whole : String(params[name])));
}

function saved() {
  try { return localStorage.getItem(KEY) || ''; } catch { return ''; }
}

let current = pickLanguage(saved(), typeof navigator === 'undefined' ? [] : navigator.languages || [navigator.language]);

export function language() {
  return current;
}

export { LANGUAGES };

/** The string for key in the page's language (English where that language lacks it). */
export function t(key, params) {
  const s = STRINGS[current][key] ?? STRINGS.en[key];
  return s === undefined ? key : format(s, params);
}

/** Switches and remembers the language; the caller re-renders what scripts wrote. */
export function setLanguage(lang) {
  current = pickLanguage(lang);
  try { localStorage.setItem(KEY, current); } catch { /* storage unavailable */ }
  translatePage();
}

/** Writes the static strings of the page (elements with data-i18n*) in the current language. */
export function translatePage(root = document) {
  document.documentElement.lang = current;
  for (const node of root.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of root.querySelectorAll('[data-i18n-label]')) {
    node.setAttribute('aria-label', t(node.dataset.i18nLabel));
    node.title = t(node.dataset.i18nLabel);
  }
  for (const node of root.querySelectorAll('[data-i18n-placeholder]')) node.placeholder = t(node.dataset.i18nPlaceholder);
}
