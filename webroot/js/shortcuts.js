/**
 * Keyboard shortcuts of the call. Single keys work while focus is not in a text field (as in
 * Jitsi Meet); Ctrl+D / Ctrl+E (⌘ on a Mac) also toggle microphone and camera as in Google Meet,
 * even from a text field. Leaving needs Shift so that a stray key never ends a call. `?` shows the
 * help sheet listing this table. Pure: no DOM, so node's test runner checks it.
 */
export const SHORTCUTS = [
  { action: 'mic', keys: ['M', 'Ctrl+D'] },
  { action: 'camera', keys: ['V', 'Ctrl+E'] },
  { action: 'share', keys: ['S'] },
  { action: 'hand', keys: ['H'] },
  { action: 'chat', keys: ['C'] },
  { action: 'people', keys: ['P'] },
  { action: 'leave', keys: ['Shift+L'] },
  { action: 'help', keys: ['?'] },
];

const SINGLE = { m: 'mic', v: 'camera', s: 'share', h: 'hand', c: 'chat', p: 'people', '?': 'help' };
const WITH_CTRL = { d: 'mic', e: 'camera' };

/**
 * The action a key press asks for, or null.
 * @param e {key, ctrlKey, metaKey, altKey, shiftKey} of a keydown
 * @param typing whether focus is in a text field (single keys type there instead)
 */
export function actionFor(e, typing = false) {
  const key = String(e.key || '').toLowerCase();
  if (e.altKey) return null;
  if (e.ctrlKey || e.metaKey) return e.shiftKey ? null : WITH_CTRL[key] || null;
  if (typing) return null;
  if (e.shiftKey && key === 'l') return 'leave';
  if (e.shiftKey && key !== '?') return null;
  return SINGLE[key] || null;
}

/** Whether an element takes typed text (inputs other than buttons/checkboxes, textareas, selects, editables). */
export function isTextField(node) {
  if (!node || !node.tagName) return false;
  const tag = node.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'select' || node.isContentEditable) return true;
  return tag === 'input' && !['button', 'checkbox', 'radio', 'range', 'submit', 'reset'].includes(String(node.type).toLowerCase());
}
