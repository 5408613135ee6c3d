import type { Asset } from '@stockroom/shared/maintenance/asset';
import type { Priority } from '@stockroom/shared/maintenance/work-order';
import type { WorkOrdersRoom } from '@stockroom/shared/maintenance/work-orders-room';
import { createSignal, Index, Show } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import type { OpenRoom } from '../stocktake/use-room.ts';
import { focusOnMount, SelectField, TextField } from '../ui/Field.tsx';
import { type FormErrors, fieldsToErrors, type PartRow, parsePartRows } from './work-order-form.ts';
import { PRIORITIES, PRIORITY_LABEL } from './work-order-list.ts';

/** A planner's new work order: asset, title, priority, due day and planned parts. */
export function WorkOrderForm(props: {
  assets: Asset[];
  room: OpenRoom<WorkOrdersRoom>;
  onCancel: () => void;
  onCreated: (id: string) => void;
}) {
  const app = useApp();
  const [asset, setAsset] = createSignal('');
  const [title, setTitle] = createSignal('');
  const [priority, setPriority] = createSignal<Priority>('medium');
  const [due, setDue] = createSignal('');
  const [parts, setParts] = createSignal<PartRow[]>([]);
  const [errors, setErrors] = createSignal<FormErrors>({});

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const r = props.room.model();
    if (!r) return;
    const planned = parsePartRows(parts(), (sku) => app.ws.catalog.items.get(sku) !== undefined);
    if (!asset()) return setErrors({ asset: 'choose the asset', ...planned.errors });
    if (!planned.ok) return setErrors(planned.errors);
    const result = r.create(
      {
        asset: asset(),
        title: title(),
        priority: priority(),
        ...(due() ? { due: due() } : {}),
        parts: planned.parts,
      },
      { actor: app.actor(), assetExists: (code) => props.assets.some((a) => a.code === code) },
    );
    if (!result.ok) return setErrors(fieldsToErrors(result.fields));
    app.notify(`Work order “${result.value.title}” created`);
    props.onCreated(result.value.id);
  };

  return (
    <form class="card wo-form" data-testid="wo-form" onSubmit={submit}>
      <h3>New work order</h3>
      <div class="grid">
        <SelectField
          label="Asset"
          testId="wo-form-asset"
          value={asset()}
          onValue={setAsset}
          error={errors().asset}
          options={[
            { value: '', label: props.assets.length ? 'Choose…' : 'No assets yet' },
            ...props.assets.map((a) => ({ value: a.code, label: `${a.code} — ${a.name}` })),
          ]}
        />
        <TextField
          label="Title"
          testId="wo-form-title"
          value={title()}
          onValue={setTitle}
          error={errors().title}
          ref={focusOnMount}
          maxLength={200}
        />
        <SelectField
          label="Priority"
          testId="wo-form-priority"
          value={priority()}
          onValue={(v) => setPriority(v as Priority)}
          options={PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABEL[p] }))}
        />
        <TextField
          label="Due"
          testId="wo-form-due"
          type="date"
          value={due()}
          onValue={setDue}
          error={errors().due}
        />
      </div>
      <h4>Planned parts</h4>
      <Index each={parts()}>
        {(row, i) => (
          <div class="grid wo-form-part">
            <TextField
              label="SKU"
              testId={`wo-form-part-${i}-sku`}
              value={row().sku}
              onValue={(v) => setParts((p) => p.map((x, j) => (j === i ? { ...x, sku: v } : x)))}
              error={errors()[`parts.${i}.sku`]}
            />
            <TextField
              label="Quantity"
              testId={`wo-form-part-${i}-quantity`}
              type="number"
              step="any"
              value={row().quantity}
              onValue={(v) => setParts((p) => p.map((x, j) => (j === i ? { ...x, quantity: v } : x)))}
              error={errors()[`parts.${i}.quantity`]}
            />
            <button
              type="button"
              class="button ghost small"
              onClick={() => setParts((p) => p.filter((_, j) => j !== i))}
            >
              Remove
            </button>
          </div>
        )}
      </Index>
      <Show when={errors().form}>
        <p class="form-error" role="alert" data-testid="wo-form-error">
          {errors().form}
        </p>
      </Show>
      <div class="actions">
        <button
          type="button"
          class="button"
          data-testid="wo-form-add-part"
          onClick={() => setParts((p) => [...p, { sku: '', quantity: '' }])}
        >
          Add a part
        </button>
        <button type="submit" class="button primary" data-testid="wo-form-save">
          Create work order
        </button>
        <button type="button" class="button ghost" data-testid="wo-form-cancel" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
