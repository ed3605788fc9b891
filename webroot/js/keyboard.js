import { el } from './dom.js';
import { SHORTCUTS, actionFor, isTextField } from './shortcuts.js';
import { t } from './i18n.js';

const $ = (id) => document.getElementById(id);

/**
 * Wires the call's keyboard shortcuts (shortcuts.js) and the `?` help sheet.
 * @param actions action name → function
 * @param active whether shortcuts apply now (in the call, no other dialog open)
 */
export function wireShortcuts(actions, active) {
  const sheet = $('shortcuts-dialog');
  $('shortcuts-close').addEventListener('click', () => sheet.close());
  const open = () => {
    $('shortcuts-list').replaceChildren(...SHORTCUTS.map((s) => el('div', { className: 'shortcut-row' }, [
      el('dt', { textContent: t(`keys.${s.action}`) }),
      el('dd', {}, s.keys.map((k) => el('kbd', { textContent: k }))),
    ])));
    if (!sheet.open) sheet.showModal();
  };
  document.addEventListener('keydown', (e) => {
    if (!active() || e.repeat) return;
    const action = actionFor(e, isTextField(document.activeElement));
    if (!action) return;
    const openDialog = document.querySelector('dialog[open]');
    if (openDialog && !(openDialog === sheet && action === 'help')) return;
    e.preventDefault();
    if (action === 'help') {
      if (sheet.open) sheet.close(); else open();
      return;
    }
    actions[action]();
  });
  return open;
}
