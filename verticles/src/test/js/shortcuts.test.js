import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actionFor, isTextField, SHORTCUTS } from '../../../../webroot/js/shortcuts.js';

const key = (k, mods = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });

test('single keys name the call actions when focus is not in a text field', () => {
  assert.equal(actionFor(key('m')), 'mic');
  assert.equal(actionFor(key('M', { shiftKey: false })), 'mic');
  assert.equal(actionFor(key('v')), 'camera');
  assert.equal(actionFor(key('s')), 'share');
  assert.equal(actionFor(key('h')), 'hand');
  assert.equal(actionFor(key('c')), 'chat');
  assert.equal(actionFor(key('p')), 'people');
  assert.equal(actionFor(key('?', { shiftKey: true })), 'help');
  assert.equal(actionFor(key('x')), null);
});

test('typing in a text field never triggers single-key actions, but Ctrl+D and Ctrl+E still do', () => {
  for (const k of ['m', 'v', 's', 'h', 'c', 'p', '?']) assert.equal(actionFor(key(k), true), null, k);
  assert.equal(actionFor(key('d', { ctrlKey: true }), true), 'mic');
  assert.equal(actionFor(key('e', { metaKey: true }), true), 'camera');
});

test('leaving needs Shift+L; a plain l, Ctrl+L (the address bar) and Alt chords do nothing', () => {
  assert.equal(actionFor(key('L', { shiftKey: true })), 'leave');
  assert.equal(actionFor(key('l')), null);
  assert.equal(actionFor(key('l', { ctrlKey: true })), null);
  assert.equal(actionFor(key('m', { altKey: true })), null);
  assert.equal(actionFor(key('M', { shiftKey: true })), null);
  assert.equal(actionFor(key('d', { ctrlKey: true, shiftKey: true })), null);
});

test('the help table lists every action actionFor can answer, with keys that produce it', () => {
  const listed = new Set(SHORTCUTS.map((s) => s.action));
  for (const s of SHORTCUTS) {
    for (const combo of s.keys) {
      const parts = combo.split('+');
      const k = parts.pop();
      const mods = { ctrlKey: parts.includes('Ctrl'), shiftKey: parts.includes('Shift') || k === '?' };
      assert.equal(actionFor(key(k.toLowerCase(), mods)), s.action, combo);
    }
  }
  assert.equal(listed.size, SHORTCUTS.length);
});

test('text fields are inputs that take text, textareas, selects and editables', () => {
  assert.equal(isTextField({ tagName: 'INPUT', type: 'text' }), true);
  assert.equal(isTextField({ tagName: 'TEXTAREA' }), true);
  assert.equal(isTextField({ tagName: 'INPUT', type: 'checkbox' }), false);
  assert.equal(isTextField({ tagName: 'BUTTON' }), false);
  assert.equal(isTextField({ tagName: 'DIV', isContentEditable: true }), true);
  assert.equal(isTextField(null), false);
});
