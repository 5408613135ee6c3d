import { z } from 'zod';
import type { ApiClient } from '../session/api-client.ts';
import type { KeyValueStore } from '../session/key-value-store.ts';

const KEY = 'stockroom/counters';
const Counters = z.array(z.object({ username: z.string(), role: z.string() }));
export type CounterChoice = z.infer<typeof Counters>[number];

/** The last list of users who may count this device saw: a form opened offline still offers them. */
export function cachedCounters(store: KeyValueStore): CounterChoice[] | null {
  try {
    const parsed = Counters.safeParse(JSON.parse(store.getItem(KEY) ?? 'null'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Asks the server for the users who may count, and keeps the answer; the cached list when offline. */
export async function loadCounters(api: ApiClient, store: KeyValueStore): Promise<CounterChoice[] | null> {
  const res = await api.get('/api/stocktakes/counters', Counters);
  if (!res.ok) return cachedCounters(store);
  store.setItem(KEY, JSON.stringify(res.data));
  return res.data;
}
