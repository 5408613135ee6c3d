// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { checkChanges } from '../sync/write-rules.ts';
import { recordKey, TRAINING_MAPS } from './records.ts';
import { trainingRules } from './write-rules.ts';

describe('training room write rules', () => {
  it('refuses every device write, an admin’s too: completions are the server’s to record', () => {
    const view = { get: () => undefined, values: () => [] };
    for (const map of [...Object.values(TRAINING_MAPS), 'other']) {
      const key = recordKey('carl', 'receive-bolts');
      const value = { user: 'carl', exercise: 'receive-bolts', skill: 'receive' };
      const change = {
        map,
        key,
        before: undefined,
        after: value,
        added: [value],
        overwrites: false,
        replaced: false,
      };
      const refusal = checkChanges(
        trainingRules,
        [change],
        { user: 'admin', device: 'd', role: 'admin' },
        view,
      );
      expect(refusal).toMatch(map === 'other' ? /not part of this room/ : /only the server writes here/);
    }
  });
});
