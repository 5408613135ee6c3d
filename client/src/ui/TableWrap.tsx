import type { JSX } from 'solid-js';

/**
 * The box around a table that may be wider than a phone (it scrolls sideways). A scrolling
 * box must be reachable by keyboard (WCAG 2.1.1; axe's scrollable-region-focusable), so it
 * takes focus and is a named region: a keyboard user tabs to it and scrolls with the arrows.
 */
export function TableWrap(props: { label: string; card?: boolean; children: JSX.Element }) {
  return (
    <section
      class={props.card === false ? 'table-wrap' : 'card table-wrap'}
      aria-label={props.label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1)
      tabIndex={0}
    >
      {props.children}
    </section>
  );
}
