import { createSignal, onCleanup } from 'solid-js';
import { parseRoute, type Route, routeHref } from './route.ts';

/** The current route as a signal, following the URL's hash. */
export function createHashRoute() {
  const [route, setRoute] = createSignal<Route>(parseRoute(window.location.hash));
  const onHashChange = () => setRoute(parseRoute(window.location.hash));
  window.addEventListener('hashchange', onHashChange);
  onCleanup(() => window.removeEventListener('hashchange', onHashChange));
  return {
    route,
    navigate(next: Route) {
      const href = routeHref(next);
      if (window.location.hash === href) setRoute(next);
      else window.location.hash = href;
    },
    replaceRoute(next: Route) {
      window.history.replaceState(window.history.state, '', routeHref(next));
      setRoute(next);
    },
  };
}
