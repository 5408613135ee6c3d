import { type Accessor, createSignal } from 'solid-js';

/**
 * A signal that changes at most once per animation frame however often `bump` is called:
 * a burst of remote scans re-renders once, not once per scan.
 */
export function createTicker(): [Accessor<number>, () => void] {
  const [tick, setTick] = createSignal(0);
  let queued = false;
  const bump = () => {
    if (queued) return;
    queued = true;
    const run = () => {
      queued = false;
      setTick((n) => n + 1);
    };
    if (typeof requestAnimationFrame === 'function' && document.visibilityState === 'visible')
      requestAnimationFrame(run);
    else setTimeout(run, 16);
  };
  return [tick, bump];
}
