import type { Schedule } from '@stockroom/shared/maintenance/schedule';
import { createMemo, createSignal, For, Index, Show } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import { routeHref } from '../routing/route.ts';
import { RoomsSyncBadge } from '../stocktake/RoomSyncBadge.tsx';
import { SelectField, TextField } from '../ui/Field.tsx';
import { MaintenanceGuard } from './MaintenanceParts.tsx';
import { canPlanMaintenance } from './maintenance-permissions.ts';
import { describeRecurrence, nextDue, type ScheduleDraft, scheduleInput, WEEKDAYS } from './schedule-form.ts';
import { useMaintenanceRoom } from './use-maintenance.ts';
import { type FormErrors, fieldsToErrors, type PartRow, parsePartRows } from './work-order-form.ts';
import './maintenance.css';

const today = () => new Date().toISOString().slice(0, 10);
const blank = (): ScheduleDraft => ({
  asset: '',
  title: '',
  unit: 'weeks',
  every: '1',
  weekday: '1',
  start: today(),
  reserveDaysAhead: '7',
});

/** `#/schedules`: preventive maintenance; the server turns each occurrence into a work order ahead of time. */
export function SchedulesScreen() {
  return (
    <MaintenanceGuard>
      <Schedules />
    </MaintenanceGuard>
  );
}

