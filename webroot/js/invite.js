import { copyText } from './dom.js';
import { t } from './i18n.js';

const $ = (id) => document.getElementById(id);

/**
 * Meeting details from inside the call: the meeting's link (the server's `join_url`, built from
 * `http.public_url`, so it is the address others can reach; the page's own origin only when the
 * join response had none) with a Copy button, and the join code.
 */
export class Invite {
  /** @param meeting () => the join response's meeting object (or null); @param code the page's join code */
  constructor(meeting, code) {
    this.meeting = meeting;
    this.code = code;
    this.dialog = $('info-dialog');
    $('info-btn').addEventListener('click', () => this.open());
    $('info-copy').addEventListener('click', () => this.copy());
    $('info-close').addEventListener('click', () => this.dialog.close());
  }

  link() {
    const m = this.meeting();
    return (m && m.join_url) || `${window.location.origin}/j/${this.code}`;
  }

  open() {
    const m = this.meeting();
    $('info-title').textContent = (m && m.title) || t('details.title');
    $('info-link').value = this.link();
    $('info-code').textContent = this.code || '';
    this.resetButton();
    if (!this.dialog.open) this.dialog.showModal();
  }

  async copy() {
    const ok = await copyText(this.link(), $('info-link'));
    const button = $('info-copy');
    button.textContent = t(ok ? 'details.copied' : 'details.copyFailed');
    button.classList.toggle('copied', ok);
    $('info-status').textContent = t(ok ? 'details.copiedNote' : 'details.selectNote');
    clearTimeout(this.reset);
    this.reset = setTimeout(() => this.resetButton(), 2500);
  }

  resetButton() {
    $('info-copy').textContent = t('details.copy');
    $('info-copy').classList.remove('copied');
  }
}
