import { For, type JSX, Show } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import { routeHref } from '../routing/route.ts';
import { canManageUsers } from '../session/permissions.ts';
import './admin.css';

type Tab = 'users' | 'sessions' | 'audit';

/** Users · Devices and sessions · Audit, for admins; managers only see the audit. */
export function AdminTabs(props: { current: Tab }): JSX.Element {
  const app = useApp();
  const tabs = () =>
    [
      { id: 'users' as const, label: 'Users', href: routeHref({ name: 'admin-users' }), admin: true },
      {
        id: 'sessions' as const,
        label: 'Devices and sessions',
        href: routeHref({ name: 'admin-sessions', user: '' }),
        admin: true,
      },
      {
        id: 'audit' as const,
        label: 'Audit',
        href: routeHref({ name: 'audit', user: '', subject: '' }),
        admin: false,
      },
    ].filter((t) => !t.admin || canManageUsers(app.session().user.role));
  return (
    <Show when={tabs().length > 1}>
      <nav class="segmented admin-tabs" aria-label="Administration">
        <For each={tabs()}>
          {(t) => (
            <a
              href={t.href}
              data-testid={`admin-tab-${t.id}`}
              aria-current={t.id === props.current ? 'page' : undefined}
            >
              {t.label}
            </a>
          )}
        </For>
      </nav>
    </Show>
  );
}

export function NotAllowed(props: { what: string }): JSX.Element {
  return (
    <div class="empty" data-testid="admin-not-allowed">
      <h2>Not for your role</h2>
      <p>{props.what}</p>
    </div>
  );
}
