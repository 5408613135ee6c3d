/*
 * The lots routes, kept here so that route.ts only delegates (other sections add their
 * routes to it at the same time): `#/lots?days=&sku=&category=` (what expires soon, expired stock)
 * and `#/trace?sku=&lot=` or `&serial=` (everything that happened to one lot or serial).
 */

export type LotRoute =
  | { name: 'lots'; days: string; sku: string; category?: string }
  | { name: 'trace'; sku: string; lot: string; serial: string };

const NAMES = new Set<string>(['lots', 'trace']);

export function isLotRoute(route: { name: string }): route is LotRoute {
  return NAMES.has(route.name);
}

/** `head` is the first path segment, `rest` the others; null when the path is not one of these. */
export function parseLotRoute(
  head: string,
  rest: readonly string[],
  param: (key: string) => string,
): LotRoute | null {
  if (rest.length > 0) return null;
  if (head === 'lots') {
    const days = /^\d{1,4}$/.test(param('days')) ? param('days') : '';
    const category = param('category');
    return { name: 'lots', days, sku: param('sku'), ...(category ? { category } : {}) };
  }
  if (head === 'trace')
    return { name: 'trace', sku: param('sku'), lot: param('lot'), serial: param('serial') };
  return null;
}

export function lotHref(route: LotRoute): string {
  const query = new URLSearchParams();
  const params: Record<string, string> =
    route.name === 'lots'
      ? { days: route.days, sku: route.sku, category: route.category ?? '' }
      : { sku: route.sku, lot: route.lot, serial: route.serial };
  for (const [k, v] of Object.entries(params)) if (v) query.set(k, v);
  const path = route.name === 'lots' ? '/lots' : '/trace';
  const s = query.toString();
  return s ? `#${path}?${s}` : `#${path}`;
}

/** The trace of a lot belongs with the lots list in the navigation. */
export function lotSection(_route: LotRoute): string {
  return 'lots';
}
