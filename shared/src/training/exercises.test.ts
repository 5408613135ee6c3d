// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { Movement } from '../ledger/movement.ts';
import { checkExercise, exerciseById } from './exercises.ts';
import { missingSkill, NO_REQUIREMENTS, skillsOf } from './records.ts';

const receive = exerciseById('receive-bolts');
const count = exerciseById('count-bearings');
if (!receive || !count) throw new Error('exercises missing');
const attempt = { user: 'tina', startedAt: '2026-12-03T10:00:00.000Z' };
let n = 0;
function m(fields: Partial<Movement>): Movement {
  n++;
  return {
    id: `m${n}`,
    type: 'receive',
    sku: 'BOLT',
    location: 'A-01-02',
    quantity: 10,
    user: 'tina',
    device: 'd1',
    at: `2026-12-03T10:0${n % 10}:00.000Z`,
    ...fields,
  } as Movement;
}
const messages = (c: ReturnType<typeof checkExercise>) =>
  c.findings.filter((f) => !f.ok).map((f) => f.message);

describe('checkExercise', () => {
  it('passes the exact movement asked for', () => {
    const c = checkExercise(receive, [m({})], attempt);
    expect(c.passed).toBe(true);
    expect(c.findings.every((f) => f.ok)).toBe(true);
  });

  it('names a wrong bin, item and quantity', () => {
    const c = checkExercise(receive, [m({ location: 'A-01-03', sku: 'NUT', quantity: 100 })], attempt);
    expect(c.passed).toBe(false);
    expect(messages(c)).toEqual([
      'Wrong item: you chose NUT, the exercise asks for BOLT.',
      'Wrong bin: you used A-01-03, the exercise asks for A-01-02.',
      'Wrong quantity: you recorded 100, the exercise asks for 10.',
    ]);
  });

  it('says when nothing or the wrong kind of movement was recorded', () => {
    expect(messages(checkExercise(receive, [], attempt))[0]).toMatch(/^Nothing recorded yet/);
    expect(messages(checkExercise(receive, [m({ type: 'issue' })], attempt))).toEqual([
      'You recorded an issue; this exercise asks for a receipt.',
    ]);
  });

  it("ignores other users' movements and movements from before the attempt", () => {
    const others = [m({ user: 'bob' }), m({ at: '2026-12-03T09:59:59.000Z' })];
    expect(checkExercise(receive, others, attempt).passed).toBe(false);
  });

  it('refuses a doubled receipt: the stock would count both', () => {
    const c = checkExercise(receive, [m({}), m({})], attempt);
    expect(c.passed).toBe(false);
    expect(messages(c)[0]).toMatch(/recorded 2 of them/);
  });

  it('passes a count correction recorded with its reason', () => {
    const c = checkExercise(
      count,
      [m({ type: 'adjust', sku: 'BEARING', location: 'A-02-02', quantity: 2, reason: 'found' })],
      attempt,
    );
    expect(c.passed).toBe(true);
  });
});

describe('training requirements', () => {
  it('require nothing by default, and a completed skill satisfies its job', () => {
    expect(missingSkill(NO_REQUIREMENTS, 'clerk', new Set(), 'receive')).toBeNull();
    const req = { ...NO_REQUIREMENTS, clerk: ['receive' as const] };
    expect(missingSkill(req, 'clerk', new Set(), 'receive')).toBe('receive');
    expect(missingSkill(req, 'clerk', new Set(), 'count')).toBeNull();
    const skills = skillsOf(
      [
        {
          user: 'tina',
          exercise: 'receive-bolts',
          skill: 'receive',
          completedAt: attempt.startedAt,
          device: 'd',
        },
      ],
      'tina',
    );
    expect(missingSkill(req, 'clerk', skills, 'receive')).toBeNull();
  });
});
