import type { StocktakeRoom } from '@stockroom/shared/stocktake/stocktake-room';
import type { UnknownBarcode } from '@stockroom/shared/stocktake/summary';
import { createSignal, For, Show } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import { NewItemPanel } from '../catalog/ItemEditScreen.tsx';
import { itemFormFromBarcode } from '../catalog/item-prefill.ts';
import { formatQuantity } from '../ui/format.ts';

/**
 * Codes counters scanned that no item answers to: the manager says which item each one is,
 * or creates the item (the form pre-filled from the code) and the code then counts as it.
 */
export function UnknownBarcodes(props: {
  unknown: UnknownBarcode[];
  room: StocktakeRoom;
  manager: boolean;
  onChanged: () => void;
}) {
  const app = useApp();
  /**
   * The code whose "Create item" form is open (one at a time). A copy, kept apart from the
   * rows: the summary hands new row objects on every change, which must not reset the form.
   */
  const [creating, setCreating] = createSignal<UnknownBarcode | null>(null);
  const isOpen = (u: UnknownBarcode) =>
    creating()?.barcode === u.barcode && creating()?.location === u.location;
  const created = (u: UnknownBarcode, sku: string) => {
    setCreating(null);
    // Counts at every location recorded under this code now count as the new item.
    const result = props.room.resolveBarcode(u.barcode, sku, { actor: app.actor(), catalog: app.ws.catalog });
    app.notify(
      result.ok
        ? `Item ${sku} created: ${u.barcode} now counts as ${sku}`
        : `Item ${sku} created, but ${u.barcode} could not be assigned to it: ${result.message}`,
    );
    props.onChanged();
  };
  return (
    <div class="card" data-testid="stocktake-unknown">
      <h2>Unknown barcodes</h2>
      <Show when={props.unknown.length > 0} fallback={<p class="muted">None: every scan matched an item.</p>}>
        <datalist id="stocktake-item-skus">
          <For each={app.items()}>{(i) => <option value={i.sku}>{i.name}</option>}</For>
        </datalist>
        <ul class="plain">
          <For each={props.unknown}>
            {(u) => {
              const [sku, setSku] = createSignal('');
              const resolve = (e: Event) => {
                e.preventDefault();
                const code = sku().trim();
                const target = app.ws.catalog.skuForCode(code) ?? code;
                const result = props.room.resolveBarcode(u.barcode, target, {
                  actor: app.actor(),
                  catalog: app.ws.catalog,
                });
                app.notify(result.ok ? `${u.barcode} now counts as ${target}` : result.message);
                props.onChanged();
              };
              return (
                <li
                  class="unknown-row"
                  data-testid="stocktake-unknown-row"
                  data-barcode={u.barcode}
                  data-location={u.location}
                  data-quantity={u.quantity}
                >
                  <span>
                    <strong>{u.barcode}</strong> at {u.location}: {formatQuantity(u.quantity)}
                    {u.lot ? ` (lot ${u.lot})` : ''} <span class="muted">by {u.counters.join(', ')}</span>
                  </span>
                  <Show when={props.manager}>
                    <form class="inline-form" onSubmit={resolve}>
                      <input
                        list="stocktake-item-skus"
                        placeholder="Item SKU"
                        aria-label={`Item for ${u.barcode}`}
                        data-testid="stocktake-unknown-sku"
                        value={sku()}
                        onInput={(e) => setSku(e.currentTarget.value)}
                      />
                      <button type="submit" class="button small" data-testid="stocktake-unknown-resolve">
                        Assign
                      </button>
                      <Show when={app.canEditCatalog()}>
                        <button
                          type="button"
                          class="button small"
                          data-testid="stocktake-unknown-create"
                          aria-expanded={isOpen(u)}
                          onClick={() => setCreating(isOpen(u) ? null : { ...u })}
                        >
                          Create item
                        </button>
                      </Show>
                    </form>
                  </Show>
                </li>
              );
            }}
          </For>
        </ul>
      </Show>
      {/* Keyed: another row's "Create item" opens a fresh form; a summary update does not. */}
      <Show when={creating()} keyed>
        {(u) => (
          <NewUnknownItem
            unknown={u}
            onCreated={(sku) => created(u, sku)}
            onCancel={() => setCreating(null)}
          />
        )}
      </Show>
    </div>
  );
}

function NewUnknownItem(props: {
  unknown: UnknownBarcode;
  onCreated: (sku: string) => void;
  onCancel: () => void;
}) {
  const prefill = itemFormFromBarcode(props.unknown.barcode, { lot: props.unknown.lot });
  return (
    <div class="unknown-create" data-testid="stocktake-unknown-new" data-barcode={props.unknown.barcode}>
      <NewItemPanel
        title={`New item for ${props.unknown.barcode}`}
        initial={prefill.values}
        note={prefill.notes}
        onCreated={props.onCreated}
        onCancel={props.onCancel}
      />
    </div>
  );
}
