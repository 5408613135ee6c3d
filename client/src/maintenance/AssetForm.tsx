import type { Asset } from '@stockroom/shared/maintenance/asset';
import type { MaintenanceRoom } from '@stockroom/shared/maintenance/maintenance-room';
import { createSignal, Show } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import { focusOnMount, SelectField, TextAreaField, TextField } from '../ui/Field.tsx';
import { type AssetDraft, assetInput, parseSpares, sparesText } from './asset-view.ts';
import { type FormErrors, fieldsToErrors } from './work-order-form.ts';
import { CRITICALITIES, CRITICALITY_LABEL } from './work-order-list.ts';

/** Creates an asset (no `asset` given) or edits one; planners only. */
export function AssetForm(props: {
  room: MaintenanceRoom;
  asset?: Asset;
  parent?: string;
  onDone: (code: string) => void;
  onCancel: () => void;
}) {
  const app = useApp();
  const a = props.asset;
  const [draft, setDraft] = createSignal<AssetDraft>({
    code: a?.code ?? '',
    name: a?.name ?? '',
    parent: a?.parent ?? props.parent ?? '',
    location: a?.location ?? '',
    criticality: a?.criticality ?? 'medium',
    barcode: a?.barcode ?? '',
    spares: a ? sparesText(a) : '',
  });
  const [errors, setErrors] = createSignal<FormErrors>({});
  const set = (k: keyof AssetDraft) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));
  const catalog = app.ws.catalog;

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const d = draft();
    const { spares, bad } = parseSpares(d.spares);
    const problems: FormErrors = {};
    if (bad.length) problems.spares = `line ${bad.join(', ')}: write the SKU, a space and the quantity`;
    spares.forEach((s) => {
      if (!catalog.items.get(s.sku)) problems.spares ??= `no item with SKU ${s.sku}`;
    });
    if (d.location.trim() && !catalog.locations.get(d.location.trim()))
      problems.location = `no location ${d.location.trim()}`;
    if (Object.keys(problems).length) return setErrors(problems);
    const input = assetInput(d, spares);
    const result = a
      ? props.room.patchAsset(a.code, Object.fromEntries(Object.entries(input).filter(([k]) => k !== 'code')))
      : props.room.createAsset(input, app.actor());
    if (!result.ok) {
      const errs = fieldsToErrors(
        result.fields.map((f) => ({ ...f, path: f.path.startsWith('spares') ? 'spares' : f.path })),
      );
      return setErrors(Object.keys(errs).length ? errs : { form: result.message });
    }
    app.notify(a ? `Asset ${a.code} saved` : `Asset ${result.value.code} created`);
    props.onDone(result.value.code);
  };

  return (
    <form class="card asset-form" data-testid="asset-form" onSubmit={submit}>
      <h3>{a ? `Edit asset ${a.code}` : 'New asset'}</h3>
      <div class="grid">
        <TextField
          label="Code"
          testId="asset-form-code"
          value={draft().code}
          onValue={set('code')}
          error={errors().code}
          disabled={!!a}
          autocapitalize="characters"
          ref={a ? undefined : focusOnMount}
        />
        <TextField
          label="Name"
          testId="asset-form-name"
          value={draft().name}
          onValue={set('name')}
          error={errors().name}
          maxLength={200}
        />
        <TextField
          label="Part of (parent asset code)"
          testId="asset-form-parent"
          value={draft().parent}
          onValue={set('parent')}
          error={errors().parent}
        />
        <TextField
          label="Location"
          testId="asset-form-location"
          value={draft().location}
          onValue={set('location')}
          error={errors().location}
        />
        <SelectField
          label="Criticality"
          testId="asset-form-criticality"
          value={draft().criticality}
          onValue={set('criticality')}
          options={CRITICALITIES.map((c) => ({ value: c, label: CRITICALITY_LABEL[c] }))}
        />
        <TextField
          label="Asset tag (barcode or NFC)"
          testId="asset-form-barcode"
          value={draft().barcode}
          onValue={set('barcode')}
          error={errors().barcode}
          autocomplete="off"
        />
      </div>
      <TextAreaField
        label="Recommended spares (one “SKU quantity” per line)"
        testId="asset-form-spares"
        value={draft().spares}
        onValue={set('spares')}
        error={errors().spares}
        rows={3}
      />
      <Show when={errors().form}>
        <p class="form-error" role="alert" data-testid="asset-form-error">
          {errors().form}
        </p>
      </Show>
      <div class="actions">
        <button type="submit" class="button primary" data-testid="asset-form-save">
          {a ? 'Save' : 'Create asset'}
        </button>
        <button type="button" class="button ghost" data-testid="asset-form-cancel" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
