/**
 * When to tell the user to move closer: a symbol keeps being found but not decoded (the
 * decoder located bars but the checksum failed, typical of bars ~1.3 px wide) and nothing is
 * read. One such frame is not enough: a passing glint or half a code in view does the same.
 * Pure: fed one frame at a time.
 */
export class CloserHint {
  private recent: boolean[] = [];

  constructor(
    private readonly window = 6,
    private readonly needed = 3,
  ) {}

  /** Feed one frame; returns whether the hint should be shown now. */
  push(frame: { codes: readonly unknown[]; unreadable: number }): boolean {
    if (frame.codes.length) {
      this.recent = [];
      return false;
    }
    this.recent.push(frame.unreadable > 0);
    if (this.recent.length > this.window) this.recent.shift();
    return this.recent.filter(Boolean).length >= this.needed;
  }
}
