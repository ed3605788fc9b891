import { Signaling } from './signaling.js';
import { backoffDelay } from './reconnect.js';
import { t } from './i18n.js';

const $ = (id) => document.getElementById(id);

/**
 * The connection dropped (socket closed, or a peer connection failed): the server holds our seat
 * for the grace period. Media goes, the call screen stays with a banner, and we retry `join` with
 * the same session token, backing off exponentially with full jitter, until the grace runs out.
 */
export class Reconnector {
  /** @param deps {store, setState(state), dropMedia(s), bindSignaling(s, signaling), finish(state, title, detail), joinTimeoutMs} */
  constructor(deps) {
    this.deps = deps;
    this.store = deps.store;
  }

  start(s) {
    if (this.store.session !== s || s.reconnect) return;
    this.store.reconnects += 1;
    s.reconnect = { since: Date.now(), attempt: 0 };
    this.deps.setState('reconnecting');
    $('reconnect-banner').hidden = false;
    this.deps.dropMedia(s);
    s.signaling.close(4000); // not 1000: the server holds us instead of seeing a leave
    this.schedule(s);
  }

  schedule(s) {
    const left = s.graceMs - (Date.now() - s.reconnect.since);
    if (left <= 0) {
      const seat = { body: s.body, displayName: s.displayName };
      this.deps.finish('error', t('end.lost'), t('end.lostDetail'));
      this.store.lostSeat = seat;
      return;
    }
    s.timers.push(setTimeout(() => this.attempt(s), Math.min(backoffDelay(s.reconnect.attempt++), left)));
  }

  async attempt(s) {
    const { store } = this;
    if (store.session !== s || store.state !== 'reconnecting') return;
    const url = signalingUrl(s.body.media_server, s.reconnect.attempt);
    const signaling = new Signaling(url, s.body.session_token);
    s.signaling = signaling;
    this.deps.bindSignaling(s, signaling);
    try {
      await signaling.open();
    } catch {
      if (store.session === s && s.signaling === signaling) this.schedule(s);
      return;
    }
    if (store.session !== s || s.signaling !== signaling) return;
    adopt(s, url);
    s.timers.push(setTimeout(() => {
      if (store.session === s && s.signaling === signaling && store.state === 'reconnecting') {
        signaling.close(4000);
        this.schedule(s);
      }
    }, this.deps.joinTimeoutMs));
    signaling.send({ type: 'join', v: 1 });
  }

  end(s) {
    s.reconnect = null;
    $('reconnect-banner').hidden = true;
  }
}

/**
 * The signaling URL of reconnect attempt `attempt` (1, 2, …): our node's first, then — a meeting
 * spanning nodes lists the others as `alternates` — each other node in turn, so a client whose
 * node died rejoins another node of the meeting with the same seat.
 */
export function signalingUrl(mediaServer, attempt) {
  const ms = mediaServer || {};
  const urls = [ms.url || '/ws', ...(ms.alternates || [])];
  return urls[Math.max(0, attempt - 1) % urls.length];
}

/** A node answered: it is ours from now on, the one we had becomes an alternate. */
function adopt(s, url) {
  const ms = s.body.media_server || {};
  if (!ms.url || url === ms.url) return;
  s.body.media_server = { ...ms, url, alternates: [ms.url, ...(ms.alternates || []).filter((u) => u !== url)] };
}
