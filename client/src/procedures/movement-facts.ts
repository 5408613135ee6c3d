import { type JobFacts, resolveReasonCode } from '@stockroom/shared/procedures/checks';
import type { ProcedureSettings } from '@stockroom/shared/procedures/settings';
import type { MovementFormValues } from '../ledger/movement-form.ts';

/**
 * What the move-stock form tells the checklist: whether the bin was scanned before an item
 * (unknown, so not refused, when nothing was scanned: a typed form has no order), the lot of
 * a tracked item, the reason code the reason names and the note (the reason text).
 */
export function movementFacts(
  values: Pick<MovementFormValues, 'type' | 'lot' | 'reason'>,
  settings: ProcedureSettings,
  scanOrder: '' | 'bin' | 'item',
  lotTracked: boolean,
): JobFacts {
  const code = resolveReasonCode(settings.reasonCodes, values.type, undefined, values.reason);
  return {
    binScannedFirst: scanOrder === '' ? undefined : scanOrder === 'bin',
    lotTracked,
    lot: values.lot,
    reasonCode: code.ok ? code.code?.code : undefined,
    note: values.reason,
  };
}
