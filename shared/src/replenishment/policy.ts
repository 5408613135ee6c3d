import { DEFAULT_REPLENISHMENT, ReplenishmentSettings } from '../catalog/item.ts';

/**
 * An item's replenishment policy: `{method: 'manual' | 'computed' (default manual),
 * serviceLevel (0.5, 0.9999] default 0.95, windowDays 7..730 default 90, reviewDays 0..365
 * default 14}`, whole days. It is the schema the catalog stores on every item
 * (`Item.replenishment`), re-exported here rather than copied so the two can never disagree;
 * its messages are plain words naming the limit ("must be at least 7", "must be at most
 * 0.9999 (99.99 %)", "must be whole days"). policy.test.ts holds it to the limits.
 */
export const ReplenishmentPolicy = ReplenishmentSettings;
export type ReplenishmentPolicy = ReplenishmentSettings;
export const DEFAULT_POLICY: ReplenishmentPolicy = DEFAULT_REPLENISHMENT;
