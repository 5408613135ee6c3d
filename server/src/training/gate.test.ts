// @vitest-environment node
import { ledgerRules } from '@stockroom/shared/ledger/write-rules';
import { CountLog } from '@stockroom/shared/stocktake/count-log';
import { stocktakeRules } from '@stockroom/shared/stocktake/write-rules';
import { checkChanges, type EntryChange } from '@stockroom/shared/sync/write-rules';
import { NO_REQUIREMENTS } from '@stockroom/shared/training/records';
import { describe, expect, it } from 'vitest';
import { TrainingGate } from './gate.ts';

const view = { get: () => undefined, values: () => [] };
const carl = { user: 'carl', device: 'd1', role: 'clerk' as const };
function movement(type: string) {
  const value = {
    id: `m-${type}`,
    type,
    sku: 'BOLT',
    location: 'A-01',
    quantity: 1,
    user: 'carl',
    device: 'd1',
    at: new Date().toISOString(),
  };
  const change: EntryChange = {
    map: 'movements',
    key: value.id,
    before: undefined,
    after: value,
    added: [value],
    overwrites: false,
    replaced: false,
  };
  return change;
}

describe('the training gate on real rooms', () => {
  it('changes nothing while no requirement is set', () => {
    const gate = new TrainingGate();
    const rules = gate.wrap({ kind: 'ledger', period: '2026-12' }, ledgerRules);
    expect(checkChanges(rules, [movement('receive')], carl, view)).toBeNull();
  });

  it('refuses an untrained receipt, but not an issue, and lets a trained user receive', () => {
    const gate = new TrainingGate();
    gate.setRequirements({ ...NO_REQUIREMENTS, clerk: ['receive'] });
    const rules = gate.wrap({ kind: 'ledger', period: '2026-12' }, ledgerRules);
    expect(checkChanges(rules, [movement('receive')], carl, view)).toMatch(/complete a receive exercise/);
    expect(checkChanges(rules, [movement('issue')], carl, view)).toBeNull();
    gate.setSkills('carl', new Set(['receive']));
    expect(checkChanges(rules, [movement('receive')], carl, view)).toBeNull();
    // The ledger's own rules still apply underneath.
    expect(checkChanges(rules, [{ ...movement('receive'), key: 'other' }], carl, view)).toMatch(
      /id is not its key/,
    );
  });

  it('refuses counts in a real stocktake room while counting is required; other rooms pass unwrapped', () => {
    const gate = new TrainingGate();
    gate.setRequirements({ ...NO_REQUIREMENTS, clerk: ['count'] });
    const rules = gate.wrap({ kind: 'stocktake', id: 'S1' }, stocktakeRules('S1'));
    const entry = {
      map: CountLog.MAP,
      key: 'e1',
      before: undefined,
      after: 'x',
      added: ['x'],
      overwrites: false,
      replaced: false,
    };
    expect(checkChanges(rules, [entry], carl, view)).toMatch(/complete a count exercise/);
    expect(gate.wrap({ kind: 'catalog' }, ledgerRules)).toBe(ledgerRules);
  });
});
