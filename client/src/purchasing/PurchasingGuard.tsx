import { type JSX, Show } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import { canReadPurchasing } from './purchasing-permissions.ts';

/** Purchase orders only for roles that read them (the server refuses their rooms to anyone else). */
export function PurchasingGuard(props: { children: JSX.Element }) {
  const app = useApp();
  return (
    <Show
      when={canReadPurchasing(app.session().user.role)}
      fallback={
        <section class="screen">
          <p class="notice" data-testid="po-not-allowed">
            Your role does not see purchase orders.
          </p>
        </section>
      }
    >
      {props.children}
    </Show>
  );
}
