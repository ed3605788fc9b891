import { el, icon, initials, avatarColor } from './dom.js';
import { t } from './i18n.js';
import { GalleryPager, ARROW_SPACE } from './gallerypages.js';

const GAP = 8;

/**
 * The video stage: one tile per participant (self first, mirrored) in a grid sized to fit, and
 * screen shares in a large spotlight with the tiles as a strip beside it.
 */
export class Gallery {
  constructor(stage, gallery, spotlight) {
    this.stage = stage;
    this.gallery = gallery;
    this.spotlight = spotlight;
    this.tiles = new Map(); // participant_id → tile element
    this.screens = new Map(); // track_id → screen tile element
    this.mode = 'gallery'; // or 'speaker': the featured participant big, the others in a filmstrip
    this.activeId = null; // the active speaker the server named (active_speaker)
    this.featuredId = null;
    this.pinnedId = null; // pinned on this page only: big for us, nobody else sees a change
    this.spotlightId = null; // spotlighted by a moderator for everyone (`spotlight`); our own pin wins
    this.pager = new GalleryPager(stage, () => this.layout());
    this.observer = new ResizeObserver(() => this.layout());
    this.observer.observe(stage);
  }

  /** Creates or refreshes a participant's tile. */
  upsert(p, { self = false } = {}) {
    let tile = this.tiles.get(p.participant_id);
    if (!tile) {
      tile = this.createTile(p.participant_id, self);
      this.tiles.set(p.participant_id, tile);
      if (self) this.gallery.prepend(tile); else this.gallery.append(tile);
      tile.classList.toggle('speaking', p.participant_id === this.activeId);
      tile.classList.toggle('spotlit', p.participant_id === this.spotlightId);
      this.applyMode();
    }
    const name = p.display_name || t('people.guest');
    tile.querySelector('.name').textContent = self ? name + t('people.you') : name;
    const avatar = tile.querySelector('.avatar span');
    avatar.textContent = initials(name);
    tile.classList.toggle('audio-muted', !!p.audio_muted);
    tile.classList.toggle('video-muted', !!p.video_muted);
    tile.classList.toggle('reconnecting', !!p.reconnecting);
    tile.classList.toggle('hand-raised', !!p.hand_raised_at);
    tile.querySelector('.tile-hand').toggleAttribute('hidden', !p.hand_raised_at);
    const pin = tile.querySelector('.tile-pin');
    pin.dataset.name = name;
    this.refreshPin(tile);
    tile.querySelector('.mic-off').toggleAttribute('hidden', !p.audio_muted);
    this.refreshVideo(tile);
  }

  createTile(id, self) {
    const video = el('video', { autoplay: true, playsInline: true, muted: true });
    video.setAttribute('playsinline', '');
    const refresh = () => this.refreshVideo(tile);
    for (const ev of ['loadeddata', 'resize', 'playing', 'emptied']) video.addEventListener(ev, refresh);
    const avatar = el('div', { className: 'avatar' }, [el('span')]);
    avatar.firstChild.style.background = avatarColor(id);
    const label = el('div', { className: 'tile-label' }, [icon('micOff', 'icon mic-off'), el('span', { className: 'name' })]);
    const hand = el('div', { className: 'tile-hand', hidden: true }, [icon('hand', 'icon'), el('span', { className: 'hand-order' })]);
    const pin = el('button', { className: 'tile-pin', type: 'button' }, [icon('pin', 'icon')]);
    pin.addEventListener('click', () => this.pin(id));
    const tile = el('div', { className: self ? 'tile self' : 'tile', dataset: { participantId: id } }, [video, avatar, hand, label, pin]);
    return tile;
  }

  remove(participantId) {
    const tile = this.tiles.get(participantId);
    if (tile) {
      const video = tile.querySelector('video');
      video.srcObject = null;
      tile.remove();
      this.tiles.delete(participantId);
    }
    for (const [trackId, screen] of this.screens) if (screen.dataset.screenOf === participantId) this.removeScreen(trackId);
    if (this.activeId === participantId) this.activeId = null;
    if (this.pinnedId === participantId) this.pinnedId = null;
    this.applyMode();
  }

