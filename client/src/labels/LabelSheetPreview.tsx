import { createMemo, For, type JSX, Show } from 'solid-js';
import type { LabelSpec } from './label-content.ts';
import type { LabelFormat } from './label-formats.ts';
import { layoutLabelContent, layoutLabels, symbolRectangles } from './layout.ts';
import { type SymbolModules, symbolModules } from './symbol-modules.ts';
import '../scanning/scanning.css';

interface PreviewProps {
  labels: readonly LabelSpec[];
  format: LabelFormat;
  skip?: number;
  /** Only the first pages are drawn (a preview of 3,000 labels is no preview). */
  maxPages?: number;
}

/**
 * The sheets as they will print: drawn from the same layout as the PDF, in millimetres, with
 * each label's outline dashed (the outline is not printed).
 */
export function LabelSheetPreview(props: PreviewProps): JSX.Element {
  const pages = createMemo(() => layoutLabels(props.format, props.labels.length, { skip: props.skip ?? 0 }));
  const modules = createMemo(() => {
    const cache = new Map<string, SymbolModules | Error>();
    for (const spec of props.labels) {
      const key = `${spec.symbology}\u0000${spec.data}`;
      if (cache.has(key)) continue;
      try {
        cache.set(key, symbolModules(spec.symbology, spec.data));
      } catch (error) {
        cache.set(key, error instanceof Error ? error : new Error(String(error)));
      }
    }
    return cache;
  });
  return (
    <div class="label-preview" data-testid="label-preview">
      <For each={pages().slice(0, props.maxPages ?? 2)}>
        {(page) => (
          <svg
            class="label-page"
            viewBox={`0 0 ${props.format.page.width} ${props.format.page.height}`}
            style={{ width: `${Math.min(props.format.page.width * 1.6, 360)}px` }}
            role="img"
            aria-label="Label sheet preview"
          >
            <rect width={props.format.page.width} height={props.format.page.height} fill="#fff" />
            <For each={page.slots}>
              {(slot) => {
                const spec = props.labels[slot.label]!;
                const m = modules().get(`${spec.symbology}\u0000${spec.data}`);
                return (
                  <g transform={`translate(${slot.x} ${slot.y})`} data-testid="label-slot">
                    <rect
                      width={slot.width}
                      height={slot.height}
                      fill="none"
                      stroke="#bbb"
                      stroke-width="0.2"
                      stroke-dasharray="1 1"
                    />
                    <Show
                      when={m && !(m instanceof Error) ? m : undefined}
                      fallback={
                        <text x="1" y="4" font-size="2.5" fill="#b91c1c">
                          {m instanceof Error ? m.message.slice(0, 60) : ''}
                        </text>
                      }
                    >
                      {(mod) => {
                        const content = layoutLabelContent(slot, spec, mod(), props.format.dotMm);
                        return (
                          <>
                            <For each={symbolRectangles(mod(), content.symbol)}>
                              {(r) => <rect x={r.x} y={r.y} width={r.width} height={r.height} fill="#000" />}
                            </For>
                            <For each={content.texts}>
                              {(t) => (
                                <text
                                  x={t.x}
                                  y={t.y}
                                  font-size={String(t.size)}
                                  font-family="Helvetica, Arial, sans-serif"
                                  font-weight={t.bold ? 'bold' : 'normal'}
                                >
                                  {t.text}
                                </text>
                              )}
                            </For>
                            <Show when={content.tooDense}>
                              <rect
                                width={slot.width}
                                height={slot.height}
                                fill="none"
                                stroke="#dc2626"
                                stroke-width="0.6"
                              />
                            </Show>
                          </>
                        );
                      }}
                    </Show>
                  </g>
                );
              }}
            </For>
          </svg>
        )}
      </For>
      <Show when={pages().length > (props.maxPages ?? 2)}>
        <p class="muted">…and {pages().length - (props.maxPages ?? 2)} more pages.</p>
      </Show>
    </div>
  );
}
