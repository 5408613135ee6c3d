import { z } from 'zod';
import type { Permission } from '../access/permissions.ts';
import { can, ROLES, Role } from '../access/permissions.ts';
import { Skill } from './exercises.ts';

/**
 * Who supervises training — sees records, resets the practice workspace, sets what must be
 * trained: managers and admins (the roles that manage stocktakes and floor work).
 */
export const TRAINING_MANAGE: Permission = 'stocktakes.manage';

/** One completed exercise, written by the server when its check passed (never by a device). */
export const TrainingRecord = z.object({
  user: z.string().min(1).max(64),
  exercise: z.string().min(1).max(64),
  skill: Skill,
  completedAt: z.iso.datetime(),
  /** The device session the practice was done on. */
  device: z.string().max(128),
});
export type TrainingRecord = z.infer<typeof TrainingRecord>;

/** A started attempt: movements after `startedAt` count towards it. */
export const TrainingAttempt = z.object({
  user: z.string().min(1).max(64),
  exercise: z.string().min(1).max(64),
  startedAt: z.iso.datetime(),
});
export type TrainingAttempt = z.infer<typeof TrainingAttempt>;

/**
 * Per role, the jobs that need a completed exercise of that skill before the role may do
 * them for real: `receive` (receipts, through the API and the ledger rooms) and `count`
 * (counts in stocktake rooms). Off by default: an empty list for every role.
 */
export const Requirements = z
  .object(
    Object.fromEntries(
      ROLES.map((r) => [
        r,
        z
          .array(z.enum(['receive', 'count']))
          .max(2)
          .default([]),
      ]),
    ),
  )
  .strict()
  .superRefine((req, ctx) => {
    // A requirement nobody of the role could meet would lock the role out of its job.
    for (const role of ROLES)
      if ((req[role] ?? []).length > 0 && !canDoExercises(role))
        ctx.addIssue({
          code: 'custom',
          path: [role],
          message: `${role}s cannot do the exercises (they record movements in the practice ledger), so nothing can be required of them`,
        });
  });
export type Requirements = Partial<Record<Role, ('receive' | 'count')[]>>;

export const NO_REQUIREMENTS: Requirements = Object.fromEntries(ROLES.map((r) => [r, []]));

/** The exercises record movements (receipts, issues, adjustments): ledger writers do them. */
export function canDoExercises(role: Role): boolean {
  return can(role, 'ledger.write');
}

/** The maps of the `training` room (written by the server only: see `trainingRules`). */
export const TRAINING_MAPS = { records: 'records', attempts: 'attempts', settings: 'settings' } as const;

export function recordKey(user: string, exercise: string): string {
  return `${user}\u241f${exercise}`;
}

/** Skills a user has: one completed exercise of a skill trains them for it. */
export function skillsOf(records: Iterable<TrainingRecord>, user: string): Set<Skill> {
  const out = new Set<Skill>();
  for (const r of records) if (r.user === user) out.add(r.skill);
  return out;
}

/** The skill a role still lacks for a job, or null when it may do it for real. */
export function missingSkill(
  requirements: Requirements,
  role: Role,
  skills: ReadonlySet<Skill>,
  job: 'receive' | 'count',
): 'receive' | 'count' | null {
  return requirements[role]?.includes(job) && !skills.has(job) ? job : null;
}

export { Role };