  /** Pins a participant big on this page (again: unpins); a local choice, as in Meet and Jitsi. */
  pin(participantId) {
    this.pinnedId = this.pinnedId === participantId || !this.tiles.has(participantId) ? null : participantId;
    for (const tile of this.tiles.values()) this.refreshPin(tile);
    this.applyMode();
  }

  refreshPin(tile) {
    const pinned = tile.dataset.participantId === this.pinnedId;
    const pin = tile.querySelector('.tile-pin');
    tile.classList.toggle('pinned', pinned);
    pin.setAttribute('aria-pressed', String(pinned));
    pin.setAttribute('aria-label', t(pinned ? 'tile.unpin' : 'tile.pin', { name: pin.dataset.name || '' }).trim());
    pin.title = pin.getAttribute('aria-label');
  }

  /** Raised hands in order (ids): each tile with a raised hand shows its place in the queue. */
  setHands(order) {
    for (const [id, tile] of this.tiles) {
      const at = order.indexOf(id);
      tile.querySelector('.hand-order').textContent = at >= 0 ? String(at + 1) : '';
      tile.querySelector('.tile-hand').setAttribute('aria-label', at >= 0 ? t('tile.hand', { n: at + 1 }) : '');
    }
  }

  /** A moderator spotlights a participant for everyone (null ends it): big in either view unless we pinned someone. */
  setSpotlight(participantId) {
    this.spotlightId = participantId || null;
    for (const [id, tile] of this.tiles) tile.classList.toggle('spotlit', id === this.spotlightId);
    this.applyMode();
  }

  /** The spotlighted participant, while their tile is here. */
  get spotlit() {
    return this.spotlightId !== null && this.tiles.has(this.spotlightId) ? this.spotlightId : null;
  }

  /** A pinned or spotlighted participant takes the big tile in either view. */
  get speakerLayout() {
    return this.mode === 'speaker' || this.pinnedId !== null || this.spotlit !== null;
  }

  applyMode() {
    this.stage.classList.toggle('speaker-view', this.speakerLayout);
    this.feature();
    this.layout();
  }

  /** The server named a new active speaker: ring their tile; in speaker view they take the big tile. */
  setActiveSpeaker(participantId) {
    this.activeId = participantId || null;
    for (const [id, tile] of this.tiles) tile.classList.toggle('speaking', id === this.activeId);
    this.feature();
  }

  /** 'gallery' (equal tiles) or 'speaker' (one big tile and a filmstrip). */
  setMode(mode) {
    this.mode = mode === 'speaker' ? 'speaker' : 'gallery';
    this.applyMode();
  }

  /**
   * Speaker view features the active speaker, as Zoom does, except ourselves: while we talk the
   * others keep seeing us and we keep seeing whoever spoke last. Alone, we see ourselves.
   */
  feature() {
    const remote = (id) => id && this.tiles.has(id) && !this.tiles.get(id).classList.contains('self');
    let id = null;
    if (this.pinnedId !== null) id = this.pinnedId;
    else if (this.spotlit !== null) id = this.spotlit;
    else if (this.mode === 'speaker') {
      if (remote(this.activeId)) id = this.activeId;
      else if (remote(this.featuredId)) id = this.featuredId;
      else id = [...this.tiles.keys()].find(remote) || this.tiles.keys().next().value || null;
    }
    this.featuredId = id;
    for (const [pid, tile] of this.tiles) tile.classList.toggle('featured', pid === id);
  }

  /** Shows a camera track in a participant's tile (null clears it). */
  setVideo(participantId, track) {
    const tile = this.tiles.get(participantId);
    if (!tile) return;
    const video = tile.querySelector('video');
    if (video.__track === track) return;
    video.__track = track;
    video.srcObject = track ? new MediaStream([track]) : null;
    if (track) {
      const refresh = () => this.refreshVideo(tile);
      track.addEventListener('mute', refresh);
      track.addEventListener('unmute', refresh);
      track.addEventListener('ended', refresh);
      video.play().catch(() => {});
    }
    this.refreshVideo(tile);
  }

