import { z } from 'zod';

/**
 * Batch scanning ("many codes per frame"): the camera reads every code in view, frame after
 * frame, and each distinct code must be counted exactly once per batch however long it stays in
 * view, however often it leaves and comes back. Pure: codes and time are passed in, nothing
 * about cameras or pixels, so it runs (and is tested) anywhere.
 *
 * A code is identified by its text (as ScanConfirmer does): one label carrying the same data
 * twice (a QR and a Code 128 of one SKU) is one code. Identical labels on identical boxes are
 * therefore one code too — counting many boxes of one item is the keypad's job (a quantity),
 * not the batch's; the batch counts many different codes at once.
 *
 * Like a single scan, a code counts once read in `framesToConfirm` frames within `windowMs`
 * (one frame can misread a damaged EAN). A counted code that leaves the view for `lostAfterMs`
 * and comes back is reported once as `again` ("already counted in this batch"), not counted.
 * A code the user excludes is never counted (and, if it was, the caller undoes its count).
 */
export const BatchTrackerOptions = z.object({
  framesToConfirm: z.number().int().min(1).max(10).default(2),
  windowMs: z.number().min(50).max(10_000).default(1000),
  lostAfterMs: z.number().min(0).max(60_000).default(800),
  /** How long a code stays in `visible()` after its last sighting (the overlay's marker). */
  showForMs: z.number().min(0).max(10_000).default(600),
  /** Distinct codes one batch may hold; further new codes are reported `full`, never counted. */
  maxCodes: z.number().int().min(1).max(100_000).default(2000),
});
export type BatchTrackerOptions = z.infer<typeof BatchTrackerOptions>;

export type BatchCodeState = 'pending' | 'counted' | 'excluded';

export interface TrackedCode<T> {
  /** The code's identity in the batch (its text). */
  key: string;
  /** The latest sighting (its position moves with the camera). */
  code: T;
  state: BatchCodeState;
  /** What the caller made of the count (e.g. counted, unknown, refused), for the overlay. */
  outcome?: string;
  lastSeen: number;
  /** Read in the latest frame pushed. */
  inView: boolean;
}

export type BatchEvent<T> =
  /** Confirmed for the first time in this batch: count it now. */
  | { kind: 'count'; key: string; code: T }
  /** A counted code back in view after leaving it: already counted in this batch. */
  | { kind: 'again'; key: string; code: T }
  /** A new code while the batch already holds maxCodes: not counted. */
  | { kind: 'full'; key: string; code: T };

interface Track<T> extends TrackedCode<T> {
  hits: number;
  firstHit: number;
  /** Left the view (unseen for lostAfterMs) since it was last reported. */
  away: boolean;
}

export class BatchTracker<T extends { text: string }> {
  readonly options: BatchTrackerOptions;
  private readonly tracks = new Map<string, Track<T>>();
  private now = Number.NEGATIVE_INFINITY;

  constructor(options: z.input<typeof BatchTrackerOptions> = {}) {
    this.options = BatchTrackerOptions.parse(options);
  }

  /** Feed the codes read in one frame (at time `now`); returns what happened in it. */
  push(codes: readonly T[], now: number): BatchEvent<T>[] {
    const { framesToConfirm, windowMs, lostAfterMs, maxCodes } = this.options;
    this.now = now;
    const events: BatchEvent<T>[] = [];
    const inFrame = new Set<string>();
    for (const track of this.tracks.values()) {
      if (now - track.lastSeen >= lostAfterMs) track.away = true;
    }
    for (const code of codes) {
      const key = code.text;
      if (inFrame.has(key)) continue; // the same data twice in one frame is one code
      inFrame.add(key);
      let track = this.tracks.get(key);
      if (!track) {
        if (this.tracks.size >= maxCodes) {
          events.push({ kind: 'full', key, code });
          continue;
        }
        track = {
          key,
          code,
          state: 'pending',
          lastSeen: now,
          inView: true,
          hits: 0,
          firstHit: now,
          away: false,
        };
        this.tracks.set(key, track);
      }
      track.code = code;
      if (track.state === 'pending') {
        if (now - track.firstHit > windowMs || track.hits === 0) {
          track.hits = 0;
          track.firstHit = now;
        }
        track.hits++;
        if (track.hits >= framesToConfirm) {
          track.state = 'counted';
          events.push({ kind: 'count', key, code });
        }
      } else if (track.state === 'counted' && track.away) {
        events.push({ kind: 'again', key, code });
      }
      track.away = false;
      track.lastSeen = now;
    }
    for (const track of this.tracks.values()) track.inView = inFrame.has(track.key);
    return events;
  }

  /** Codes to draw: read in the last `showForMs`, with their state. */
  visible(): TrackedCode<T>[] {
    return [...this.tracks.values()]
      .filter((t) => this.now - t.lastSeen <= this.options.showForMs)
      .map((t) => this.view(t));
  }

  /** Every code counted in this batch (excluded ones are not), in the order first seen. */
  counted(): TrackedCode<T>[] {
    return [...this.tracks.values()].filter((t) => t.state === 'counted').map((t) => this.view(t));
  }

  get(key: string): TrackedCode<T> | undefined {
    const t = this.tracks.get(key);
    return t ? this.view(t) : undefined;
  }

  /** Records what the caller made of a counted code (shown on its marker). */
  setOutcome(key: string, outcome: string): void {
    const t = this.tracks.get(key);
    if (t) t.outcome = outcome;
  }

  /**
   * The user tapped a code to leave it out: it is never counted in this batch. Returns the state
   * it had, so the caller undoes the count of one that was already `counted`.
   */
  exclude(key: string): BatchCodeState | undefined {
    const t = this.tracks.get(key);
    if (!t) return undefined;
    const was = t.state;
    t.state = 'excluded';
    delete t.outcome;
    return was;
  }

  /** Tapped again: counts like a new code (confirmed on its next sightings). */
  include(key: string): void {
    const t = this.tracks.get(key);
    if (t?.state !== 'excluded') return;
    t.state = 'pending';
    t.hits = 0;
  }

  /** A new batch: every code may be counted again. */
  reset(): void {
    this.tracks.clear();
  }

  private view(t: Track<T>): TrackedCode<T> {
    const out: TrackedCode<T> = {
      key: t.key,
      code: t.code,
      state: t.state,
      lastSeen: t.lastSeen,
      inView: t.inView,
    };
    if (t.outcome !== undefined) out.outcome = t.outcome;
    return out;
  }
}
