import { test } from 'node:test';
import assert from 'node:assert/strict';

/** Just enough of an element for dom.js's el() and the pager. */
function fakeElement() {
  const classes = new Set();
  return {
    attrs: {}, dataset: {}, children: [],
    classList: {
      toggle: (c, on) => { if (on ?? !classes.has(c)) classes.add(c); else classes.delete(c); },
      remove: (c) => classes.delete(c), contains: (c) => classes.has(c),
    },
    setAttribute(a, v) { this.attrs[a] = v; },
    getAttribute(a) { return this.attrs[a]; },
    addEventListener(type, fn) { this.onclick = fn; },
    append(...nodes) { this.children.push(...nodes); },
  };
}
globalThis.document ??= { createElement: fakeElement, getElementById: () => null };

const { GalleryPager, PAGE_MAX } = await import('../../../../webroot/js/gallerypages.js');
const { Gallery } = await import('../../../../webroot/js/gallery.js');

const tiles = (n) => Array.from({ length: n }, (_, i) => Object.assign(fakeElement(), { dataset: { participantId: `p${i}` } }));
const shown = (list) => list.filter((t) => !t.classList.contains('off-page')).map((t) => t.dataset.participantId);

test('a desktop stage holds 7 x 7 tiles a page, a phone far fewer, and never less than one', () => {
  assert.equal(PAGE_MAX, 49);
  assert.equal(GalleryPager.pageSize(1600, 860, Gallery.bestFit), 49);
  assert.ok(GalleryPager.pageSize(360, 560, Gallery.bestFit) < 12);
  assert.equal(GalleryPager.pageSize(100, 50, Gallery.bestFit), 1);
});

test('fifty tiles on a desktop stage: page one shows the first 49, page two the last; turning past the end stays', () => {
  const stage = fakeElement();
  let turns = 0;
  const pager = new GalleryPager(stage, () => { turns++; });
  const list = tiles(50);
  assert.equal(pager.paginate(list, 1600, 860, Gallery.bestFit), 49);
  assert.equal(pager.pages, 2);
  assert.deepEqual(shown(list), list.slice(0, 49).map((t) => t.dataset.participantId));
  assert.equal(pager.prev.disabled, true);
  assert.equal(pager.label.hidden, false);
  pager.next.onclick();
  assert.equal(turns, 1);
  assert.equal(pager.paginate(list, 1600, 860, Gallery.bestFit), 1);
  assert.deepEqual(shown(list), ['p49']);
  pager.next.onclick();
  assert.equal(turns, 1, 'no page after the last');
  pager.unpaginate(list);
  assert.equal(shown(list).length, 50);
  assert.equal(pager.next.hidden, true);
});

test('when tiles leave, the page falls back to the last one there is and the arrows go', () => {
  const pager = new GalleryPager(fakeElement(), () => {});
  const list = tiles(60);
  pager.paginate(list, 1600, 860, Gallery.bestFit);
  pager.turn(1, () => {});
  assert.equal(pager.page, 1);
  const fewer = list.slice(0, 30);
  assert.equal(pager.paginate(fewer, 1600, 860, Gallery.bestFit), 30);
  assert.equal(pager.page, 0);
  assert.equal(pager.prev.hidden, true);
});
