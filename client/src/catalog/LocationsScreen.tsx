import type { Location, LocationKind } from '@stockroom/shared/catalog/location';
import { createMemo, createSignal, For, Show } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import { auditRoute } from '../audit/audit-view.ts';
import { routeHref } from '../routing/route.ts';
import { NfcWriteButton } from '../scanning/NfcControls.tsx';
import { canReadAudit } from '../session/permissions.ts';
import { SelectField, TextField } from '../ui/Field.tsx';
import {
  errorFor,
  errorsByField,
  type FieldErrors,
  focusFirstError,
  unplacedErrors,
} from '../ui/form-errors.ts';
import { countOf } from '../ui/format.ts';
import { childKinds, locationRows } from './location-rows.ts';

const KIND_LABEL: Record<LocationKind, string> = { site: 'Site', zone: 'Zone', aisle: 'Aisle', bin: 'Bin' };
/** Above this many locations the tree opens collapsed below the sites. */
const EXPAND_ALL_LIMIT = 200;

export function LocationsScreen() {
  const app = useApp();
  const catalog = app.ws.catalog;
  const locations = createMemo(() => {
    app.catalogTick();
    return [...catalog.locations.values()];
  });
  const [showArchived, setShowArchived] = createSignal(false);
  const [toggled, setToggled] = createSignal(new Set<string>());
  const expandAll = () => locations().length <= EXPAND_ALL_LIMIT;
  const isExpanded = (code: string) => {
    const kind = catalog.locations.get(code)?.kind;
    const byDefault = expandAll() || kind === 'site';
    return toggled().has(code) ? !byDefault : byDefault;
  };
  const rows = createMemo(() => locationRows(locations(), isExpanded, showArchived()));
  const stockLines = createMemo(() => {
    const counts = new Map<string, number>();
    for (const l of app.stock().lines()) counts.set(l.location, (counts.get(l.location) ?? 0) + 1);
    return counts;
  });
  const [adding, setAdding] = createSignal<{ parent: Location | null } | null>(null);
  const [editing, setEditing] = createSignal<Location | null>(null);

  const toggle = (code: string) => {
    const next = new Set(toggled());
    if (next.has(code)) next.delete(code);
    else next.add(code);
    setToggled(next);
  };

  const setActive = (code: string, active: boolean) => {
    const result = catalog.patchLocation(code, { active });
    app.notify(result.ok ? `${code} ${active ? 'is active again' : 'archived'}` : result.message);
  };

  return (
    <section class="screen" data-testid="locations-screen">
      <div class="screen-head">
        <h1>Locations</h1>
        <Show when={app.canEditCatalog()}>
          <button
            type="button"
            class="button primary"
            data-testid="locations-add-site"
            onClick={() => setAdding({ parent: null })}
          >
            New site
          </button>
        </Show>
      </div>
      <div class="toolbar">
        <label class="check">
          <input
            type="checkbox"
            data-testid="locations-show-archived"
            checked={showArchived()}
            onChange={(e) => setShowArchived(e.currentTarget.checked)}
          />
          Show archived
        </label>
        <span class="muted" data-testid="locations-count">
          {countOf(locations().length, 'location', 'locations')}
        </span>
      </div>
      <Show when={editing()} keyed>
        {(l) => (
          <LocationForm
            parent={null}
            editing={l}
            onDone={(code) => {
              setEditing(null);
              if (code) app.notify(`Location ${code} saved`);
            }}
          />
        )}
      </Show>
      <Show when={adding()}>
        {(a) => (
          <LocationForm
            parent={a().parent}
            onDone={(code) => {
              setAdding(null);
              if (code) app.notify(`Location ${code} created`);
            }}
          />
        )}
      </Show>
      <Show
        when={rows().length > 0}
        fallback={
          <div class="empty" data-testid="locations-empty">
            <h2>No locations yet</h2>
            <p>Start with a site (a warehouse or a building), then add zones, aisles and bins inside it.</p>
          </div>
        }
      >
        <ul class="tree card" data-testid="locations-tree">
          <For each={rows()}>
            {(row) => {
              const l = row.location;
              return (
                <li
                  class="tree-row"
                  classList={{ archived: !l.active }}
                  style={{ '--depth': row.depth }}
                  data-testid="location-row"
                  data-code={l.code}
                  data-kind={l.kind}
                >
                  <button
                    type="button"
                    class="twisty"
                    data-testid="location-toggle"
                    aria-label={row.expanded ? `Collapse ${l.code}` : `Expand ${l.code}`}
                    aria-expanded={row.expanded}
                    disabled={row.childCount === 0}
                    onClick={() => toggle(l.code)}
                  >
                    {row.childCount === 0 ? '' : row.expanded ? '▾' : '▸'}
                  </button>
                  <span class="badge kind">{KIND_LABEL[l.kind]}</span>
                  <span class="tree-main">
                    <a
                      href={routeHref({ name: 'stock', by: 'location', q: l.code })}
                      data-testid="location-code"
                      title="Stock at this location"
                    >
                      <strong dir="auto">{l.code}</strong>
                    </a>
                    <span class="muted">
                      <Show when={l.name}>
                        {' '}
                        <bdi>{l.name}</bdi>
                      </Show>
                      <Show when={l.barcode}>
                        {(barcode) => (
                          <>
                            {' · barcode '}
                            <bdi>{barcode()}</bdi>
                          </>
                        )}
                      </Show>
                      {stockLines().get(l.code) ? ` · ${stockLines().get(l.code)} stock lines` : ''}
                    </span>
                    <Show when={!l.active}>
                      <span class="badge">Archived</span>
                    </Show>
                  </span>
                  <NfcWriteButton code={l.code} />
                  <Show when={canReadAudit(app.session().user.role)}>
                    <a
                      class="button small ghost"
                      data-testid="location-audit"
                      href={routeHref(auditRoute('location', l.code))}
                      title={`Audit trail of ${l.code}`}
                    >
                      Audit
                    </a>
                  </Show>
                  <Show when={app.canEditCatalog()}>
                    <span class="tree-actions">
                      <Show when={l.active && childKinds(l.kind).length > 0}>
                        <button
                          type="button"
                          class="button small"
                          data-testid="location-add-child"
                          onClick={() => setAdding({ parent: l })}
                        >
                          Add {KIND_LABEL[childKinds(l.kind)[0]!].toLowerCase()}
                        </button>
                      </Show>
                      <button
                        type="button"
                        class="button small ghost"
                        data-testid="location-edit"
                        onClick={() => {
                          setAdding(null);
                          setEditing(l);
                        }}
                      >
                        Edit
                      </button>
                      <button
                        type="button"
                        class="button small ghost"
                        data-testid={l.active ? 'location-archive' : 'location-unarchive'}
                        onClick={() => setActive(l.code, !l.active)}
                      >
                        {l.active ? 'Archive' : 'Unarchive'}
                      </button>
                    </span>
                  </Show>
                </li>
              );
            }}
          </For>
        </ul>
      </Show>
    </section>
  );
}

