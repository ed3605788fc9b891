import { el, icon, toast } from './dom.js';
import { KnockNotices } from './knocks.js';
import { raisedInOrder } from './hands.js';
import { t } from './i18n.js';

/**
 * In-call extras (docs/protocol.md): chat with unread badge, reactions, raised hands, the waiting
 * room as hosts see it, and host controls. All text from others goes through textContent only.
 */
export const REACTIONS = ['👍', '👏', '❤️', '😂', '😮', '🎉', '🤔', '👎'];
const MAX_CHAT_BYTES = 4096;
/** Host actions: the English name stays in data-action (a stable hook), the text is translated. */
const ACTION_KEYS = { Mute: 'host.mute', 'Ask to unmute': 'host.askUnmute', 'Stop video': 'host.stopVideo',
  'Make co-host': 'host.makeCohost', 'Make panelist': 'host.makePanelist', 'Make attendee': 'host.makeAttendee', 'Remove co-host': 'host.removeCohost', 'Make host': 'host.makeHost', Remove: 'host.remove',
  Spotlight: 'host.spotlight', 'End spotlight': 'host.endSpotlight' };
const $ = (id) => document.getElementById(id);

export class Extras {
  /**
   * @param {() => ({send: Function}|null)} signaling current signaling, or null when not in a call
   * @param store the page's Store (participants)
   */
  constructor(signaling, store) {
    this.signaling = signaling;
    this.store = store;
    this.unread = 0;
    this.chatOpen = false;
    this.waiting = new Map();
    this.locked = false;
    this.multiShare = false;
    this.role = 'participant';
    this.messages = [];
    this.knocks = new KnockNotices((msg) => this.send(msg));
    this.wire();
  }

  send(msg) {
    const s = this.signaling();
    if (s) s.send(msg);
  }

  get canModerate() {
    return this.role === 'host' || this.role === 'cohost';
  }