  /**
   * The tile shows video when it has a live, unmuted, enabled track that has rendered a frame, and
   * the participant has not turned the camera off; otherwise the avatar.
   */
  refreshVideo(tile) {
    const video = tile.querySelector('video');
    const t = video.__track;
    const live = !!t && t.readyState === 'live' && t.enabled && video.videoWidth > 0
        && !(t.muted && !tile.classList.contains('self'));
    tile.classList.toggle('has-video', live && !tile.classList.contains('video-muted'));
  }

  /** Refreshes every tile (after a local track was enabled or disabled). */
  refreshAll() {
    for (const tile of this.tiles.values()) this.refreshVideo(tile);
  }

  /** Adds a screen share to the spotlight. */
  addScreen(trackId, participantId, label, track) {
    this.removeScreen(trackId);
    const video = el('video', { autoplay: true, playsInline: true, muted: true });
    video.srcObject = new MediaStream([track]);
    const tile = el('div', { className: 'screen-tile', dataset: { screenOf: participantId, trackId } }, [
      video, el('div', { className: 'tile-label' }, [icon('screen', 'icon'), el('span', { className: 'name', textContent: label })]),
    ]);
    this.screens.set(trackId, tile);
    this.spotlight.append(tile);
    video.play().catch(() => {});
    this.updateSpotlight();
  }

  removeScreen(trackId) {
    const tile = this.screens.get(trackId);
    if (!tile) return;
    tile.querySelector('video').srcObject = null;
    tile.remove();
    this.screens.delete(trackId);
    this.updateSpotlight();
  }

  updateSpotlight() {
    const on = this.screens.size > 0;
    this.spotlight.hidden = !on;
    this.stage.classList.toggle('has-spotlight', on);
    this.spotlight.style.setProperty('--screens', String(this.screens.size));
    this.layout();
  }

  /** Picks the column count that gives the biggest tiles (16:9 on landscape stages, 3:4 on portrait ones). */
  static bestFit(n, width, height) {
    const aspect = width >= height ? 16 / 9 : 3 / 4;
    let best = { cols: 1, rows: 1, w: 0, h: 0 };
    for (let cols = 1; cols <= Math.max(1, n); cols++) {
      const rows = Math.ceil(n / cols);
      const w = Math.min((width - GAP * (cols - 1)) / cols, ((height - GAP * (rows - 1)) / rows) * aspect);
      if (w > best.w) best = { cols, rows, w, h: w / aspect };
    }
    return best;
  }

  /**
   * Sizes the grid for the tiles of the current page (up to 7 × 7, see gallerypages.js); speaker
   * view and screen shares show every tile in a scrolling strip instead.
   */
  layout() {
    const tiles = [...this.gallery.children].filter((c) => c.classList.contains('tile'));
    this.gallery.dataset.count = String(Math.max(1, tiles.length));
    if (this.stage.classList.contains('has-spotlight') || this.speakerLayout) {
      this.pager.unpaginate(tiles);
      this.gallery.style.removeProperty('--cols');
      this.gallery.style.removeProperty('--tile-w');
      this.gallery.style.removeProperty('--tile-h');
      return;
    }
    const rect = this.stage.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) return;
    const n = Math.max(1, this.pager.paginate(tiles, rect.width, rect.height, Gallery.bestFit));
    this.gallery.dataset.count = String(n);
    const paged = this.pager.pages > 1; // every page keeps a full page's grid: the last one's tiles don't balloon
    const fit = Gallery.bestFit(paged ? this.pager.size : n, rect.width - (paged ? 2 * ARROW_SPACE : 0), rect.height);
    this.gallery.style.setProperty('--cols', String(fit.cols));
    this.gallery.style.setProperty('--tile-w', `${Math.floor(fit.w)}px`);
    this.gallery.style.setProperty('--tile-h', `${Math.floor(fit.h)}px`);
  }

  clear() {
    this.activeId = null;
    this.featuredId = null;
    this.pinnedId = null;
    this.spotlightId = null;
    for (const id of [...this.tiles.keys()]) this.remove(id);
    for (const id of [...this.screens.keys()]) this.removeScreen(id);
  }
}
