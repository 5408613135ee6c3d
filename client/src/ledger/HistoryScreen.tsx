import { MovementType } from '@stockroom/shared/ledger/movement';
import { createMemo, Show } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import { EMPTY_HISTORY_FILTER, type HistoryFilter } from '../routing/route.ts';
import { downloadText } from '../ui/download.ts';
import { SelectField, TextField } from '../ui/Field.tsx';
import { countOf, formatQuantity, formatTime } from '../ui/format.ts';
import { VirtualList } from '../ui/VirtualList.tsx';
import { filterMovements, historyPeriods, movementsCsv, signedQuantity } from './history-filter.ts';
import { useLedgerPeriods } from './use-ledger-periods.ts';

const ROW_HEIGHT = 68;
const TYPE_LABEL = { receive: 'Receive', issue: 'Issue', transfer: 'Transfer', adjust: 'Adjust' } as const;

/** Movements of any period or date range (default: this month), newest first, filters kept in the URL. */
export function HistoryScreen() {
  const app = useApp();
  const filter = (): HistoryFilter => {
    const r = app.route();
    return r.name === 'history' ? r.filter : EMPTY_HISTORY_FILTER;
  };
  const setFilter = (patch: Partial<HistoryFilter>) =>
    app.replaceRoute({ name: 'history', filter: { ...filter(), ...patch } });

  const periods = createMemo(() => historyPeriods(filter(), app.ws.ledger.period));
  const all = useLedgerPeriods(app, periods);
  const movements = createMemo(() => filterMovements(all(), filter()));
  const total = createMemo(() => all().length);
  const savedState = (id: string) => {
    app.syncTick();
    return app.ws.ledgerRoom.entrySaved(app.ws.ledger.movements.map, id) ?? 'server';
  };
  const rangeLabel = () => {
    const { from, to } = filter();
    if (!from && !to) return `Movements in ${app.ws.ledger.period}`;
    if (from && from === to) return `Movements on ${from}`;
    return `Movements ${from ? `from ${from}` : ''}${from && to ? ' ' : ''}${to ? `to ${to}` : ''}`;
  };
  const exportCsv = () => {
    const f = filter();
    const name = `movements-${f.from || f.to ? `${f.from || 'start'}-to-${f.to || 'now'}` : app.ws.ledger.period}.csv`;
    downloadText(name, movementsCsv(movements(), unitOf));
  };
  const unitOf = (sku: string) => {
    app.catalogTick();
    return app.ws.catalog.items.get(sku)?.unit ?? '';
  };
  const filtered = () => Object.values(filter()).some(Boolean);

  return (
    <section class="screen" data-testid="history-screen">
      <div class="screen-head">
        <h1>History</h1>
        <span class="muted" data-testid="history-range">
          {rangeLabel()}
        </span>
      </div>
      <div class="filters grid">
        <SelectField
          label="Type"
          testId="history-filter-type"
          value={filter().type}
          onValue={(v) => setFilter({ type: v as HistoryFilter['type'] })}
          options={[
            { value: '', label: 'All types' },
            ...MovementType.options.map((t) => ({ value: t, label: TYPE_LABEL[t] })),
          ]}
        />
        <TextField
          label="SKU"
          testId="history-filter-sku"
          type="search"
          value={filter().sku}
          onValue={(v) => setFilter({ sku: v })}
        />
        <TextField
          label="Location"
          testId="history-filter-location"
          type="search"
          value={filter().location}
          onValue={(v) => setFilter({ location: v })}
        />
        <TextField
          label="From"
          testId="history-filter-from"
          type="date"
          value={filter().from}
          onValue={(v) => setFilter({ from: v })}
        />
        <TextField
          label="To"
          testId="history-filter-to"
          type="date"
          value={filter().to}
          onValue={(v) => setFilter({ to: v })}
        />
      </div>
      <div class="toolbar">
        <span class="muted" data-testid="history-count" data-count={movements().length}>
          {filtered()
            ? `${formatQuantity(movements().length)} of ${countOf(total(), 'movement', 'movements')}`
            : countOf(total(), 'movement', 'movements')}
        </span>
        <button
          type="button"
          class="button small"
          data-testid="history-export"
          disabled={movements().length === 0}
          onClick={exportCsv}
        >
          Export CSV
        </button>
        <Show when={filtered()}>
          <button
            type="button"
            class="button small"
            data-testid="history-clear"
            onClick={() => setFilter(EMPTY_HISTORY_FILTER)}
          >
            Clear filters
          </button>
        </Show>
      </div>
      <Show
        when={movements().length > 0}
        fallback={
          <div class="empty" data-testid="history-empty">
            <Show
              when={filtered()}
              fallback={
                <>
                  <h2>No movements in this period yet</h2>
                  <p>Receipts, issues, transfers and adjustments appear here.</p>
                </>
              }
            >
              <h2>No movement matches these filters</h2>
            </Show>
          </div>
        }
      >
        <VirtualList
          items={movements()}
          rowHeight={ROW_HEIGHT}
          testId="history-list"
          label="Movements"
          class="fill"
        >
          {(m) => (
            <div
              class="row history-row"
              data-testid="history-row"
              data-id={m.id}
              data-type={m.type}
              data-sku={m.sku}
            >
              <span class="row-main">
                <span class="row-title">
                  <span class={`badge type-${m.type}`}>{TYPE_LABEL[m.type]}</span>
                  <strong dir="auto">{m.sku}</strong>{' '}
                  <span class="muted">
                    <bdi>{m.location}</bdi>
                    <Show when={m.type === 'transfer' ? m.toLocation : undefined}>
                      {(to) => (
                        <>
                          {' → '}
                          <bdi>{to()}</bdi>
                        </>
                      )}
                    </Show>
                    <Show when={m.lot}>
                      {(lot) => (
                        <>
                          {' · lot '}
                          <bdi>{lot()}</bdi>
                        </>
                      )}
                    </Show>
                  </span>
                </span>
                <span class="row-sub muted">
                  {formatTime(m.at)} · <bdi>{m.user}</bdi>
                  <Show when={m.reason}>
                    {(reason) => (
                      <>
                        {' · '}
                        <bdi>{reason()}</bdi>
                      </>
                    )}
                  </Show>
                  <Show when={m.reference}>
                    {(reference) => (
                      <>
                        {' · ref '}
                        <bdi>{reference()}</bdi>
                      </>
                    )}
                  </Show>
                </span>
              </span>
              <span class="row-end">
                <span class="qty" data-testid="history-qty" classList={{ negative: signedQuantity(m) < 0 }}>
                  {m.type === 'transfer' ? '' : signedQuantity(m) > 0 ? '+' : '−'}
                  {formatQuantity(Math.abs(signedQuantity(m)))}
                </span>{' '}
                <bdi class="muted">{unitOf(m.sku)}</bdi>
                <span class="saved-badge" data-testid="history-saved" data-state={savedState(m.id)}>
                  {savedState(m.id) === 'server' ? 'on server' : 'on this device'}
                </span>
              </span>
            </div>
          )}
        </VirtualList>
      </Show>
    </section>
  );
}