/** Creates a location inside `parent`, or, given `editing`, renames or re-barcodes it (its code is printed on labels and stays). */
function LocationForm(props: {
  parent: Location | null;
  editing?: Location;
  onDone: (code: string | null) => void;
}) {
  const app = useApp();
  const kinds = props.editing ? [props.editing.kind] : childKinds(props.parent?.kind ?? null);
  const [code, setCode] = createSignal(props.editing?.code ?? (props.parent ? `${props.parent.code}-` : ''));
  const [name, setName] = createSignal(props.editing?.name ?? '');
  const [kind, setKind] = createSignal<LocationKind>(kinds[0] ?? 'bin');
  const [barcode, setBarcode] = createSignal(props.editing?.barcode ?? '');
  const [errors, setErrors] = createSignal<FieldErrors>({});
  let formEl: HTMLFormElement | undefined;

  const submit = (e: Event) => {
    e.preventDefault();
    const result = props.editing
      ? app.ws.catalog.patchLocation(props.editing.code, { name: name(), barcode: barcode().trim() || null })
      : app.ws.catalog.createLocation(
          {
            code: code(),
            name: name(),
            kind: kind(),
            parent: props.parent?.code ?? null,
            barcode: barcode().trim() || null,
          },
          app.actor(),
        );
    if (result.ok) props.onDone(result.value.code);
    else {
      setErrors(errorsByField(result));
      focusFirstError(formEl);
    }
  };

  return (
    <form class="card form" ref={formEl} onSubmit={submit} noValidate data-testid="location-form">
      <h2 class="subhead">
        <Show when={!props.editing} fallback={<>Edit {props.editing?.code}</>}>
          <Show when={props.parent} fallback="New site">
            {(parent) => (
              <>
                New location inside <bdi>{parent().code}</bdi>
              </>
            )}
          </Show>
        </Show>
      </h2>
      <div class="grid">
        <TextField
          label="Code"
          testId="location-form-code"
          value={code()}
          onValue={setCode}
          error={errorFor(errors(), 'code')}
          focus={!props.editing}
          disabled={!!props.editing}
          autocapitalize="characters"
          hint="Printed on labels; cannot change later"
        />
        <TextField
          label="Name"
          testId="location-form-name"
          value={name()}
          onValue={setName}
          error={errorFor(errors(), 'name')}
        />
        <SelectField
          label="Kind"
          testId="location-form-kind"
          value={kind()}
          onValue={(v) => setKind(v as LocationKind)}
          options={kinds.map((k) => ({ value: k, label: KIND_LABEL[k] }))}
          error={errorFor(errors(), 'kind')}
        />
        <TextField
          label="Barcode (optional)"
          testId="location-form-barcode"
          value={barcode()}
          onValue={setBarcode}
          error={errorFor(errors(), 'barcode')}
        />
      </div>
      <Show
        when={
          errorFor(errors(), 'parent') ||
          unplacedErrors(errors(), ['code', 'name', 'kind', 'barcode', 'parent']).length
        }
      >
        <p class="form-error" role="alert" data-testid="location-form-error">
          {[
            errorFor(errors(), 'parent'),
            ...unplacedErrors(errors(), ['code', 'name', 'kind', 'barcode', 'parent']),
          ]
            .filter(Boolean)
            .join('; ')}
        </p>
      </Show>
      <div class="actions">
        <button type="submit" class="button primary big" data-testid="location-form-submit">
          {props.editing ? 'Save' : 'Create'}
        </button>
        <button
          type="button"
          class="button"
          data-testid="location-form-cancel"
          onClick={() => props.onDone(null)}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
