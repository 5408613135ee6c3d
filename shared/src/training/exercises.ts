import { z } from 'zod';
import type { Movement, MovementType } from '../ledger/movement.ts';
import { fromUnits, toUnits } from '../quantity.ts';

/** What a completed exercise trains someone for: the jobs a requirement can ask for. */
export const Skill = z.enum(['receive', 'issue', 'count']);
export type Skill = z.infer<typeof Skill>;

/**
 * A guided exercise: one job done in the practice workspace with the demo data, checked by
 * the app from the practice ledger (`checkExercise`). Shipped in code, like default procedures.
 */
export interface Exercise {
  id: string;
  skill: Skill;
  title: string;
  /** What the trainee is asked to do, as the screen shows it. */
  instructions: string;
  /** The movement that does it. */
  expect: { type: MovementType; sku: string; location: string; quantity: number };
}

export const EXERCISES: readonly Exercise[] = [
  {
    id: 'receive-bolts',
    skill: 'receive',
    title: 'Receive a delivery into a bin',
    instructions:
      'A delivery of 10 BOLT (hex bolts M6) has arrived. Receive 10 BOLT into bin A-01-02 — scan the bin label before the items.',
    expect: { type: 'receive', sku: 'BOLT', location: 'A-01-02', quantity: 10 },
  },
  {
    id: 'issue-gloves',
    skill: 'issue',
    title: 'Issue parts from a bin',
    instructions:
      'The maintenance team needs 4 pairs of GLOVE (work gloves). Issue 4 GLOVE from bin A-02-01.',
    expect: { type: 'issue', sku: 'GLOVE', location: 'A-02-01', quantity: 4 },
  },
  {
    id: 'count-bearings',
    skill: 'count',
    title: 'Count a bin and correct the stock',
    instructions:
      'Count bin A-02-02: the system says 12 BEARING, you find 14 (a box was put back without being recorded). Record the count correction: adjust BEARING in A-02-02 by +2 with the reason "found".',
    expect: { type: 'adjust', sku: 'BEARING', location: 'A-02-02', quantity: 2 },
  },
];

export const ExerciseId = z.enum(EXERCISES.map((e) => e.id) as [string, ...string[]], {
  error: `must be one of ${EXERCISES.map((e) => e.id).join(', ')}`,
});

export function exerciseById(id: string): Exercise | undefined {
  return EXERCISES.find((e) => e.id === id);
}

export interface Finding {
  ok: boolean;
  message: string;
}

export interface ExerciseCheck {
  exercise: string;
  passed: boolean;
  findings: Finding[];
}

/** Whose attempt is checked: their movements recorded since they started it. */
export interface Attempt {
  user: string;
  startedAt: string;
}

const TYPE_WORDS: Record<MovementType, string> = {
  receive: 'a receipt',
  issue: 'an issue',
  transfer: 'a transfer',
  adjust: 'an adjustment',
};

/**
 * What went right and wrong in an attempt, from the practice ledger's movements: the
 * trainee's movements since the attempt started, the latest of the expected type judged on
 * item, bin and quantity (an adjustment also needs a reason). Pure: the server runs it to
 * record a completion, the app to tell the trainee.
 */
export function checkExercise(
  exercise: Exercise,
  movements: Iterable<Movement>,
  attempt: Attempt,
): ExerciseCheck {
  const want = exercise.expect;
  const mine = [...movements]
    .filter((m) => m.user === attempt.user && m.at >= attempt.startedAt)
    .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  const findings: Finding[] = [];
  const fail = (message: string) => findings.push({ ok: false, message });
  const pass = (message: string) => findings.push({ ok: true, message });
  const ofType = mine.filter((m) => m.type === want.type);
  const done = ofType.at(-1);
  if (!done) {
    const other = mine.at(-1);
    fail(
      other
        ? `You recorded ${TYPE_WORDS[other.type]}; this exercise asks for ${TYPE_WORDS[want.type]}.`
        : `Nothing recorded yet: record ${TYPE_WORDS[want.type]} in practice mode, then check again.`,
    );
    return { exercise: exercise.id, passed: false, findings };
  }
  pass(`You recorded ${TYPE_WORDS[want.type]}.`);
  if (done.sku === want.sku) pass(`Right item: ${want.sku}.`);
  else fail(`Wrong item: you chose ${done.sku}, the exercise asks for ${want.sku}.`);
  if (done.location === want.location) pass(`Right bin: ${want.location}.`);
  else fail(`Wrong bin: you used ${done.location}, the exercise asks for ${want.location}.`);
  // Quantities compare in the ledger's integer units, as stock is summed.
  if (toUnits(done.quantity) === toUnits(want.quantity))
    pass(`Right quantity: ${fromUnits(toUnits(want.quantity))}.`);
  else fail(`Wrong quantity: you recorded ${done.quantity}, the exercise asks for ${want.quantity}.`);
  if (want.type === 'adjust') {
    if (done.reason?.trim()) pass(`Reason given: “${done.reason}”.`);
    else fail('An adjustment needs a reason.');
  }
  if (ofType.length > 1)
    fail(`You recorded ${ofType.length} of them: only one was asked for — the stock would count each one.`);
  return { exercise: exercise.id, passed: findings.every((f) => f.ok), findings };
}
