import { el, icon, initials, avatarColor } from './dom.js';
import { t } from './i18n.js';

const ROLE_KEYS = { host: 'people.host', cohost: 'people.cohost', viewer: 'people.attendee' };
const roleLabel = (role) => (role === 'participant' ? '' : ROLE_KEYS[role] ? t(ROLE_KEYS[role]) : role ?? '');

/** How many attendees (role viewer) the people panel shows per page: a webinar's audience may be 1,000. */
export const ATTENDEE_PAGE = 50;

/**
 * Renders the people panel: self first, then panelists by name, then at most `attendeeLimit`
 * attendees by name and a button (calling `onMore`) that shows the next page of them.
 */
export function renderPeople(list, participants, selfId, actionsFor = () => null, attendeeLimit = ATTENDEE_PAGE, onMore = () => {}) {
  const all = [...participants.entries()].map(([id, p]) => ({ id, ...p }));
  const byName = (a, b) => (a.id === selfId ? -1 : b.id === selfId ? 1 : String(a.display_name).localeCompare(String(b.display_name)));
  const isAttendee = (p) => p.role === 'viewer' && p.id !== selfId;
  const attendees = all.filter(isAttendee).sort(byName);
  const people = [...all.filter((p) => !isAttendee(p)).sort(byName), ...attendees.slice(0, attendeeLimit)];
  const rest = attendees.length - Math.min(attendees.length, attendeeLimit);
  const more = rest > 0 ? [el('li', { className: 'person more-attendees' }, [
    el('span', { className: 'person-role', textContent: t('people.moreAttendees', { n: rest }) }),
    moreButton(onMore)])] : [];
  list.replaceChildren(...people.map((p) => {
    const avatar = el('span', { className: 'person-avatar', textContent: initials(p.display_name) });
    avatar.style.background = avatarColor(p.id);
    const name = el('span', { className: 'person-name', textContent: p.display_name || t('people.guest') });
    if (p.id === selfId) name.append(el('span', { className: 'you', textContent: t('people.you') }));
    const role = el('span', { className: 'person-role', textContent: p.reconnecting ? t('call.reconnecting') : roleLabel(p.role) });
    const mic = icon(p.audio_muted ? 'micOff' : 'mic', `icon person-mic${p.audio_muted ? ' muted' : ''}`);
    mic.setAttribute('aria-label', t(p.audio_muted ? 'people.micOff' : 'people.micOn'));
    mic.removeAttribute('aria-hidden');
    const hand = p.hand_raised_at ? icon('hand', 'icon hand-icon') : null;
    return el('li', { className: 'person', dataset: { participantId: p.id } }, [
      avatar, el('div', { className: 'person-text' }, [name, role, actionsFor(p.id, p)]), hand, mic,
    ]);
  }), ...more);
  return attendees.length;
}

function moreButton(onMore) {
  const b = el('button', { className: 'chip', type: 'button', id: 'more-attendees-btn', textContent: t('people.showMore') });
  b.addEventListener('click', onMore);
  return b;
}
