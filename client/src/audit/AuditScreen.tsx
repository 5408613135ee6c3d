import { createEffect, createSignal, For, type JSX, on, onMount, Show } from 'solid-js';
import { z } from 'zod';
import { AdminTabs, NotAllowed } from '../admin/AdminTabs.tsx';
import { useApp } from '../app/app-context.ts';
import { NeedsServer, OnlineOnly } from '../app/OnlineOnly.tsx';
import { routeHref } from '../routing/route.ts';
import type { ApiResult } from '../session/api-client.ts';
import { canReadAudit } from '../session/permissions.ts';
import {
  AuditEntry,
  auditQuery,
  describeAction,
  formatDetails,
  PAGE_SIZE,
  subjectRoute,
} from './audit-view.ts';
import '../admin/admin.css';

type Failure = Extract<ApiResult<unknown>, { ok: false }>;

/**
 * Who did what, from which device: the server's audit trail (it cannot be edited or
 * deleted), filtered by user and/or subject — `#/audit?subject=item:SKU` from an item page.
 */
export function AuditScreen(): JSX.Element {
  const app = useApp();
  return (
    <section class="screen" data-testid="audit-screen">
      <div class="screen-head">
        <h1>Audit</h1>
        <AdminTabs current="audit" />
      </div>
      <Show
        when={canReadAudit(app.session().user.role)}
        fallback={<NotAllowed what="Managers and admins read the audit trail." />}
      >
        <OnlineOnly what="The audit trail">
          <AuditPanel />
        </OnlineOnly>
      </Show>
    </section>
  );
}

function AuditPanel(): JSX.Element {
  const app = useApp();
  const start = app.route();
  const initial =
    start.name === 'audit' ? { user: start.user, subject: start.subject } : { user: '', subject: '' };
  const [user, setUser] = createSignal(initial.user);
  const [subject, setSubject] = createSignal(initial.subject);
  const [entries, setEntries] = createSignal<AuditEntry[] | null>(null);
  const [more, setMore] = createSignal(false);
  const [problem, setProblem] = createSignal<Failure | null>(null);
  const [busy, setBusy] = createSignal(false);

  const load = async (older: boolean) => {
    setBusy(true);
    const current = older ? (entries() ?? []) : [];
    const before = older ? current[current.length - 1]?.id : undefined;
    const result = await app.api.get(
      auditQuery({ user: user(), subject: subject() }, before),
      z.array(AuditEntry),
    );
    setBusy(false);
    if (!result.ok) {
      setProblem(result);
      return;
    }
    setProblem(null);
    setEntries([...current, ...result.data]);
    setMore(result.data.length === PAGE_SIZE);
  };
  onMount(() => void load(false));
  // A link to another user's or record's trail while this screen is open (a subject link).
  createEffect(
    on(
      app.route,
      (r) => {
        if (r.name !== 'audit' || (r.user === user().trim() && r.subject === subject().trim())) return;
        setUser(r.user);
        setSubject(r.subject);
        void load(false);
      },
      { defer: true },
    ),
  );

  const apply = (e: Event) => {
    e.preventDefault();
    app.replaceRoute({ name: 'audit', user: user().trim(), subject: subject().trim() });
    void load(false);
  };

  return (
    <Show
      when={!(problem()?.status === null && !entries())}
      fallback={<NeedsServer what="The audit trail" />}
    >
      <form class="card audit-filters" onSubmit={apply} data-testid="audit-filters">
        <label class="field">
          <span class="field-label">User</span>
          <input
            data-testid="audit-user"
            dir="auto"
            value={user()}
            onInput={(e) => setUser(e.currentTarget.value)}
            autocapitalize="none"
            placeholder="everyone"
          />
        </label>
        <label class="field">
          <span class="field-label">Subject</span>
          <input
            data-testid="audit-subject"
            dir="auto"
            value={subject()}
            onInput={(e) => setSubject(e.currentTarget.value)}
            autocapitalize="none"
            placeholder="item:SKU, location:CODE, user:name"
          />
        </label>
        <div class="actions">
          <button type="submit" class="button primary" data-testid="audit-apply" disabled={busy()}>
            Show
          </button>
          <Show when={user() || subject()}>
            <button
              type="button"
              class="button"
              data-testid="audit-clear"
              onClick={(e) => {
                setUser('');
                setSubject('');
                apply(e);
              }}
            >
              Everything
            </button>
          </Show>
        </div>
      </form>
      <Show when={problem()}>
        {(p) => (
          <p class="form-error" role="alert" data-testid="audit-error">
            {p().message}
          </p>
        )}
      </Show>
      <Show when={entries()} fallback={<p class="muted">Loading the audit trail…</p>}>
        {(list) => (
          <Show
            when={list().length > 0}
            fallback={
              <div class="empty" data-testid="audit-empty">
                <h2>Nothing recorded</h2>
                <p>No audit entries match. Changes made on devices are in each record's history.</p>
              </div>
            }
          >
            <p class="muted" data-testid="audit-count" data-count={list().length}>
              {list().length === 1 ? '1 entry' : `${list().length} entries`}, newest first
            </p>
            <div class="card table-wrap">
              <table class="table admin-table" data-testid="audit-table">
                <thead>
                  <tr>
                    <th>When</th>
                    <th>Who</th>
                    <th>What</th>
                    <th>Subject</th>
                    <th>Details</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={list()}>
                    {(e) => (
                      <tr
                        data-testid="audit-row"
                        data-id={e.id}
                        data-action={e.action}
                        data-subject={e.subject ?? ''}
                      >
                        <td title={e.at}>{new Date(e.at).toLocaleString()}</td>
                        <td>
                          <strong dir="auto">{e.user ?? '—'}</strong>
                          <Show when={e.device}>
                            <div class="muted" title={e.device ?? ''}>
                              device <code dir="auto">{(e.device ?? '').slice(0, 8)}</code>
                            </div>
                          </Show>
                        </td>
                        <td title={e.action} data-testid="audit-action">
                          {describeAction(e.action)}
                        </td>
                        <td>
                          <SubjectLink subject={e.subject} />
                        </td>
                        <td class="audit-details" dir="auto">
                          {formatDetails(e.details)}
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
            <Show when={more()}>
              <button
                type="button"
                class="button"
                data-testid="audit-more"
                disabled={busy()}
                onClick={() => void load(true)}
              >
                Older entries
              </button>
            </Show>
          </Show>
        )}
      </Show>
    </Show>
  );
}

function SubjectLink(props: { subject: string | null }): JSX.Element {
  const route = () => subjectRoute(props.subject);
  return (
    <Show when={route()} fallback={<bdi>{props.subject ?? ''}</bdi>}>
      {(r) => (
        <a href={routeHref(r())} dir="auto">
          {props.subject}
        </a>
      )}
    </Show>
  );
}
