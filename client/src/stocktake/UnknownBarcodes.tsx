import type { StocktakeRoom } from '@stockroom/shared/stocktake/stocktake-room';
import type { UnknownBarcode } from '@stockroom/shared/stocktake/summary';
import { createSignal, For, Show } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import { formatQuantity } from '../ui/format.ts';

/** Codes counters scanned that no item answers to: the manager says which item each one is. */
export function UnknownBarcodes(props: {
  unknown: UnknownBarcode[];
  room: StocktakeRoom;
  manager: boolean;
  onChanged: () => void;
}) {
  const app = useApp();
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
                    </form>
                  </Show>
                </li>
              );
            }}
          </For>
        </ul>
      </Show>
    </div>
  );
}
