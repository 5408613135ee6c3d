import { can } from '@stockroom/shared/access/permissions';
import type { Role } from '@stockroom/shared/access/role';
import { TRAINING_MANAGE } from '@stockroom/shared/training/records';
/*
 * The training route, kept here so that route.ts only delegates: `#/training` (practice
 * mode switch, guided exercises; for managers, who is trained and what is required).
 */

export type TrainingRoute = { name: 'training' };

export function isTrainingRoute(route: { name: string }): route is TrainingRoute {
  return route.name === 'training';
}

export function parseTrainingRoute(head: string, rest: readonly string[]): TrainingRoute | null {
  return head === 'training' && rest.length === 0 ? { name: 'training' } : null;
}

export const TRAINING_HREF = '#/training';

/** The exercises record movements: people who write the ledger do them; managers supervise. */
export function canTrain(role: Role): boolean {
  return can(role, 'ledger.write') || can(role, TRAINING_MANAGE);
}
