import { EN } from './strings-en.js';
import { DE } from './strings-de.js';

/**
 * Every string of the home and meeting pages, in one place: English and German. A key missing from a
 * language falls back to English (i18n.js); the node test checks that both have the same keys and
 * the same {placeholders}. To add a language, add a strings-xx.js with every key, import it
 * here and name it in LANGUAGES.
 */
export const LANGUAGES = { en: 'English', de: 'Deutsch' };

export const STRINGS = { en: EN, de: DE };
