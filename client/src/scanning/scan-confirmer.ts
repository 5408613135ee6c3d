import { z } from 'zod';

/**
 * When a code read by the camera counts as a scan. A single frame can misread (a partial
 * EAN, a glint), so a code is accepted once it is read in `framesToConfirm` frames within
 * `windowMs`. Held in view, the same code is not accepted again until `cooldownMs` has passed,
 * unless `repeat` is on (counting identical items): then it is accepted again each time it
 * comes back after leaving the view for `rearmAfterMs`. Pure: time is passed in.
 */
export const ConfirmerOptions = z.object({
  framesToConfirm: z.number().int().min(1).max(10).default(2),
  windowMs: z.number().min(50).max(10_000).default(1000),
  cooldownMs: z.number().min(0).max(600_000).default(3000),
  repeat: z.boolean().default(false),
  rearmAfterMs: z.number().min(0).max(10_000).default(500),
});
export type ConfirmerOptions = z.infer<typeof ConfirmerOptions>;

interface CodeState {
  hits: number;
  lastSeen: number;
  lastAccepted: number;
  /** Repeat mode: may be accepted again (it has left the view since it was last accepted). */
  armed: boolean;
}

export class ScanConfirmer<T extends { text: string }> {
  readonly options: ConfirmerOptions;
  private readonly states = new Map<string, CodeState>();

  constructor(options: z.input<typeof ConfirmerOptions> = {}) {
    this.options = ConfirmerOptions.parse(options);
  }

  /** Feed the codes read in one frame; returns the ones accepted as scans now. */
  push(codes: readonly T[], now: number): T[] {
    const { framesToConfirm, windowMs, cooldownMs, repeat, rearmAfterMs } = this.options;
    const accepted: T[] = [];
    const inFrame = new Set<string>();
    for (const code of codes) {
      if (inFrame.has(code.text)) continue;
      inFrame.add(code.text);
      const s = this.states.get(code.text) ?? {
        hits: 0,
        lastSeen: Number.NEGATIVE_INFINITY,
        lastAccepted: Number.NEGATIVE_INFINITY,
        armed: true,
      };
      if (now - s.lastSeen > windowMs) s.hits = 0;
      if (now - s.lastSeen >= rearmAfterMs) {
        // Back after leaving the view: a new sighting that needs its own confirmation.
        s.armed = true;
        s.hits = 0;
      }
      s.hits++;
      s.lastSeen = now;
      this.states.set(code.text, s);
      if (s.hits < framesToConfirm) continue;
      const allowed = repeat ? s.armed : now - s.lastAccepted >= cooldownMs;
      if (!allowed) continue;
      s.lastAccepted = now;
      s.armed = false;
      s.hits = 0;
      accepted.push(code);
    }
    this.forgetOld(now);
    return accepted;
  }

  /** Start afresh (e.g. the user moved on to another bin and wants the same code counted again). */
  reset(): void {
    this.states.clear();
  }

  private forgetOld(now: number): void {
    const { windowMs, cooldownMs, rearmAfterMs } = this.options;
    const horizon = Math.max(windowMs, cooldownMs, rearmAfterMs);
    for (const [text, s] of this.states) if (now - s.lastSeen > horizon) this.states.delete(text);
  }
}
