import { createEffect, createSignal, For, on, Show } from 'solid-js';
import { routeHref, sectionOf } from '../routing/route.ts';
import { useApp } from './app-context.ts';
import { groupOf, HOME_ENTRY, mainJobs, navFor } from './navigation.ts';
import './navigation.css';

/*
 * Renders the navigation model (navigation.ts). One list of every screen the role may use,
 * grouped by job: a side bar on a desktop, and on a phone (≤ 600 px, CSS) the sheet that
 * "More" opens above the bottom bar of the role's four main jobs. One list for both, so
 * every `nav-<section>` link exists once on the page.
 */
export function JobNavigation() {
  const app = useApp();
  const role = () => app.session().user.role;
  const [more, setMore] = createSignal(false);
  const current = () => sectionOf(app.route());
  // Following a link closes the phone's menu.
  createEffect(on(app.route, () => setMore(false), { defer: true }));
  const jobs = () => mainJobs(role());
  const inMore = () => !jobs().some((j) => j.section === current());

  return (
    <>
      <nav class="sidenav" aria-label="Sections" data-testid="nav" data-open={more() ? 'true' : 'false'}>
        <a
          class="nav-home"
          href={routeHref(HOME_ENTRY.route)}
          data-testid="nav-home"
          aria-current={current() === 'home' ? 'page' : undefined}
        >
          Home
        </a>
        <For each={navFor(role())}>
          {(group) => (
            <section
              class="nav-group"
              data-testid={`nav-group-${group.id}`}
              data-current={groupOf(app.route()) === group.id ? 'true' : undefined}
            >
              <h2 class="nav-group-label">{group.label}</h2>
              <For each={group.entries}>
                {(e) => (
                  <a
                    href={routeHref(e.route)}
                    data-testid={`nav-${e.section}`}
                    aria-current={current() === e.section ? 'page' : undefined}
                  >
                    {e.label}
                  </a>
                )}
              </For>
            </section>
          )}
        </For>
      </nav>
      <nav class="bottombar" aria-label="Main jobs" data-testid="bottombar">
        <For each={jobs()}>
          {(e) => (
            <a
              href={routeHref(e.route)}
              data-testid={`bottom-${e.section}`}
              aria-current={current() === e.section ? 'page' : undefined}
            >
              {e.label}
            </a>
          )}
        </For>
        <button
          type="button"
          data-testid="bottom-more"
          aria-expanded={more()}
          aria-current={inMore() && current() !== 'home' ? 'page' : undefined}
          onClick={() => setMore(!more())}
        >
          More
        </button>
      </nav>
      <Show when={more()}>
        <button
          type="button"
          class="nav-scrim"
          aria-label="Close the menu"
          tabIndex={-1}
          onClick={() => setMore(false)}
        />
      </Show>
    </>
  );
}
