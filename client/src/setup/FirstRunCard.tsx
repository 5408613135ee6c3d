import { createMemo, For, Show } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import { type CatalogCounts, firstRunSteps, needsFirstRun } from './first-run.ts';
import './setup.css';

/**
 * The admin's guided setup on an empty database: site → zones → bins, items (import or the
 * first one), the team, practice mode. Shown only once the catalog has synced with the server
 * in this session, so a device that simply has not received the catalog yet is not told to
 * set up a site that exists.
 */
export function FirstRunCard() {
  const app = useApp();
  const catalog = app.ws.catalog;
  const synced = createMemo<boolean>((was) => {
    app.syncTick();
    return was || app.ws.catalogRoom.statusSnapshot.synced;
  }, false);
  const counts = createMemo((): CatalogCounts => {
    app.catalogTick();
    const locations = [...catalog.locations.values()];
    return {
      locations: locations.length,
      bins: locations.filter((l) => l.kind === 'bin').length,
      items: catalog.items.size,
    };
  });
  return (
    <Show when={synced() && needsFirstRun(counts())}>
      <section class="card first-run" data-testid="first-run" aria-labelledby="first-run-title">
        <h2 id="first-run-title">Set up Stockroom</h2>
        <p class="muted">Nothing is set up yet. Four steps get a new site going:</p>
        <ol class="first-run-steps">
          <For each={firstRunSteps(counts())}>
            {(step) => (
              <li data-testid={`first-run-step-${step.id}`} data-done={step.done ? 'true' : 'false'}>
                <div>
                  <strong>{step.title}</strong>
                  <Show when={step.done}>
                    <span class="badge done">Done</span>
                  </Show>
                  <p class="muted">{step.detail}</p>
                </div>
                <div class="first-run-links">
                  <For each={step.links}>
                    {(l) => (
                      <a class="button" href={l.href} data-testid={l.testid}>
                        {l.label}
                      </a>
                    )}
                  </For>
                </div>
              </li>
            )}
          </For>
        </ol>
      </section>
    </Show>
  );
}
