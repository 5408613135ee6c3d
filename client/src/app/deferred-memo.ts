import { type Accessor, createMemo, createSignal } from 'solid-js';
import { afterPaint } from '../ui/after-paint.ts';

/**
 * A memo that does not run when it is created (Solid's memos do), but on its first read or
 * after the next paint, whichever comes first: work no screen needs yet stays out of the way
 * of the first render, and is ready shortly after it. Then it behaves as a plain memo.
 */
export function createDeferredMemo<T>(fn: () => T): Accessor<T> {
  const [wanted, setWanted] = createSignal(false);
  const memo = createMemo(() => (wanted() ? { value: fn() } : undefined));
  afterPaint(() => setWanted(true));
  return () => {
    const current = memo();
    if (current) return current.value;
    setWanted(true); // a screen needs it now: the memo computes on this read
    return memo()?.value ?? fn();
  };
}
