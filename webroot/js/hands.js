/**
 * Raised hands in the order they went up (pure, for the tiles, the people panel and host
 * notifications). `hand_raised_at` is the server's time in ms; equal times fall back to the id so
 * that every page shows the same order.
 */
export function raisedInOrder(participants) {
  return [...participants.entries()].filter(([, p]) => p && p.hand_raised_at)
    .sort((a, b) => a[1].hand_raised_at - b[1].hand_raised_at || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([id]) => id);
}

/** Whether an update raised a hand that was down (a host is told once per raise, not per echo). */
export function handWentUp(before, after) {
  return !!(after && after.hand_raised_at) && !(before && before.hand_raised_at === after.hand_raised_at);
}
