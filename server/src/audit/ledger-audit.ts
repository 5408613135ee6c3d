import { Movement } from '@stockroom/shared/ledger/movement';
import { describeZodError } from '@stockroom/shared/validation';
import { type AuditRules, claimed, compact, type RoomAuditRow, type Writer } from './audit-rules.ts';

/**
 * Ledger rooms: one entry per movement a connection adds, about its item and its
 * location(s). A movement replaced under the same id (a concurrent copy from the same cause,
 * or a client rewriting history) and a removed one are entries too.
 */
export const ledgerAudit: AuditRules = {
  maps: ['movements', 'meta'],
  describe(changes, { room, writer }) {
    const period = room.ref.kind === 'ledger' ? room.ref.period : undefined;
    const rows: RoomAuditRow[] = [];
    for (const c of changes) {
      if (c.map === 'movements') {
        if (c.action === 'delete')
          rows.push(movementRow('movement.delete', c.key, c.oldValue, writer, period));
        else
          rows.push(
            movementRow(c.action === 'add' ? null : 'movement.replace', c.key, c.value, writer, period),
          );
      } else {
        rows.push({
          action: c.key === 'opening' ? 'ledger.opening' : 'ledger.meta',
          subject: null,
          details: { period, key: c.key, change: c.action },
        });
      }
    }
    return { rows, tallies: [] };
  },
};

/** `action` null: `movement.<type>` for a valid movement. */
function movementRow(
  action: string | null,
  key: string,
  raw: unknown,
  writer: Writer,
  period: string | undefined,
): RoomAuditRow {
  const parsed = Movement.safeParse(raw);
  if (!parsed.success || parsed.data.id !== key) {
    return {
      action: action ?? 'movement.invalid',
      subject: null,
      details: {
        id: key,
        period,
        problem: parsed.success ? 'id does not match its key' : describeZodError(parsed.error),
      },
    };
  }
  const m = parsed.data;
  const locations = [m.location, ...(m.type === 'transfer' ? [m.toLocation] : [])];
  return {
    action: action ?? `movement.${m.type}`,
    subject: `item:${m.sku}`,
    related: locations.map((l) => `location:${l}`),
    details: compact({
      id: m.id,
      type: action ? m.type : undefined,
      period,
      location: m.location,
      toLocation: m.type === 'transfer' ? m.toLocation : undefined,
      quantity: m.quantity,
      lot: m.lot,
      reference: m.reference,
      reason: m.reason,
      at: m.at,
      ...claimed(writer, m.user),
    }),
  };
}
