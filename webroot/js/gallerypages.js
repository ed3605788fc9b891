import { el } from './dom.js';
import { t } from './i18n.js';

/** At most this many tiles on one gallery page: 7 × 7, Zoom's and Meet's largest grid. */
export const PAGE_MAX = 49;
/** A page holds fewer tiles when the stage is too small for tiles at least this wide (CSS pixels). */
const MIN_TILE_W = 128;
/** Room kept on each side of a paged gallery for the page arrows. */
export const ARROW_SPACE = 48;

/**
 * Pages of the gallery (issue 17, docs/architecture.md "Large meetings"): up to 7 × 7 tiles on a
 * page, fewer when tiles would get narrower than {@link MIN_TILE_W}; arrows at the stage's edges
 * turn the page. Tiles on other pages are not rendered (`off-page`, display:none), so the quality
 * reports (quality.js) say 0 for their video and the SFU forwards none of it (last-N: only what is
 * on screen crosses the network, each at the layer its tile's size needs).
 */
export class GalleryPager {
  /** @param stage the stage element the arrows and page label go into; @param onTurn called after a page turn */
  constructor(stage, onTurn) {
    this.page = 0;
    this.pages = 1;
    this.prev = el('button', { className: 'gallery-arrow gallery-prev', type: 'button', textContent: '‹', hidden: true });
    this.next = el('button', { className: 'gallery-arrow gallery-next', type: 'button', textContent: '›', hidden: true });
    this.label = el('div', { className: 'gallery-page', hidden: true, attrs: { 'aria-live': 'polite' } });
    this.prev.addEventListener('click', () => this.turn(-1, onTurn));
    this.next.addEventListener('click', () => this.turn(1, onTurn));
    stage.append(this.prev, this.next, this.label);
  }

  turn(delta, onTurn) {
    const page = Math.min(this.pages - 1, Math.max(0, this.page + delta));
    if (page === this.page) return;
    this.page = page;
    onTurn();
  }

  /**
   * How many tiles one page of a `width` × `height` stage holds: the most, up to {@link PAGE_MAX},
   * whose best grid still gives tiles {@link MIN_TILE_W} wide (at least one).
   */
  static pageSize(width, height, bestFit) {
    for (let n = PAGE_MAX; n > 1; n--) {
      if (bestFit(n, width, height).w >= MIN_TILE_W) return n;
    }
    return 1;
  }

  /**
   * Lays `tiles` (in order) out in pages for a `width` × `height` stage: marks the tiles of other
   * pages `off-page` and returns how many the current page shows.
   */
  paginate(tiles, width, height, bestFit) {
    let size = GalleryPager.pageSize(width, height, bestFit);
    if (tiles.length > size) size = GalleryPager.pageSize(width - 2 * ARROW_SPACE, height, bestFit);
    this.size = size;
    this.pages = Math.max(1, Math.ceil(tiles.length / size));
    this.page = Math.min(this.page, this.pages - 1);
    tiles.forEach((tile, i) => tile.classList.toggle('off-page', Math.floor(i / size) !== this.page));
    this.show(this.pages > 1);
    return Math.min(size, tiles.length - this.page * size);
  }

  /** Every tile on screen again (speaker view and screen shares scroll a strip instead). */
  unpaginate(tiles) {
    for (const tile of tiles) tile.classList.remove('off-page');
    this.show(false);
  }

  show(paged) {
    this.prev.hidden = !paged;
    this.next.hidden = !paged;
    this.label.hidden = !paged;
    this.prev.disabled = this.page === 0;
    this.next.disabled = this.page >= this.pages - 1;
    this.prev.setAttribute('aria-label', t('gallery.previous'));
    this.next.setAttribute('aria-label', t('gallery.next'));
    this.prev.title = this.prev.getAttribute('aria-label');
    this.next.title = this.next.getAttribute('aria-label');
    this.label.textContent = t('gallery.page', { page: this.page + 1, pages: this.pages });
  }
}
