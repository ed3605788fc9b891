// Where an element sits for the user: {visible, inside (the viewport), hit (a tap on its centre reaches it), w, h}.
const e = typeof arguments[0] === 'string' ? document.querySelector(arguments[0]) : arguments[0];
if (!e) return { visible: false, inside: false, hit: false, w: 0, h: 0 };
const r = e.getBoundingClientRect();
const visible = e.getClientRects().length > 0 && r.width > 0 && r.height > 0;
const inside = visible && r.left >= 0 && r.top >= 0 && r.right <= window.innerWidth + 0.5 && r.bottom <= window.innerHeight + 0.5;
const at = visible ? document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) : null;
return { visible, inside, hit: !!at && (at === e || e.contains(at)), w: Math.round(r.width), h: Math.round(r.height) };
