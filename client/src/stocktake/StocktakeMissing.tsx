import { Show } from 'solid-js';
import { useApp } from '../app/app-context.ts';
import { routeHref } from '../routing/route.ts';
import { useStocktakeIndex } from './use-room.ts';

/**
 * What to say when a stocktake's room holds no definition. The stocktake's own room cannot
 * tell "not here yet" from "does not exist" (the server refuses a never-written room before
 * the upgrade, which a browser cannot see), so the index of stocktakes decides: once the
 * server has answered it, an id it does not list does not exist.
 */
export function StocktakeMissing(props: { id: string; testId: string }) {
  const app = useApp();
  const index = useStocktakeIndex(app.ws);
  const notFound = () => {
    index.tick();
    index.syncTick();
    const model = index.model();
    return !!model && index.connection.statusSnapshot.synced && !model.get(props.id);
  };
  return (
    <div class="empty" data-testid={props.testId} data-reason={notFound() ? 'not-found' : 'not-synced'}>
      <Show
        when={notFound()}
        fallback={
          <>
            <h2>This stocktake is not on this device yet</h2>
            <p>It arrives as soon as the device is online.</p>
          </>
        }
      >
        <h2>No such stocktake</h2>
        <p>
          There is no stocktake with the id <code>{props.id}</code>.{' '}
          <a href={routeHref({ name: 'stocktakes' })}>See the stocktakes</a>
        </p>
      </Show>
    </div>
  );
}
