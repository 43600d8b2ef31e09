// The one answer to "is a window open": applications to an event and calls
// for input both open at a moment (or at once, when none is given) and close
// at another. Pages, listings, the home page and the domain functions all ask
// here, so they cannot disagree about an edge (closing is exclusive: at the
// closing instant the window is closed).

export type WindowPhase = 'not-open-yet' | 'open' | 'closed';

export interface TimeWindow {
  /** Undefined: open from the start. */
  opens?: Date;
  closes: Date;
}

export function windowPhase(window: TimeWindow, now: Date): WindowPhase {
  if (window.opens && now < window.opens) return 'not-open-yet';
  if (now >= window.closes) return 'closed';
  return 'open';
}

export function isWindowOpen(window: TimeWindow, now: Date): boolean {
  return windowPhase(window, now) === 'open';
}
