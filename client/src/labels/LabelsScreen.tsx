import { createMemo, createSignal, For, type JSX, onCleanup, Show } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import { filterItems } from '../catalog/item-list.ts';
import { LabelSheetPreview } from './LabelSheetPreview.tsx';
import { LABEL_FORMATS, labelFormat } from './label-formats.ts';
import { renderLabelsPdf } from './label-pdf.ts';
import { buildLabelBatch } from './label-selection.ts';
import { LABEL_SYMBOLOGIES, LABEL_SYMBOLOGY_NAMES, type LabelSymbology } from './symbol-modules.ts';

const SHOWN = 200;
const LOCATION_SYMBOLOGIES: LabelSymbology[] = ['code128', 'qr', 'datamatrix'];

/**
 * Print labels: choose items or locations, the label stock and the barcode, see the sheets,
 * download the PDF (print it at 100 % / "actual size").
 */
export function LabelsScreen(props: { initialKind?: 'items' | 'locations' }): JSX.Element {
  const app = useApp();
  const [kind, setKind] = createSignal<'items' | 'locations'>(props.initialKind ?? 'items');
  const [query, setQuery] = createSignal('');
  const [chosen, setChosen] = createSignal<ReadonlySet<string>>(new Set());
  const [formatId, setFormatId] = createSignal(LABEL_FORMATS[0]!.id);
  const [symbology, setSymbology] = createSignal<LabelSymbology>('code128');
  const [copies, setCopies] = createSignal(1);
  const [skip, setSkip] = createSignal(0);
  const [lot, setLot] = createSignal('');
  const [expiry, setExpiry] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  let lastUrl: string | null = null;
  onCleanup(() => {
    if (lastUrl) URL.revokeObjectURL(lastUrl);
  });

  const format = () => labelFormat(formatId()) ?? LABEL_FORMATS[0]!;
  const locations = createMemo(() => {
    app.catalogTick();
    return [...app.ws.catalog.locations.values()].sort((a, b) => a.code.localeCompare(b.code));
  });
  const matches = createMemo(() => {
    const q = query().trim().toLowerCase();
    if (kind() === 'items')
      return filterItems(app.items(), query(), false).map((i) => ({ key: i.sku, name: i.name }));
    return locations()
      .filter((l) => !q || l.code.toLowerCase().includes(q) || l.name.toLowerCase().includes(q))
      .map((l) => ({ key: l.code, name: l.name }));
  });
  const batch = createMemo(() => {
    const keys = chosen();
    const request = {
      symbology: symbology(),
      copies: copies(),
      ...(lot().trim() ? { lot: lot().trim() } : {}),
      ...(expiry() ? { expiry: expiry() } : {}),
    };
    return kind() === 'items'
      ? buildLabelBatch({ items: app.items().filter((i) => keys.has(i.sku)) }, request, format())
      : buildLabelBatch({ locations: locations().filter((l) => keys.has(l.code)) }, request, format());
  });

  const toggle = (key: string, on: boolean) => {
    const next = new Set(chosen());
    if (on) next.add(key);
    else next.delete(key);
    setChosen(next);
  };
  const switchKind = (k: 'items' | 'locations') => {
    setKind(k);
    setChosen(new Set<string>());
    if (k === 'locations' && !LOCATION_SYMBOLOGIES.includes(symbology())) setSymbology('code128');
  };

  const download = async () => {
    setBusy(true);
    try {
      const bytes = await renderLabelsPdf(batch().labels, format(), { skip: skip() });
      if (lastUrl) URL.revokeObjectURL(lastUrl);
      lastUrl = URL.createObjectURL(
        new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }),
      );
      const a = document.createElement('a');
      a.href = lastUrl;
      a.download = `labels-${kind()}-${format().id}.pdf`;
      a.click();
    } catch (error) {
      app.notify(`Labels not created: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="screen" data-testid="labels-screen">
      <div class="screen-head">
        <h1>Labels</h1>
      </div>
      <fieldset class="segmented" aria-label="Labels for">
        <button type="button" aria-pressed={kind() === 'items'} onClick={() => switchKind('items')}>
          Items
        </button>
        <button type="button" aria-pressed={kind() === 'locations'} onClick={() => switchKind('locations')}>
          Locations
        </button>
      </fieldset>
      <div class="toolbar">
        <input
          type="search"
          class="search"
          placeholder={kind() === 'items' ? 'Search items' : 'Search locations'}
          aria-label="Search"
          dir="auto"
          value={query()}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
        <button
          type="button"
          class="button"
          onClick={() =>
            setChosen(
              new Set([
                ...chosen(),
                ...matches()
                  .slice(0, SHOWN)
                  .map((m) => m.key),
              ]),
            )
          }
        >
          Select shown
        </button>
        <button type="button" class="button" onClick={() => setChosen(new Set<string>())}>
          Clear ({chosen().size})
        </button>
      </div>
      <div class="card" style={{ 'max-height': '16rem', overflow: 'auto' }} data-testid="labels-choices">
        <For each={matches().slice(0, SHOWN)}>
          {(m) => (
            <label class="check">
              <input
                type="checkbox"
                checked={chosen().has(m.key)}
                onChange={(e) => toggle(m.key, e.currentTarget.checked)}
              />
              <bdi>{m.key}</bdi>
              <Show when={m.name}>
                {' · '}
                <bdi>{m.name}</bdi>
              </Show>
            </label>
          )}
        </For>
        <Show when={matches().length > SHOWN}>
          <p class="muted">{matches().length - SHOWN} more: narrow the search.</p>
        </Show>
      </div>
      <div class="card form">
        <label class="field">
          <span class="field-label">Label stock</span>
          <select
            data-testid="labels-format"
            value={formatId()}
            onChange={(e) => setFormatId(e.currentTarget.value)}
          >
            <For each={LABEL_FORMATS}>{(f) => <option value={f.id}>{f.name}</option>}</For>
          </select>
        </label>
        <label class="field">
          <span class="field-label">Barcode</span>
          <select
            data-testid="labels-symbology"
            value={symbology()}
            onChange={(e) => setSymbology(e.currentTarget.value as LabelSymbology)}
          >
            <For each={kind() === 'items' ? [...LABEL_SYMBOLOGIES] : LOCATION_SYMBOLOGIES}>
              {(s) => <option value={s}>{LABEL_SYMBOLOGY_NAMES[s]}</option>}
            </For>
          </select>
        </label>
        <Show when={kind() === 'items' && symbology().startsWith('gs1')}>
          <label class="field">
            <span class="field-label">Lot (optional)</span>
            <input dir="auto" value={lot()} onInput={(e) => setLot(e.currentTarget.value)} />
          </label>
          <label class="field">
            <span class="field-label">Expiry (optional)</span>
            <input type="date" value={expiry()} onInput={(e) => setExpiry(e.currentTarget.value)} />
          </label>
        </Show>
        <label class="field">
          <span class="field-label">Copies of each</span>
          <input
            type="number"
            min="1"
            max="500"
            value={copies()}
            onChange={(e) => setCopies(Math.max(1, Number(e.currentTarget.value) || 1))}
          />
        </label>
        <Show when={format().columns * format().rows > 1}>
          <label class="field">
            <span class="field-label">Skip used labels on the first sheet</span>
            <input
              type="number"
              min="0"
              max={format().columns * format().rows - 1}
              value={skip()}
              onChange={(e) => setSkip(Math.max(0, Number(e.currentTarget.value) || 0))}
            />
          </label>
        </Show>
      </div>
      <Show when={batch().problems.length}>
        <ul class="notice" data-testid="labels-problems">
          <For each={batch().problems}>{(p) => <li>{p.message}</li>}</For>
        </ul>
      </Show>
      <div class="toolbar">
        <button
          type="button"
          class="button primary"
          data-testid="labels-download"
          disabled={busy() || batch().labels.length === 0}
          onClick={() => void download()}
        >
          {busy() ? 'Creating PDF…' : `Download PDF (${batch().labels.length} labels)`}
        </button>
        <span class="muted">Print at 100 % (“actual size”), not “fit to page”.</span>
      </div>
      <LabelSheetPreview labels={batch().labels} format={format()} skip={skip()} />
    </section>
  );
}
