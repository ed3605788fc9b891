import { el } from './dom.js';
import { t } from './i18n.js';

/**
 * The waiting room as moderators meet it: one lasting notification per person waiting, with Admit
 * and Deny, that stays until someone decides (here or on another moderator's page) or the guest
 * gives up; the badge on the People button counts them meanwhile (extras.js).
 */
export class KnockNotices {
  /** @param send (message) => void, the signaling send of the current call */
  constructor(send) {
    this.send = send;
    this.notes = new Map(); // participant_id → notification element
  }

  /** Shows (once) the notification for someone waiting. */
  show(w) {
    if (this.notes.get(w.participant_id)?.isConnected) return;
    const name = w.display_name || t('people.guest');
    const decide = (type) => () => {
      this.send({ type, participant_id: w.participant_id });
      this.resolve(w.participant_id);
    };
    const admit = el('button', { className: 'btn small', type: 'button', textContent: t('host.admit'), dataset: { action: 'admit' },
      attrs: { 'aria-label': t('host.admitName', { name }) } });
    admit.addEventListener('click', decide('admit'));
    const deny = el('button', { className: 'btn small secondary', type: 'button', textContent: t('host.deny'), dataset: { action: 'deny' },
      attrs: { 'aria-label': t('host.denyName', { name }) } });
    deny.addEventListener('click', decide('deny'));
    const note = el('div', { className: 'toast knock', dataset: { participantId: w.participant_id } }, [
      el('span', { className: 'knock-text', textContent: t('note.knock', { name }) }),
      el('span', { className: 'knock-actions' }, [deny, admit]),
    ]);
    note.setAttribute('role', 'alertdialog');
    note.setAttribute('aria-label', t('note.knock', { name }));
    document.getElementById('toasts').append(note);
    this.notes.set(w.participant_id, note);
  }

  /** Someone decided, or the guest left: the notification goes. */
  resolve(participantId) {
    const note = this.notes.get(participantId);
    if (note) note.remove();
    this.notes.delete(participantId);
  }

  /** Shows exactly the notifications for `waiting` (a Map id → person), e.g. after `joined` or a role change. */
  sync(waiting, canModerate) {
    for (const id of [...this.notes.keys()]) if (!canModerate || !waiting.has(id)) this.resolve(id);
    if (canModerate) for (const w of waiting.values()) this.show(w);
  }
}
