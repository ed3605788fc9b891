/**
 * The control bar's "More options" menu. On a phone-width screen the bar keeps the microphone,
 * camera, hand, More and Leave buttons; everything else (present, reactions, people, chat, layout,
 * meeting details) is reached through this menu, whose items press the real buttons, so each
 * feature keeps exactly one code path. Settings and keyboard shortcuts live here at every width.
 */
const $ = (id) => document.getElementById(id);

export class MoreMenu {
  constructor() {
    this.button = $('more-btn');
    this.menu = $('more-menu');
    this.button.addEventListener('click', (e) => { e.stopPropagation(); this.toggle(); });
    this.menu.addEventListener('click', (e) => this.onItem(e));
    document.addEventListener('click', (e) => { if (!this.menu.hidden && !this.menu.contains(e.target)) this.toggle(false); });
    this.menu.addEventListener('keydown', (e) => this.onKey(e));
  }

  get open() {
    return !this.menu.hidden;
  }

  toggle(open = this.menu.hidden) {
    if (open) this.refresh();
    this.menu.hidden = !open;
    this.button.setAttribute('aria-expanded', String(open));
    this.button.classList.toggle('active', open);
    if (open) this.items()[0]?.focus();
  }

  /** Items mirror their button's current name and state ("Stop presenting", "Chat with everyone (2 unread)"). */
  refresh() {
    for (const item of this.menu.querySelectorAll('[data-target]')) {
      const target = $(item.dataset.target);
      const badge = target.querySelector('.badge:not([hidden])');
      const extra = badge && badge.id === 'chat-unread' ? ` (${badge.textContent})` : '';
      item.textContent = (target.getAttribute('aria-label') || target.title) + extra;
      const pressed = target.getAttribute('aria-pressed');
      item.classList.toggle('active', pressed === 'true');
    }
  }

  items() {
    return [...this.menu.querySelectorAll('.menu-item')].filter((i) => i.getClientRects().length > 0);
  }

  onItem(e) {
    const item = e.target.closest('.menu-item');
    if (!item) return;
    e.stopPropagation();
    this.toggle(false);
    if (item.dataset.target) $(item.dataset.target).click();
  }

  onKey(e) {
    const items = this.items();
    const at = items.indexOf(document.activeElement);
    if (e.key === 'Escape') { this.toggle(false); this.button.focus(); return; }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const next = (at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
    items[next]?.focus();
  }
}
