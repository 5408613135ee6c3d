export interface VisibleRange {
  start: number;
  /** Exclusive. */
  end: number;
}

/**
 * Which rows of a fixed-row-height list intersect the viewport, plus `overscan` rows on each
 * side so that fast scrolling does not show blank space for a frame.
 */
export function visibleRange(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  count: number,
  overscan = 6,
): VisibleRange {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const top = Math.max(0, scrollTop);
  const first = Math.min(count - 1, Math.floor(top / rowHeight));
  const last = Math.min(count - 1, Math.floor((top + Math.max(0, viewportHeight)) / rowHeight));
  return { start: Math.max(0, first - overscan), end: Math.min(count, last + 1 + overscan) };
}
