import { can } from '@stockroom/shared/access/permissions';
import { Job } from '@stockroom/shared/procedures/settings';
import type { SettingKey } from '@stockroom/shared/procedures/settings-room';
import { createSignal, For, type JSX, Show } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import {
  checklistText,
  codesText,
  type Parsed,
  parseChecklist,
  parseCodes,
  parseConventions,
  parseThresholds,
  thresholdsText,
} from './settings-form.ts';
import { useProcedureSettings, useSettingsRoom } from './use-procedures.ts';

const TYPES = ['receive', 'issue', 'transfer', 'adjust', 'return'] as const;

/**
 * Admins edit the procedures in the `settings` room itself (the room's write rules let only
 * admins write it): saved on this device at once, on every device as it syncs. Others see
 * the procedures read-only.
 */
export function ProceduresScreen(): JSX.Element {
  const app = useApp();
  const room = useSettingsRoom(app.ws);
  const settings = useProcedureSettings(room);
  const admin = () => can(app.session().user.role, 'settings.manage');
  const [problem, setProblem] = createSignal('');

  const save = <T,>(key: SettingKey, parsed: Parsed<T>) => {
    const r = room.model();
    if (!r) return;
    if (!parsed.ok) {
      setProblem(parsed.message);
      return;
    }
    setProblem('');
    r.save(key, parsed.value as never, app.actor());
    app.notify('Saved');
  };

  const area = (testId: string, label: string, value: string, onSave: (text: string) => void) => {
    let el: HTMLTextAreaElement | undefined;
    return (
      <>
        <textarea
          rows={5}
          aria-label={label}
          data-testid={testId}
          value={value}
          readOnly={!admin()}
          ref={(e) => (el = e)}
        />
        <Show when={admin()}>
          <button
            type="button"
            class="button"
            data-testid={`${testId}-save`}
            onClick={() => onSave(el?.value ?? '')}
          >
            Save
          </button>
        </Show>
      </>
    );
  };

  return (
    <section class="screen procedures-settings" data-testid="procedures-screen">
      <div class="screen-head">
        <h1>Procedures</h1>
      </div>
      <Show when={problem()}>
        <p class="form-error" role="alert" data-testid="procedures-error">
          {problem()}
        </p>
      </Show>
      <h2>Checklists</h2>
      <p class="muted">
        One step per line; end a step with [bin-first], [lot] or [damage-note] to have the app check it.
      </p>
      <For each={Job.options}>
        {(job) => (
          <fieldset data-testid="procedure" data-job={job}>
            <legend>{job}</legend>
            {area(
              `procedure-${job}`,
              `Checklist for ${job}`,
              checklistText(settings().procedures[job]),
              (t) => save(`procedure:${job}`, parseChecklist(t)),
            )}
          </fieldset>
        )}
      </For>
      <h2>Reason codes</h2>
      <label>
        <input
          type="checkbox"
          data-testid="reason-codes-required"
          checked={settings().reasonCodes.required}
          disabled={!admin()}
          onChange={(e) =>
            save('reasonCodes', {
              ok: true,
              value: { ...settings().reasonCodes, required: e.currentTarget.checked },
            })
          }
        />{' '}
        Adjustments must pick a reason code
      </label>
      <For each={TYPES}>
        {(type) => (
          <fieldset data-testid="reason-codes" data-type={type}>
            <legend>{type}</legend>
            {area(
              `reason-codes-${type}`,
              `Reason codes for ${type}`,
              codesText(settings().reasonCodes.types[type]),
              (t) => {
                const codes = parseCodes(t);
                save(
                  'reasonCodes',
                  codes.ok
                    ? {
                        ok: true,
                        value: {
                          ...settings().reasonCodes,
                          types: { ...settings().reasonCodes.types, [type]: codes.value },
                        },
                      }
                    : codes,
                );
              },
            )}
          </fieldset>
        )}
      </For>
      <h2>Tagging conventions</h2>
      <p class="muted">
        Regular expressions new codes must match, e.g. ^[A-Z]{2}-\d{4}$; empty = no rule.
      </p>
      <For each={['sku', 'location', 'barcode'] as const}>
        {(field) => {
          let el: HTMLInputElement | undefined;
          return (
            <label class="field">
              {field}
              <input
                data-testid={`convention-${field}`}
                value={settings().conventions[field]}
                readOnly={!admin()}
                ref={(e) => (el = e)}
                onChange={() =>
                  save(
                    'conventions',
                    parseConventions({ ...settings().conventions, [field]: el?.value ?? '' }),
                  )
                }
              />
            </label>
          );
        }}
      </For>
      <h2>Approval thresholds</h2>
      <p class="muted">
        One category per line: "Electrical: quantity=10 value=500" ("*" = any other category).
      </p>
      {area('thresholds', 'Approval thresholds', thresholdsText(settings().thresholds), (t) =>
        save('thresholds', parseThresholds(t)),
      )}
    </section>
  );
}
