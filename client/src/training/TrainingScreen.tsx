import { can } from '@stockroom/shared/access/permissions';
import { TRAINING_MANAGE, TrainingAttempt, TrainingRecord } from '@stockroom/shared/training/records';
import { createResource, createSignal, For, type JSX, Show } from 'solid-js';
import { z } from 'zod';
import { useApp } from '../app/app-context.ts';
import { routeHref } from '../routing/route.ts';
import { switchWorkspace } from './PracticeBanner.tsx';
import { TrainingManagement } from './TrainingManagement.tsx';
import './training.css';

const ExerciseView = z.object({
  id: z.string(),
  title: z.string(),
  instructions: z.string(),
  skill: z.string(),
  expect: z.object({
    type: z.enum(['receive', 'issue', 'transfer', 'adjust']),
    sku: z.string(),
    location: z.string(),
  }),
  attempt: TrainingAttempt.nullable(),
  completed: TrainingRecord.nullable(),
});
type ExerciseView = z.infer<typeof ExerciseView>;
const CheckView = z.object({
  passed: z.boolean(),
  findings: z.array(z.object({ ok: z.boolean(), message: z.string() })),
  record: TrainingRecord.nullable(),
});
type CheckView = z.infer<typeof CheckView>;

/**
 * `#/training`: the practice-mode switch, the guided exercises (start one, do it in
 * practice, let the server check the practice ledger and say what went right or wrong), and
 * for managers who is trained for what, what each role must be trained for, and the reset.
 */
export function TrainingScreen(): JSX.Element {
  const app = useApp();
  const [problem, setProblem] = createSignal('');
  const [busy, setBusy] = createSignal('');
  const [checks, setChecks] = createSignal<Partial<Record<string, CheckView>>>({});
  const [exercises, { refetch }] = createResource(async () => {
    const r = await app.api.get('/api/training/exercises', z.array(ExerciseView));
    if (!r.ok) throw new Error(r.message);
    return r.data;
  });

  const enterPractice = async () => {
    setBusy('switch');
    const r = await app.api.send('POST', '/api/training/practice', z.unknown(), {});
    setBusy('');
    if (!r.ok) return setProblem(r.message);
    switchWorkspace(true);
  };

  const start = async (e: ExerciseView) => {
    setBusy(e.id);
    setProblem('');
    const r = await app.api.send('POST', `/api/training/exercises/${e.id}/start`, TrainingAttempt, {});
    setBusy('');
    if (!r.ok) return setProblem(r.message);
    setChecks({ ...checks(), [e.id]: undefined });
    void refetch();
  };

  const check = async (e: ExerciseView) => {
    setBusy(e.id);
    setProblem('');
    const r = await app.api.send('POST', `/api/training/exercises/${e.id}/check`, CheckView, {});
    setBusy('');
    if (!r.ok) return setProblem(r.message);
    setChecks({ ...checks(), [e.id]: r.data });
    if (r.data.passed) void refetch();
  };

  const doIt = (e: ExerciseView) =>
    routeHref({ name: 'move', type: e.expect.type, sku: e.expect.sku, location: '' });

  return (
    <section class="screen training-screen" data-testid="training-screen">
      <div class="screen-head">
        <h1>Training</h1>
      </div>
      <Show
        when={app.ws.isPractice}
        fallback={
          <p>
            You are working with real stock.{' '}
            <button
              type="button"
              class="button primary"
              data-testid="practice-enter"
              disabled={busy() === 'switch'}
              onClick={() => void enterPractice()}
            >
              Switch to practice mode
            </button>
          </p>
        }
      >
        <p data-testid="practice-on">
          Practice mode is on: the demo warehouse (bins A-01-01 … A-02-02, items BOLT, NUT, GLOVE, BEARING,
          TAPE).
        </p>
      </Show>
      <Show when={problem()}>
        <p class="form-error" role="alert" data-testid="training-error">
          {problem()}
        </p>
      </Show>
      <h2>Exercises</h2>
      <Show when={!exercises.loading} fallback={<p data-testid="exercises-loading">Loading exercises…</p>}>
        <Show
          when={!exercises.error}
          fallback={<p class="form-error">{String(exercises.error?.message ?? '')}</p>}
        >
          <For each={exercises() ?? []} fallback={<p data-testid="exercises-empty">No exercises.</p>}>
            {(e) => (
              <article class="exercise" data-testid={`exercise-${e.id}`}>
                <h3>
                  {e.title}{' '}
                  <Show when={e.completed}>
                    {(c) => (
                      <span class="badge" data-testid="exercise-completed">
                        completed {new Date(c().completedAt).toLocaleString()}
                      </span>
                    )}
                  </Show>
                </h3>
                <p>{e.instructions}</p>
                <div class="actions">
                  <button
                    type="button"
                    class="button"
                    data-testid="exercise-start"
                    disabled={busy() === e.id || !app.ws.isPractice}
                    onClick={() => void start(e)}
                  >
                    {e.attempt ? 'Start again' : 'Start'}
                  </button>
                  <Show when={e.attempt && app.ws.isPractice}>
                    <a class="button primary" href={doIt(e)} data-testid="exercise-do">
                      Do it
                    </a>
                    <button
                      type="button"
                      class="button"
                      data-testid="exercise-check"
                      disabled={busy() === e.id}
                      onClick={() => void check(e)}
                    >
                      Check my work
                    </button>
                  </Show>
                </div>
                <Show when={!app.ws.isPractice}>
                  <p class="muted">Switch to practice mode to do this exercise.</p>
                </Show>
                <Show when={checks()[e.id]}>
                  {(c) => (
                    <div data-testid="exercise-result" data-passed={c().passed ? 'true' : 'false'}>
                      <p>
                        <strong>{c().passed ? 'Well done — exercise completed.' : 'Not quite yet:'}</strong>
                      </p>
                      <ul>
                        <For each={c().findings}>
                          {(f) => (
                            <li
                              class="finding"
                              data-ok={f.ok ? 'true' : 'false'}
                              data-testid="exercise-finding"
                            >
                              {f.message}
                            </li>
                          )}
                        </For>
                      </ul>
                      <Show when={!c().passed}>
                        <p class="muted">
                          Just recorded it? Wait until the sync indicator says it is saved on the server, then
                          check again.
                        </p>
                      </Show>
                    </div>
                  )}
                </Show>
              </article>
            )}
          </For>
        </Show>
      </Show>
      <Show when={can(app.session().user.role, TRAINING_MANAGE)}>
        <TrainingManagement />
      </Show>
    </section>
  );
}
