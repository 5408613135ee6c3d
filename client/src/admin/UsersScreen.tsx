import { createSignal, For, type JSX, onMount, Show } from 'solid-js';
import { z } from 'zod';
import { useApp } from '../app/app-context.ts';
import { NeedsServer, OnlineOnly } from '../app/OnlineOnly.tsx';
import { auditRoute } from '../audit/audit-view.ts';
import { routeHref } from '../routing/route.ts';
import type { ApiResult } from '../session/api-client.ts';
import { canManageUsers, canReadAudit } from '../session/permissions.ts';
import type { Role } from '../session/session.ts';
import { SelectField, TextField } from '../ui/Field.tsx';
import { failureText, focusFirstError } from '../ui/form-errors.ts';
import { TableWrap } from '../ui/TableWrap.tsx';
import { AdminTabs, NotAllowed } from './AdminTabs.tsx';
import { ROLE_OPTIONS, UserRecord } from './admin-api.ts';

type Failure = Extract<ApiResult<unknown>, { ok: false }>;

/** Users: create with a role, change role, deactivate/reactivate, reset a password (admins, online). */
export function UsersScreen(): JSX.Element {
  const app = useApp();
  return (
    <section class="screen" data-testid="users-screen">
      <div class="screen-head">
        <h1>Users</h1>
        <AdminTabs current="users" />
      </div>
      <Show
        when={canManageUsers(app.session().user.role)}
        fallback={<NotAllowed what="Only admins manage users." />}
      >
        <OnlineOnly what="Managing users">
          <UsersPanel />
        </OnlineOnly>
      </Show>
    </section>
  );
}

function UsersPanel(): JSX.Element {
  const app = useApp();
  const [users, setUsers] = createSignal<UserRecord[] | null>(null);
  const [problem, setProblem] = createSignal<Failure | null>(null);
  const [adding, setAdding] = createSignal(false);

  const load = async () => {
    const result = await app.api.get('/api/users', z.array(UserRecord));
    if (result.ok) {
      setUsers([...result.data].sort((a, b) => a.username.localeCompare(b.username)));
      setProblem(null);
    } else setProblem(result);
  };
  onMount(() => void load());

  /** Applies a change to one user; the list is reloaded either way so it shows the truth. */
  const change = async (username: string, patch: Record<string, unknown>, done: string) => {
    const result = await app.api.send(
      'PATCH',
      `/api/users/${encodeURIComponent(username)}`,
      UserRecord,
      patch,
    );
    if (result.ok) app.notify(done);
    else app.notify(failureText(result));
    await load();
    return result;
  };

  return (
    <Show when={!(problem()?.status === null && !users())} fallback={<NeedsServer what="Managing users" />}>
      <Show when={problem()}>
        {(p) => (
          <p class="form-error" role="alert" data-testid="users-error">
            {p().message}
          </p>
        )}
      </Show>
      <div class="toolbar">
        <Show when={!adding()}>
          <button
            type="button"
            class="button primary"
            data-testid="users-new"
            onClick={() => setAdding(true)}
          >
            New user
          </button>
        </Show>
        <Show when={users()}>
          {(list) => (
            <span class="muted" data-testid="users-count" data-count={list().length}>
              {list().length === 1 ? '1 user' : `${list().length} users`}
            </span>
          )}
        </Show>
      </div>
      <Show when={adding()}>
        <NewUserForm
          onDone={(created) => {
            setAdding(false);
            if (created) {
              app.notify(`User ${created} created`);
              void load();
            }
          }}
        />
      </Show>
      <Show when={users()} fallback={<p class="muted">Loading users…</p>}>
        {(list) => (
          <TableWrap label="Users">
            <table class="table admin-table" data-testid="users-table">
              <thead>
                <tr>
                  <th>User</th>
                  <th>Role</th>
                  <th>Status</th>
                  <th>Actions</th>
                </tr>
              </thead>
              <tbody>
                <For each={list()}>{(u) => <UserRow user={u} onChange={change} />}</For>
              </tbody>
            </table>
          </TableWrap>
        )}
      </Show>
    </Show>
  );
}

