import { createResource, type JSX, onCleanup, Show } from 'solid-js';
import { z } from 'zod';
import { useApp } from '../app/app-context.ts';
import { savePractice } from './practice-mode.ts';
import { TRAINING_HREF } from './training-routes.ts';
import './training.css';

/** Switches the device's workspace: the rooms are opened anew, so the app starts again. */
export function switchWorkspace(practice: boolean): void {
  savePractice(window.localStorage, practice);
  window.location.hash = practice ? TRAINING_HREF : '#/';
  window.location.reload();
}

/**
 * On every screen while the device is in practice mode: a banner saying so (and that real
 * stock is untouched), with the way to the exercises and out; the shell turns amber too.
 */
export function PracticeBanner(): JSX.Element {
  const app = useApp();
  const practice = app.ws.isPractice;
  if (practice) document.documentElement.dataset.workspace = 'practice';
  else delete document.documentElement.dataset.workspace;
  onCleanup(() => {
    delete document.documentElement.dataset.workspace;
  });
  // Working for real: say so up front when the role must train first (the server refuses
  // such receipts and counts; better to know before recording one). Offline: nothing shown.
  const [missing] = createResource(async () => {
    if (practice) return [];
    const r = await app.api.get('/api/training/me', z.object({ missing: z.array(z.string()) }));
    return r.ok ? r.data.missing : [];
  });
  return (
    <>
      <Show when={(missing() ?? []).length > 0}>
        <div class="banner warning" role="status" data-testid="training-required">
          <span>
            Before you {(missing() ?? []).join(' or ')} for real, complete the{' '}
            {(missing() ?? []).join(' and ')} exercise in practice mode.
          </span>
          <a class="button" href={TRAINING_HREF}>
            Go to training
          </a>
        </div>
      </Show>
      <Show when={practice}>
        <div class="practice-banner" role="status" data-testid="practice-banner">
          <span>
            Practice mode — demo data only. Nothing you do here changes real stock, reports or orders.
          </span>
          <span class="actions">
            <a class="button" href={TRAINING_HREF} data-testid="practice-exercises">
              Exercises
            </a>
            <button
              type="button"
              class="button"
              data-testid="practice-leave"
              onClick={() => switchWorkspace(false)}
            >
              Leave practice
            </button>
          </span>
        </div>
      </Show>
    </>
  );
}
