import type { Role } from '@stockroom/shared/access/role';
import { CountLog } from '@stockroom/shared/stocktake/count-log';
import type { RoomRef } from '@stockroom/shared/sync/rooms';
import type { MapRule, RoomRules, Writer } from '@stockroom/shared/sync/write-rules';
import type { Skill } from '@stockroom/shared/training/exercises';
import { missingSkill, NO_REQUIREMENTS, type Requirements } from '@stockroom/shared/training/records';

/**
 * The training requirement ("a completed receive exercise before receiving for real"), kept
 * in memory so the check costs a Set lookup: the training service loads the training room
 * once at start and tells the gate about every change. One server per process, so one gate.
 */
export class TrainingGate {
  private requirements: Requirements = NO_REQUIREMENTS;
  private readonly skills = new Map<string, Set<Skill>>();
  private readonly wrapped = new WeakMap<RoomRules, RoomRules>();

  setRequirements(requirements: Requirements): void {
    this.requirements = requirements;
  }

  setSkills(user: string, skills: Set<Skill>): void {
    this.skills.set(user, skills);
  }

  clear(): void {
    this.requirements = NO_REQUIREMENTS;
    this.skills.clear();
  }

  /** Why `user` (of `role`) may not do `job` for real yet, or null. */
  refusal(user: string, role: Role, job: 'receive' | 'count'): string | null {
    const missing = missingSkill(this.requirements, role, this.skills.get(user) ?? new Set(), job);
    if (!missing) return null;
    return `${role}s must complete a ${missing} exercise in practice mode before they ${missing} for real`;
  }

  /**
   * A real room's rules with the requirement added where it applies: receipts in ledger
   * rooms, counting sessions and counts in stocktake rooms. Practice rooms never pass here.
   */
  wrap(ref: RoomRef, rules: RoomRules): RoomRules {
    if (ref.kind !== 'ledger' && ref.kind !== 'stocktake') return rules;
    let out = this.wrapped.get(rules);
    if (!out) {
      out =
        ref.kind === 'ledger'
          ? this.gated(rules, ['movements'], (value) => (typeOf(value) === 'receive' ? 'receive' : null))
          : this.gated(rules, ['sessions', CountLog.MAP], () => 'count');
      this.wrapped.set(rules, out);
    }
    return out;
  }

  private gated(
    rules: RoomRules,
    maps: string[],
    jobOf: (value: unknown) => 'receive' | 'count' | null,
  ): RoomRules {
    const out: Record<string, MapRule> = { ...rules.maps };
    for (const name of maps) {
      const rule = rules.maps[name];
      if (!rule) continue;
      out[name] = {
        ...rule,
        add: (value, key, writer: Writer, view) => {
          const job = jobOf(value);
          const refused = job ? this.refusal(writer.user, writer.role, job) : null;
          return refused ?? rule.add?.(value, key, writer, view) ?? null;
        },
      };
    }
    return { maps: out };
  }
}

function typeOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
}

export const trainingGate = new TrainingGate();