function UserRow(props: {
  user: UserRecord;
  onChange: (username: string, patch: Record<string, unknown>, done: string) => Promise<ApiResult<unknown>>;
}): JSX.Element {
  const app = useApp();
  const self = () => props.user.username === app.session().user.username;
  const [resetting, setResetting] = createSignal(false);
  const [password, setPassword] = createSignal('');
  const [passwordError, setPasswordError] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  let passwordForm: HTMLFormElement | undefined;

  const run = async (patch: Record<string, unknown>, done: string) => {
    setBusy(true);
    const result = await props.onChange(props.user.username, patch, done);
    setBusy(false);
    return result;
  };
  const resetPassword = async (e: Event) => {
    e.preventDefault();
    const result = await run({ password: password() }, `New password set for ${props.user.username}`);
    if (result.ok) {
      setResetting(false);
      setPassword('');
      setPasswordError('');
    } else {
      setPasswordError(result.fields.password ?? result.message);
      focusFirstError(passwordForm);
    }
  };

  return (
    <tr
      data-testid="user-row"
      data-username={props.user.username}
      data-role={props.user.role}
      data-active={props.user.active ? 'true' : 'false'}
      classList={{ archived: !props.user.active }}
    >
      <td>
        <strong data-testid="user-name" dir="auto">
          {props.user.username}
        </strong>
        <Show when={self()}>
          {' '}
          <span class="badge self">you</span>
        </Show>
      </td>
      <td>
        <select
          data-testid="user-role"
          aria-label={`Role of ${props.user.username}`}
          value={props.user.role}
          disabled={busy() || self()}
          title={self() ? 'Another admin changes your own role' : undefined}
          onChange={(e) => {
            const role = e.currentTarget.value as Role;
            void run({ role }, `${props.user.username} is now ${role}`);
          }}
        >
          <For each={ROLE_OPTIONS}>
            {(o) => (
              <option value={o.value} selected={o.value === props.user.role}>
                {o.value}
              </option>
            )}
          </For>
        </select>
      </td>
      <td>
        <span class="badge" classList={{ inactive: !props.user.active }} data-testid="user-status">
          {props.user.active ? 'Active' : 'Deactivated'}
        </span>
      </td>
      <td>
        <div class="row-actions">
          <Show
            when={props.user.active}
            fallback={
              <button
                type="button"
                class="button"
                data-testid="user-reactivate"
                disabled={busy()}
                onClick={() => void run({ active: true }, `${props.user.username} can log in again`)}
              >
                Reactivate
              </button>
            }
          >
            <button
              type="button"
              class="button danger"
              data-testid="user-deactivate"
              disabled={busy() || self()}
              title={self() ? 'Another admin deactivates your own account' : 'Signs them out on every device'}
              onClick={() =>
                void run({ active: false }, `${props.user.username} is deactivated and signed out everywhere`)
              }
            >
              Deactivate
            </button>
          </Show>
          <button
            type="button"
            class="button"
            data-testid="user-reset-password"
            aria-expanded={resetting()}
            onClick={() => setResetting(!resetting())}
          >
            Reset password
          </button>
          <a
            class="button"
            data-testid="user-sessions"
            href={routeHref({ name: 'admin-sessions', user: props.user.username })}
          >
            Devices
          </a>
          <Show when={canReadAudit(app.session().user.role)}>
            <a
              class="button"
              data-testid="user-audit"
              href={routeHref(auditRoute('user', props.user.username))}
            >
              Audit
            </a>
          </Show>
        </div>
        <Show when={resetting()}>
          <form
            class="inline-form"
            ref={passwordForm}
            onSubmit={resetPassword}
            noValidate
            data-testid="user-password-form"
          >
            <TextField
              label={
                <>
                  New password for <bdi>{props.user.username}</bdi>
                </>
              }
              testId="user-password"
              type="password"
              autocomplete="new-password"
              value={password()}
              onValue={setPassword}
              error={passwordError() || undefined}
              hint="At least 8 characters. They are signed out everywhere."
              focus
            />
            <button type="submit" class="button primary" data-testid="user-password-submit" disabled={busy()}>
              Set password
            </button>
          </form>
        </Show>
      </td>
    </tr>
  );
}

function NewUserForm(props: { onDone: (created: string | null) => void }): JSX.Element {
  const app = useApp();
  const [username, setUsername] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [role, setRole] = createSignal<Role>('clerk');
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [message, setMessage] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  let formEl: HTMLFormElement | undefined;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy()) return;
    setBusy(true);
    const result = await app.api.send('POST', '/api/users', UserRecord, {
      username: username(),
      password: password(),
      role: role(),
    });
    setBusy(false);
    if (result.ok) {
      props.onDone(result.data.username);
      return;
    }
    setErrors(result.fields);
    // The message is shown unless every problem already sits on its field.
    const fields = Object.keys(result.fields);
    const placed = fields.length > 0 && fields.every((k) => ['username', 'password', 'role'].includes(k));
    setMessage(placed ? '' : result.message);
    focusFirstError(formEl);
  };

  return (
    <form class="card form" ref={formEl} onSubmit={submit} noValidate data-testid="user-form">
      <h2 class="subhead">New user</h2>
      <div class="grid">
        <TextField
          label="Username"
          testId="user-form-username"
          value={username()}
          onValue={setUsername}
          error={errors().username}
          autocapitalize="none"
          autocomplete="off"
          hint="Letters, digits and . _ -"
          focus
        />
        <TextField
          label="Password"
          testId="user-form-password"
          type="password"
          autocomplete="new-password"
          value={password()}
          onValue={setPassword}
          error={errors().password}
          hint="At least 8 characters"
        />
        <SelectField
          label="Role"
          testId="user-form-role"
          value={role()}
          onValue={(v) => setRole(v as Role)}
          options={ROLE_OPTIONS}
          error={errors().role}
        />
      </div>
      <Show when={message()}>
        <p class="form-error" role="alert" data-testid="user-form-error">
          {message()}
        </p>
      </Show>
      <div class="actions">
        <button type="submit" class="button primary big" data-testid="user-form-submit" disabled={busy()}>
          Create user
        </button>
        <button
          type="button"
          class="button"
          data-testid="user-form-cancel"
          onClick={() => props.onDone(null)}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
