import { createMemo, createSignal, For, type JSX, onCleanup, onMount } from 'solid-js';
import { visibleRange } from './visible-range.ts';

export interface VirtualListProps<T> {
  items: readonly T[];
  /** Every row has this height in CSS pixels; that is what makes 50,000 rows cheap. */
  rowHeight: number;
  children: (item: T, index: () => number) => JSX.Element;
  testId: string;
  label: string;
  class?: string;
}

/**
 * A scrolling list that renders only the rows in view (plus a few above and below).
 * The inner box has the full height so the scroll bar behaves as if every row were there.
 */
export function VirtualList<T>(props: VirtualListProps<T>) {
  let viewport!: HTMLElement;
  const [scrollTop, setScrollTop] = createSignal(0);
  const [height, setHeight] = createSignal(800);

  onMount(() => {
    setHeight(viewport.clientHeight || 800);
    const observer = new ResizeObserver(() => setHeight(viewport.clientHeight));
    observer.observe(viewport);
    onCleanup(() => observer.disconnect());
  });

  const range = createMemo(() => visibleRange(scrollTop(), height(), props.rowHeight, props.items.length));
  const visible = createMemo(() => {
    const { start, end } = range();
    return props.items.slice(start, end);
  });

  // A named section is a region landmark. The rows may hold nothing focusable (history), so
  // the list itself takes focus and the keyboard scrolls it (arrows, Page Up/Down).
  return (
    <section
      ref={viewport}
      class={`vlist ${props.class ?? ''}`}
      data-testid={props.testId}
      data-count={props.items.length}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1)
      tabIndex={0}
      aria-label={props.label}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <ul
        class="vlist-inner"
        aria-label={props.label}
        style={{ height: `${props.items.length * props.rowHeight}px` }}
      >
        <For each={visible()}>
          {(item, i) => {
            const index = () => range().start + i();
            return (
              <li
                class="vrow"
                style={{
                  transform: `translateY(${index() * props.rowHeight}px)`,
                  height: `${props.rowHeight}px`,
                }}
              >
                {props.children(item, index)}
              </li>
            );
          }}
        </For>
      </ul>
    </section>
  );
}
