import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pickLanguage, format, t } from '../../../../webroot/js/i18n.js';
import { STRINGS, LANGUAGES } from '../../../../webroot/js/strings.js';

const placeholders = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('every language has exactly the English keys, each with the same placeholders and some text', () => {
  const keys = Object.keys(STRINGS.en).sort();
  for (const lang of Object.keys(LANGUAGES)) {
    assert.deepEqual(Object.keys(STRINGS[lang]).sort(), keys, lang);
    for (const key of keys) {
      assert.deepEqual(placeholders(STRINGS[lang][key]), placeholders(STRINGS.en[key]), `${lang} ${key}`);
      assert.ok(STRINGS[lang][key].trim().length > 0, `${lang} ${key}`);
    }
  }
  assert.deepEqual(Object.keys(LANGUAGES).sort(), Object.keys(STRINGS).sort());
});

test('a saved choice wins, then the first browser language Confero has by base tag, then English', () => {
  assert.equal(pickLanguage('de', ['en-US']), 'de');
  assert.equal(pickLanguage('xx', ['fr-FR', 'de-AT', 'en']), 'de');
  assert.equal(pickLanguage('', ['DE']), 'de');
  assert.equal(pickLanguage('', ['fr', 'es']), 'en');
  assert.equal(pickLanguage(undefined, []), 'en');
  assert.equal(pickLanguage(null, [undefined, 'en-GB']), 'en');
});

test('format fills named placeholders and leaves unknown ones as written', () => {
  assert.equal(format('{name} joined', { name: 'Ada' }), 'Ada joined');
  assert.equal(format('{a}{b}{a}', { a: 1, b: 0 }), '101');
  assert.equal(format('Hand {n}', {}), 'Hand {n}');
  assert.equal(format('no placeholders', { x: 1 }), 'no placeholders');
});

test('t answers English without a browser, and the key itself for an unknown key', () => {
  assert.equal(t('note.joined', { name: 'Ada' }), 'Ada joined');
  assert.equal(t('no.such.key'), 'no.such.key');
});