  wire() {
    $('chat-btn').addEventListener('click', () => this.toggleChat());
    $('close-chat-btn').addEventListener('click', () => this.toggleChat(false));
    $('chat-form').addEventListener('submit', (e) => { e.preventDefault(); this.sendChat(); });
    $('chat-input').addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); this.sendChat(); }
    });
    $('hand-btn').addEventListener('click', () => this.send({ type: 'raise_hand', raised: !this.handUp }));
    $('react-btn').addEventListener('click', () => this.toggleReactions());
    $('reaction-bar').replaceChildren(...REACTIONS.map((emoji) => {
      const b = el('button', { className: 'reaction-choice', type: 'button', textContent: emoji, title: t('control.sendReaction', { emoji }),
        attrs: { 'aria-label': t('control.sendReaction', { emoji }) } });
      b.addEventListener('click', () => { this.send({ type: 'reaction', emoji }); this.toggleReactions(false); });
      return b;
    }));
    $('mute-all-btn').addEventListener('click', () => this.send({ type: 'mute_all' }));
    $('lock-btn').addEventListener('click', () => this.send({ type: 'lock', locked: !this.locked }));
    $('multi-share-btn').addEventListener('click', () => this.send({ type: 'allow_multi_share', allowed: !this.multiShare }));
    $('attendee-chat-btn').addEventListener('click', () => this.send({ type: 'attendee_chat', allowed: !this.attendeeChat }));
    $('end-all-btn').addEventListener('click', () => {
      if (window.confirm(t('host.endAllConfirm'))) this.send({ type: 'end_meeting' });
    });
    $('admit-all-btn').addEventListener('click', () => this.send({ type: 'admit_all' }));
  }

  toggleReactions(open = $('reaction-bar').hidden) {
    $('reaction-bar').hidden = !open;
    $('react-btn').setAttribute('aria-expanded', String(open));
    if (open) $('reaction-bar').querySelector('button').focus();
  }

  /** `joined`: chat history, own role, lock state, who is waiting. */
  onJoined(m) {
    this.role = (m.self && m.self.role) || 'participant';
    this.webinar = !!(m.meeting && m.meeting.webinar);
    this.attendeeChat = !!(m.meeting && m.meeting.attendee_chat);
    this.locked = !!(m.meeting && m.meeting.locked);
    this.multiShare = !!(m.meeting && m.meeting.allow_multi_share);
    this.messages = [];
    $('chat-list').replaceChildren();
    for (const c of m.chat || []) this.addChat(c, false);
    this.unread = 0;
    this.waiting.clear();
    for (const w of m.waiting || []) this.waiting.set(w.participant_id, w);
    this.handUp = false;
    this.render();
  }

  onMessage(m, selfId) {
    switch (m.type) {
      case 'chat': this.addChat(m.message, m.message && m.message.participant_id !== selfId); break;
      case 'reaction': this.showReaction(m); break;
      case 'knock':
        this.waiting.set(m.participant.participant_id, m.participant);
        break;
      case 'knock_resolved': this.waiting.delete(m.participant_id); break;
      case 'meeting_updated':
        if (!!m.locked !== this.locked) toast(t(m.locked ? 'note.locked' : 'note.unlocked'));
        if (!!m.allow_multi_share !== this.multiShare) {
          toast(t(m.allow_multi_share ? 'note.multiShareOn' : 'note.multiShareOff'));
        }
        this.locked = !!m.locked;
        this.multiShare = !!m.allow_multi_share;
        this.attendeeChat = !!m.attendee_chat;
        break;
      case 'unmute_requested': toast(t('note.askUnmute', { name: m.display_name || t('note.theHost') }), { ms: 8000 }); break;
      default: return false;
    }
    this.render();
    return true;
  }

  /** Our own participant record changed (role, raised hand). */
  onSelf(p) {
    if (p.role && p.role !== this.role) {
      const was = this.role;
      this.role = p.role;
      toast(t(p.role === 'host' ? 'note.nowHost' : p.role === 'cohost' ? 'note.nowCohost' : p.role === 'viewer'
        ? 'note.nowAttendee' : was === 'viewer' ? 'note.nowPanelist' : 'note.noLongerHost'));
    }
    this.handUp = !!p.hand_raised_at;
    this.render();
  }

  addChat(c, countUnread) {
    if (!c) return;
    this.messages.push(c);
    const time = new Date(c.sent_at);
    const when = Number.isNaN(time.getTime()) ? '' : time.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    $('chat-list').append(el('li', { className: 'chat-message', dataset: { messageId: String(c.message_id) } }, [
      el('div', { className: 'chat-meta' }, [
        el('span', { className: 'chat-sender', textContent: c.display_name || t('people.guest') }),
        el('time', { className: 'chat-time', textContent: when, dateTime: c.sent_at || '' }),
      ]),
      el('p', { className: 'chat-text', textContent: c.text }),
    ]));
    $('chat-list').scrollTop = $('chat-list').scrollHeight;
    if (countUnread && !this.chatOpen) this.unread++;
    this.render();
  }

  sendChat() {
    const input = $('chat-input');
    const text = input.value.trim();
    if (!text) return;
    if (new TextEncoder().encode(text).length > MAX_CHAT_BYTES) {
      toast(t('chat.tooLong'), { kind: 'error' });
      return;
    }
    this.send({ type: 'chat', text });
    input.value = '';
  }

  toggleChat(open = $('chat-panel').hidden) {
    $('chat-panel').hidden = !open;
    this.chatOpen = open;
    if (open) { this.unread = 0; $('chat-input').focus(); }
    $('chat-btn').classList.toggle('active', open);
    $('chat-btn').setAttribute('aria-pressed', String(open));
    this.render();
  }

  showReaction(m) {
    const who = this.store.participants.get(m.participant_id);
    const bubble = el('div', { className: 'reaction-bubble' }, [
      el('span', { className: 'reaction-emoji', textContent: m.emoji }),
      el('span', { className: 'reaction-name', textContent: who ? who.display_name : '' }),
    ]);
    $('reactions').append(bubble);
    setTimeout(() => bubble.remove(), 4000);
  }

  /** Buttons, badges and the host parts of the people panel. */
  render() {
    const badge = $('chat-unread');
    badge.textContent = String(this.unread);
    badge.hidden = this.unread === 0;
    const waiting = this.canModerate ? this.waiting.size : 0;
    $('waiting-badge').textContent = String(waiting);
    $('waiting-badge').hidden = waiting === 0;
    $('more-badge').hidden = this.unread === 0 && waiting === 0; // on a phone, chat and people sit behind More
    $('hand-btn').classList.toggle('active', !!this.handUp);
    $('hand-btn').setAttribute('aria-pressed', String(!!this.handUp));
    $('hand-btn').title = t(this.handUp ? 'control.lowerHand' : 'control.raiseHand');
    $('hand-btn').setAttribute('aria-label', $('hand-btn').title);
    $('host-tools').hidden = !this.canModerate;
    $('end-all-btn').hidden = this.role !== 'host';
    $('lock-btn').textContent = t(this.locked ? 'host.unlock' : 'host.lock');
    $('multi-share-btn').textContent = t(this.multiShare ? 'host.singleShare' : 'host.multiShare');
    $('multi-share-btn').setAttribute('aria-pressed', String(this.multiShare));
    $('attendee-chat-btn').hidden = !this.webinar;
    $('attendee-chat-btn').textContent = t(this.attendeeChat ? 'host.attendeeChatOff' : 'host.attendeeChatOn');
    $('attendee-chat-btn').setAttribute('aria-pressed', String(this.attendeeChat));
    $('chat-form').hidden = this.role === 'viewer' && !this.attendeeChat; // the server refuses it (view-only)
    $('waiting-section').hidden = !this.canModerate || this.waiting.size === 0;
    this.knocks.sync(this.waiting, this.canModerate);
    $('waiting-list').replaceChildren(...[...this.waiting.values()].map((w) => {
      const admit = el('button', { className: 'btn small', type: 'button', textContent: t('host.admit') });
      admit.addEventListener('click', () => this.send({ type: 'admit', participant_id: w.participant_id }));
      const deny = el('button', { className: 'btn small secondary', type: 'button', textContent: t('host.deny') });
      deny.addEventListener('click', () => this.send({ type: 'deny', participant_id: w.participant_id }));
      return el('li', { className: 'person waiting-person' }, [
        el('span', { className: 'person-name', textContent: w.display_name || t('people.guest') }), admit, deny]);
    }));
    this.renderHands();
  }

  renderHands() {
    const people = this.store.participants;
    const hands = raisedInOrder(people).map((id) => [id, people.get(id)]);
    $('hands-section').hidden = hands.length === 0;
    $('hands-list').replaceChildren(...hands.map(([id, p]) => {
      const item = el('li', { className: 'person hand-person', dataset: { participantId: id } }, [
        icon('hand', 'icon hand-icon'),
        el('span', { className: 'person-name', textContent: p.display_name || t('people.guest') }),
      ]);
      if (this.canModerate) {
        const lower = el('button', { className: 'btn small secondary', type: 'button', textContent: t('host.lower') });
        lower.addEventListener('click', () => this.send({ type: 'lower_hand', participant_id: id }));
        item.append(lower);
      }
      return item;
    }));
  }

  /** Host actions on one person in the people panel (null for ourselves or when we cannot moderate). */
  personActions(id, p, selfId) {
    if (!this.canModerate || id === selfId) return null;
    const actions = [
      ['Make panelist', () => this.send({ type: 'set_role', participant_id: id, role: 'participant' }),
        this.role === 'host' && p.role === 'viewer'],
      ['Make attendee', () => this.send({ type: 'set_role', participant_id: id, role: 'viewer' }),
        this.role === 'host' && this.webinar && p.role === 'participant'],
      ['Mute', () => this.send({ type: 'mute_participant', participant_id: id, kind: 'audio' }),
        !p.audio_muted && p.role !== 'viewer'],
      ['Ask to unmute', () => this.send({ type: 'ask_unmute', participant_id: id }), p.audio_muted],
      ['Stop video', () => this.send({ type: 'mute_participant', participant_id: id, kind: 'video' }),
        !p.video_muted && p.role !== 'viewer'],
      ['Make co-host', () => this.send({ type: 'set_role', participant_id: id, role: 'cohost' }),
        this.role === 'host' && p.role === 'participant'],
      ['Remove co-host', () => this.send({ type: 'set_role', participant_id: id, role: 'participant' }),
        this.role === 'host' && p.role === 'cohost'],
      ['Make host', () => this.send({ type: 'transfer_host', participant_id: id }), this.role === 'host' && p.role !== 'viewer'],
      ['Spotlight', () => this.send({ type: 'spotlight', participant_id: id }), p.role !== 'viewer' && this.store.spotlight !== id],
      ['End spotlight', () => this.send({ type: 'spotlight', participant_id: null }), this.store.spotlight === id],
      ['Remove', () => {
        if (window.confirm(t('host.removeConfirm', { name: p.display_name }))) this.send({ type: 'remove_participant', participant_id: id });
      }, p.role !== 'host'],
    ];
    return el('div', { className: 'person-actions' }, actions.filter((a) => a[2]).map(([label, act]) => {
      const b = el('button', { className: 'chip', type: 'button', textContent: t(ACTION_KEYS[label]), dataset: { action: label } });
      b.addEventListener('click', act);
      return b;
    }));
  }
}
