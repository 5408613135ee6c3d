import { ROLES } from '@stockroom/shared/access/permissions';
import { EXERCISES } from '@stockroom/shared/training/exercises';
import { canDoExercises, Requirements, TrainingRecord } from '@stockroom/shared/training/records';
import { createResource, createSignal, For, type JSX, Show } from 'solid-js';
import { z } from 'zod';
import { useApp } from '../app/app-context.ts';

type Job = 'receive' | 'count';
const JOBS: Job[] = ['receive', 'count'];

/**
 * Managers: who is trained for what (from the server's records), per role which jobs need
 * a completed exercise before doing them for real (off by default), and the practice reset.
 */
export function TrainingManagement(): JSX.Element {
  const app = useApp();
  const [problem, setProblem] = createSignal('');
  const [saved, setSaved] = createSignal('');
  const [records, { refetch }] = createResource(async () => {
    const r = await app.api.get('/api/training/records', z.array(TrainingRecord));
    if (!r.ok) throw new Error(r.message);
    return r.data;
  });
  const [required, { mutate }] = createResource(async () => {
    const r = await app.api.get('/api/training/requirements', Requirements);
    if (!r.ok) throw new Error(r.message);
    return r.data as Record<string, Job[]>;
  });

  const byUser = () => {
    const out = new Map<string, TrainingRecord[]>();
    for (const r of records() ?? []) out.set(r.user, [...(out.get(r.user) ?? []), r]);
    return [...out.entries()];
  };
  const title = (id: string) => EXERCISES.find((e) => e.id === id)?.title ?? id;

  const toggle = (role: string, job: Job, on: boolean) => {
    const current = { ...(required() ?? {}) };
    const jobs = new Set(current[role] ?? []);
    if (on) jobs.add(job);
    else jobs.delete(job);
    current[role] = JOBS.filter((j) => jobs.has(j));
    mutate(current);
  };
  const save = async () => {
    setProblem('');
    const r = await app.api.send('POST', '/api/training/requirements', Requirements, required() ?? {});
    if (!r.ok) return setProblem(r.message);
    setSaved('Saved.');
  };
  const reset = async () => {
    if (
      !window.confirm(
        'Reset the practice workspace? Everything recorded in practice goes; training records stay.',
      )
    )
      return;
    const r = await app.api.send('POST', '/api/training/practice/reset', z.unknown(), {});
    if (!r.ok) return setProblem(r.message);
    app.notify('The practice workspace was reset');
    void refetch();
  };

  return (
    <section data-testid="training-management">
      <h2>Who is trained</h2>
      <Show when={!records.loading} fallback={<p>Loading records…</p>}>
        <Show
          when={byUser().length > 0}
          fallback={<p data-testid="training-records-empty">Nobody has completed an exercise yet.</p>}
        >
          <table data-testid="training-records">
            <thead>
              <tr>
                <th>User</th>
                <th>Trained for</th>
                <th>Exercises completed</th>
              </tr>
            </thead>
            <tbody>
              <For each={byUser()}>
                {([user, list]) => (
                  <tr data-testid="training-record" data-user={user}>
                    <td>
                      <bdi>{user}</bdi>
                    </td>
                    <td>{[...new Set(list.map((r) => r.skill))].join(', ')}</td>
                    <td>
                      {list
                        .map((r) => `${title(r.exercise)} (${new Date(r.completedAt).toLocaleString()})`)
                        .join('; ')}
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </Show>
      </Show>
      <h2>Required before working for real</h2>
      <Show when={required()} fallback={<p>Loading…</p>}>
        {(req) => (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <table>
              <thead>
                <tr>
                  <th>Role</th>
                  <For each={JOBS}>{(j) => <th>{j}</th>}</For>
                </tr>
              </thead>
              <tbody>
                <For each={ROLES.filter(canDoExercises)}>
                  {(role) => (
                    <tr>
                      <td>{role}</td>
                      <For each={JOBS}>
                        {(job) => (
                          <td>
                            <input
                              type="checkbox"
                              aria-label={`${role} must be trained to ${job}`}
                              data-testid={`require-${role}-${job}`}
                              checked={(req()[role] ?? []).includes(job)}
                              onChange={(e) => toggle(role, job, e.currentTarget.checked)}
                            />
                          </td>
                        )}
                      </For>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <button type="submit" class="button primary" data-testid="requirements-save">
              Save requirements
            </button>{' '}
            <span data-testid="requirements-saved">{saved()}</span>
          </form>
        )}
      </Show>
      <h2>Practice workspace</h2>
      <button type="button" class="button" data-testid="practice-reset" onClick={() => void reset()}>
        Reset practice workspace
      </button>
      <Show when={problem()}>
        <p class="form-error" role="alert">
          {problem()}
        </p>
      </Show>
    </section>
  );
}
