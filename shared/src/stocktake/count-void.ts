import { z } from 'zod';
import { causeId } from '../ids.ts';
import { EntryId } from './count-entry.ts';
import { stamp } from './stamp.ts';

/**
 * Undo of one count entry (one tap). Its id is derived from the entry, so voiding twice,
 * or on two devices at once, is one void. A void may arrive before the entry it names:
 * the fold applies it whenever both are there. There is no un-void: count again instead.
 */
export const CountVoid = z.object({ entry: EntryId, ...stamp });
export type CountVoid = z.infer<typeof CountVoid>;

export function voidId(stocktakeId: string, entryId: string): string {
  return causeId('count-void', stocktakeId, entryId);
}
