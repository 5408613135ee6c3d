import { z } from 'zod';
import { compareText, EventId, stamp, UserId } from './stamp.ts';

/**
 * Assigned counters as an observed-remove set: an unassign names the assignments it saw,
 * so an assignment made concurrently with an unassign survives (add wins), and assigning
 * or unassigning twice changes nothing.
 */
export const CounterAssignment = z.discriminatedUnion('type', [
  z.object({ type: z.literal('assign'), counter: UserId, ...stamp }),
  z.object({ type: z.literal('unassign'), counter: UserId, removes: z.array(EventId).max(1000), ...stamp }),
]);
export type CounterAssignment = z.infer<typeof CounterAssignment>;

export function assignedCounters(events: Iterable<CounterAssignment>): string[] {
  const list = [...events];
  const removed = new Set<string>();
  for (const e of list) if (e.type === 'unassign') for (const id of e.removes) removed.add(id);
  const out = new Set<string>();
  for (const e of list) if (e.type === 'assign' && !removed.has(e.id)) out.add(e.counter);
  return [...out].sort(compareText);
}

/** The assignment ids an unassign of `counter` must name. */
export function liveAssignments(events: Iterable<CounterAssignment>, counter: string): string[] {
  const list = [...events];
  const removed = new Set<string>();
  for (const e of list) if (e.type === 'unassign') for (const id of e.removes) removed.add(id);
  return list
    .filter((e) => e.type === 'assign' && e.counter === counter && !removed.has(e.id))
    .map((e) => e.id)
    .sort(compareText);
}