function Schedules() {
  const app = useApp();
  const room = useMaintenanceRoom(app.ws);
  const plans = () => canPlanMaintenance(app.session().user.role);
  const [creating, setCreating] = createSignal(false);
  const [draft, setDraft] = createSignal<ScheduleDraft>(blank());
  const [parts, setParts] = createSignal<PartRow[]>([]);
  const [errors, setErrors] = createSignal<FormErrors>({});
  const schedules = createMemo(() => {
    room.tick();
    return [...(room.model()?.schedules.values() ?? [])].sort((a, b) =>
      a.asset < b.asset ? -1 : a.asset > b.asset ? 1 : a.title < b.title ? -1 : 1,
    );
  });
  const assets = createMemo(() => {
    room.tick();
    return [...(room.model()?.assets.values() ?? [])].sort((a, b) => (a.code < b.code ? -1 : 1));
  });
  const set = (k: keyof ScheduleDraft) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const r = room.model();
    if (!r) return;
    const planned = parsePartRows(parts(), (sku) => app.ws.catalog.items.get(sku) !== undefined);
    if (!draft().asset) return setErrors({ asset: 'choose the asset', ...planned.errors });
    if (!planned.ok) return setErrors(planned.errors);
    const result = r.createSchedule(scheduleInput(draft(), planned.parts), app.actor());
    if (!result.ok) {
      const errs = fieldsToErrors(
        result.fields.map((f) => ({
          ...f,
          path: f.path.replace(/^recurrence\./, '').replace(/^recurrence$/, 'every'),
        })),
      );
      return setErrors(Object.keys(errs).length ? errs : { form: result.message });
    }
    app.notify(`Schedule “${result.value.title}” created`);
    setCreating(false);
    setDraft(blank());
    setParts([]);
    setErrors({});
  };

  const row = (s: Schedule) => (
    <li
      data-testid="schedule-row"
      data-id={s.id}
      data-asset={s.asset}
      data-active={s.active ? 'true' : 'false'}
    >
      <strong>
        <bdi>{s.title}</bdi>
      </strong>{' '}
      ·{' '}
      <a href={routeHref({ name: 'asset', code: s.asset })}>
        <bdi>{s.asset}</bdi>
      </a>{' '}
      · {describeRecurrence(s)} · next{' '}
      <span data-testid="schedule-next">{s.active ? (nextDue(s, today()) ?? '—') : 'paused'}</span> · work
      order {s.reserveDaysAhead} days ahead
      <Show when={s.parts.length > 0}>
        {' '}
        · parts {s.parts.map((p) => `${p.sku} × ${p.quantity}`).join(', ')}
      </Show>
    </li>
  );

  return (
    <section class="screen" data-testid="schedules-screen">
      <div class="screen-head">
        <h2>Preventive maintenance</h2>
        <RoomsSyncBadge rooms={[room]} testId="schedules-sync" />
        <Show when={plans() && !creating()}>
          <button
            type="button"
            class="button primary"
            data-testid="schedule-new"
            onClick={() => setCreating(true)}
          >
            New schedule
          </button>
        </Show>
      </div>
      <Show when={creating()}>
        <form class="card" data-testid="schedule-form" onSubmit={submit}>
          <div class="grid">
            <SelectField
              label="Asset"
              testId="schedule-form-asset"
              value={draft().asset}
              onValue={set('asset')}
              error={errors().asset}
              options={[
                { value: '', label: 'Choose…' },
                ...assets().map((a) => ({ value: a.code, label: `${a.code} — ${a.name}` })),
              ]}
            />
            <TextField
              label="Title"
              testId="schedule-form-title"
              value={draft().title}
              onValue={set('title')}
              error={errors().title}
              maxLength={200}
            />
            <SelectField
              label="Repeats"
              testId="schedule-form-unit"
              value={draft().unit}
              onValue={set('unit')}
              options={[
                { value: 'days', label: 'Every N days' },
                { value: 'weeks', label: 'Every N weeks on a weekday' },
              ]}
            />
            <TextField
              label="N"
              testId="schedule-form-every"
              type="number"
              min="1"
              step="1"
              value={draft().every}
              onValue={set('every')}
              error={errors().every}
            />
            <Show when={draft().unit === 'weeks'}>
              <SelectField
                label="Weekday"
                testId="schedule-form-weekday"
                value={draft().weekday}
                onValue={set('weekday')}
                error={errors().weekday}
                options={WEEKDAYS.map((d, i) => ({ value: String(i + 1), label: d }))}
              />
            </Show>
            <TextField
              label="Starting"
              testId="schedule-form-start"
              type="date"
              value={draft().start}
              onValue={set('start')}
              error={errors().start}
            />
            <TextField
              label="Create the work order (days ahead)"
              testId="schedule-form-ahead"
              type="number"
              min="0"
              step="1"
              value={draft().reserveDaysAhead}
              onValue={set('reserveDaysAhead')}
              error={errors().reserveDaysAhead}
            />
          </div>
          <h4>Parts each time</h4>
          <Index each={parts()}>
            {(p, i) => (
              <div class="grid">
                <TextField
                  label="SKU"
                  testId={`schedule-form-part-${i}-sku`}
                  value={p().sku}
                  onValue={(v) => setParts((l) => l.map((x, j) => (j === i ? { ...x, sku: v } : x)))}
                  error={errors()[`parts.${i}.sku`]}
                />
                <TextField
                  label="Quantity"
                  testId={`schedule-form-part-${i}-quantity`}
                  type="number"
                  step="any"
                  value={p().quantity}
                  onValue={(v) => setParts((l) => l.map((x, j) => (j === i ? { ...x, quantity: v } : x)))}
                  error={errors()[`parts.${i}.quantity`]}
                />
              </div>
            )}
          </Index>
          <Show when={errors().form}>
            <p class="form-error" role="alert" data-testid="schedule-form-error">
              {errors().form}
            </p>
          </Show>
          <div class="actions">
            <button
              type="button"
              class="button"
              data-testid="schedule-form-add-part"
              onClick={() => setParts((l) => [...l, { sku: '', quantity: '' }])}
            >
              Add a part
            </button>
            <button type="submit" class="button primary" data-testid="schedule-form-save">
              Create schedule
            </button>
            <button type="button" class="button ghost" onClick={() => setCreating(false)}>
              Cancel
            </button>
          </div>
        </form>
      </Show>
      <Show when={room.model()} fallback={<p class="muted">Opening the schedules stored on this device…</p>}>
        <Show
          when={schedules().length > 0}
          fallback={
            <div class="empty" data-testid="schedules-empty">
              <h3>No preventive maintenance scheduled</h3>
            </div>
          }
        >
          <ul class="plain schedule-list">
            <For each={schedules()}>{row}</For>
          </ul>
        </Show>
      </Show>
    </section>
  );
}
