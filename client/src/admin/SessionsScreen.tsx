import { createMemo, createSignal, For, type JSX, onCleanup, onMount, Show } from 'solid-js';
import { z } from 'zod';
import { useApp } from '../app/app-context.ts';
import { NeedsServer, OnlineOnly } from '../app/OnlineOnly.tsx';
import { auditRoute } from '../audit/audit-view.ts';
import { routeHref } from '../routing/route.ts';
import type { ApiResult } from '../session/api-client.ts';
import { canManageUsers, canReadAudit } from '../session/permissions.ts';
import { AdminTabs, NotAllowed } from './AdminTabs.tsx';
import { Ok, SessionRecord } from './admin-api.ts';
import { sessionRows } from './session-rows.ts';

type Failure = Extract<ApiResult<unknown>, { ok: false }>;

/** Connection counts change while the screen is open: read them again this often. */
const RELOAD_MS = 15_000;

/** Active devices and sessions, with their open sync connections; revoke one (admins, online). */
export function SessionsScreen(): JSX.Element {
  const app = useApp();
  return (
    <section class="screen" data-testid="sessions-screen">
      <div class="screen-head">
        <h1>Devices and sessions</h1>
        <AdminTabs current="sessions" />
      </div>
      <Show
        when={canManageUsers(app.session().user.role)}
        fallback={<NotAllowed what="Only admins see and end other people's sessions." />}
      >
        <OnlineOnly what="The list of devices">
          <SessionsPanel />
        </OnlineOnly>
      </Show>
    </section>
  );
}

function SessionsPanel(): JSX.Element {
  const app = useApp();
  const start = app.route();
  const [user, setUser] = createSignal(start.name === 'admin-sessions' ? start.user : '');
  const [sessions, setSessions] = createSignal<SessionRecord[] | null>(null);
  const [problem, setProblem] = createSignal<Failure | null>(null);
  const [now, setNow] = createSignal(Date.now());
  const [ending, setEnding] = createSignal<string | null>(null);

  const load = async () => {
    const result = await app.api.get('/api/sessions', z.array(SessionRecord));
    setNow(Date.now());
    if (result.ok) {
      setSessions(result.data);
      setProblem(null);
    } else setProblem(result);
  };
  onMount(() => void load());
  const timer = setInterval(() => void load(), RELOAD_MS);
  onCleanup(() => clearInterval(timer));

  const rows = createMemo(() => {
    const list = sessions();
    return list ? sessionRows(list, { deviceId: app.deviceId, user: user(), now: now() }) : [];
  });

  const revoke = async (id: string, label: string) => {
    setEnding(id);
    const result = await app.api.send('DELETE', `/api/sessions/${encodeURIComponent(id)}`, Ok);
    setEnding(null);
    app.notify(result.ok ? `Session ended: ${label}` : result.message);
    await load();
  };

  return (
    <Show
      when={!(problem()?.status === null && !sessions())}
      fallback={<NeedsServer what="The list of devices" />}
    >
      <div class="toolbar">
        <input
          class="search"
          type="search"
          placeholder="Only this user…"
          aria-label="Filter by user"
          data-testid="sessions-user"
          dir="auto"
          value={user()}
          onInput={(e) => {
            setUser(e.currentTarget.value);
            app.replaceRoute({ name: 'admin-sessions', user: e.currentTarget.value.trim() });
          }}
        />
        <button type="button" class="button" data-testid="sessions-refresh" onClick={() => void load()}>
          Refresh
        </button>
        <span class="muted" data-testid="sessions-count" data-count={rows().length}>
          {rows().length === 1 ? '1 active session' : `${rows().length} active sessions`}
        </span>
      </div>
      <Show when={problem()}>
        {(p) => (
          <p class="form-error" role="alert" data-testid="sessions-error">
            {p().message}
          </p>
        )}
      </Show>
      <Show when={sessions()} fallback={<p class="muted">Loading sessions…</p>}>
        <Show
          when={rows().length > 0}
          fallback={
            <div class="empty" data-testid="sessions-empty">
              <h2>No active sessions</h2>
              <p>
                <Show when={user()} fallback="Nobody is logged in.">
                  {(u) => (
                    <>
                      <bdi>{u()}</bdi> is not logged in on any device.
                    </>
                  )}
                </Show>
              </p>
            </div>
          }
        >
          <div class="card table-wrap">
            <table class="table admin-table" data-testid="sessions-table">
              <thead>
                <tr>
                  <th>User</th>
                  <th>Device</th>
                  <th>Address</th>
                  <th>Logged in</th>
                  <th>Last seen</th>
                  <th class="num">Connections</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                <For each={rows()}>
                  {(s) => (
                    <tr
                      data-testid="session-row"
                      data-id={s.id}
                      data-username={s.username}
                      data-this-device={s.thisDevice ? 'true' : 'false'}
                    >
                      <td>
                        <strong dir="auto">{s.username}</strong>
                      </td>
                      <td>
                        <code title={s.device} dir="auto">
                          {s.device.length > 12 ? `${s.device.slice(0, 8)}…` : s.device}
                        </code>
                        <Show when={s.thisDevice}>
                          {' '}
                          <span class="badge self" data-testid="session-this-device">
                            this device
                          </span>
                        </Show>
                      </td>
                      <td dir="auto">{s.address ?? ''}</td>
                      <td title={s.createdAt}>{new Date(s.createdAt).toLocaleString()}</td>
                      <td title={s.lastSeenAt}>{s.lastSeen}</td>
                      <td class="num" data-testid="session-connections">
                        {s.connections}
                      </td>
                      <td>
                        <div class="row-actions">
                          <button
                            type="button"
                            class="button danger"
                            data-testid="session-revoke"
                            disabled={ending() === s.id}
                            title={
                              s.thisDevice
                                ? 'Logs this device out: you will be asked to log in again'
                                : 'Its tokens stop working and its sync connections close'
                            }
                            onClick={() => void revoke(s.id, `${s.username} on ${s.device.slice(0, 8)}`)}
                          >
                            {s.thisDevice ? 'Log this device out' : 'End session'}
                          </button>
                          <Show when={canReadAudit(app.session().user.role)}>
                            <a class="button" href={routeHref(auditRoute('user', s.username))}>
                              Audit
                            </a>
                          </Show>
                        </div>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Show>
      </Show>
    </Show>
  );
}
