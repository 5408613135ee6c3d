import type { Services } from '../api/services.ts';

/**
 * The cost of one unit of a SKU now, for parts issued to a work order: the perpetual moving
 * average of the current ledger period's stats (brought up to date first); else of the
 * latest earlier period that has one for it; else the item's own unit cost (nothing was
 * received at a cost yet).
 */
export async function movingAverageCost(
  services: Pick<Services, 'ledger' | 'periodStats'>,
  sku: string,
  itemUnitCost: number,
): Promise<number> {
  const { ledger, periodStats } = services;
  const current = ledger.currentPeriod();
  const periods = [...new Set([current, ...ledger.knownPeriods().filter((p) => p <= current)])]
    .sort()
    .reverse();
  // Newest first: most of the time the current period answers.
  for (const period of periods) {
    const avg = (await periodStats.stats(period)).get(sku)?.avgCost;
    if (avg !== null && avg !== undefined) return avg;
  }
  return itemUnitCost;
}
