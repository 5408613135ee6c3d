import { periodOf } from '@stockroom/shared/ledger/period';
import { ledgerRoom, practiceRoom, TRAINING_ROOM } from '@stockroom/shared/sync/rooms';
import { checkExercise, type Exercise, type ExerciseCheck } from '@stockroom/shared/training/exercises';
import {
  NO_REQUIREMENTS,
  Requirements,
  recordKey,
  skillsOf,
  TRAINING_MAPS,
  TrainingAttempt,
  TrainingRecord,
} from '@stockroom/shared/training/records';
import type * as Y from 'yjs';
import type { Room } from '../sync/room.ts';
import type { RoomRegistry } from '../sync/room-registry.ts';
import { type TrainingGate, trainingGate } from './gate.ts';
import { PracticeWorkspace, practiceLedgerOf } from './practice-workspace.ts';

const REQUIREMENTS_KEY = 'requirements';

/**
 * Training on the server: attempts, completions and requirements in the `training` room
 * (server-written only), cached in memory and handed to the gate, so the requirement check on
 * real receipts and counts never loads a room. Completions are recorded only here, after the
 * server's own check of the practice ledger passed.
 */
export class TrainingService {
  readonly practice: PracticeWorkspace;
  private records = new Map<string, TrainingRecord>();
  private attempts = new Map<string, TrainingAttempt>();
  private requirements: Requirements = NO_REQUIREMENTS;
  private loaded: Promise<void> | null = null;

  constructor(
    private readonly registry: RoomRegistry,
    storedRooms: () => string[],
    private readonly gate: TrainingGate = trainingGate,
  ) {
    this.practice = new PracticeWorkspace(registry, storedRooms);
  }

  /** Reads the training room once (at start, and before the first route uses it). */
  load(): Promise<void> {
    this.loaded ??= this.registry.with(TRAINING_ROOM, (room) => {
      const { records, attempts, settings } = maps(room.doc);
      for (const [key, value] of records) {
        const r = TrainingRecord.safeParse(value);
        if (r.success) this.records.set(key, r.data);
      }
      for (const [key, value] of attempts) {
        const a = TrainingAttempt.safeParse(value);
        if (a.success) this.attempts.set(key, a.data);
      }
      const req = Requirements.safeParse(settings.get(REQUIREMENTS_KEY) ?? {});
      this.requirements = req.success ? req.data : NO_REQUIREMENTS;
      this.publish();
    });
    return this.loaded;
  }

  async allRecords(): Promise<TrainingRecord[]> {
    await this.load();
    return [...this.records.values()].sort(
      (a, b) => a.user.localeCompare(b.user) || a.completedAt.localeCompare(b.completedAt),
    );
  }

  async currentRequirements(): Promise<Requirements> {
    await this.load();
    return this.requirements;
  }

  async setRequirements(requirements: Requirements): Promise<Requirements> {
    await this.load();
    await this.registry.with(TRAINING_ROOM, (room) =>
      room.write(() => maps(room.doc).settings.set(REQUIREMENTS_KEY, requirements)),
    );
    this.requirements = requirements;
    this.publish();
    return requirements;
  }

  async attemptOf(user: string, exercise: string): Promise<TrainingAttempt | undefined> {
    await this.load();
    return this.attempts.get(recordKey(user, exercise));
  }

  /** Starts (or restarts) an attempt: only movements recorded from now on count. */
  async start(user: string, exercise: Exercise, now = new Date()): Promise<TrainingAttempt> {
    await this.load();
    await this.practice.ensure(periodOf(now), now);
    const attempt: TrainingAttempt = { user, exercise: exercise.id, startedAt: now.toISOString() };
    const key = recordKey(user, exercise.id);
    await this.registry.with(TRAINING_ROOM, (room) =>
      room.write(() => maps(room.doc).attempts.set(key, attempt)),
    );
    this.attempts.set(key, attempt);
    return attempt;
  }

  /**
   * Checks the attempt against the practice ledger (this month's, and the month it started
   * in); a pass is recorded once, with the time of the first pass.
   */
  async check(
    user: string,
    device: string,
    exercise: Exercise,
    attempt: TrainingAttempt,
    now = new Date(),
  ): Promise<{ check: ExerciseCheck; record: TrainingRecord | null }> {
    const periods = [...new Set([periodOf(new Date(attempt.startedAt)), periodOf(now)])];
    const movements = [];
    for (const period of periods) {
      movements.push(
        ...(await this.registry.with(practiceRoom(ledgerRoom(period)), (room: Room) => [
          ...practiceLedgerOf(room, period).movements.values(),
        ])),
      );
    }
    const check = checkExercise(exercise, movements, attempt);
    if (!check.passed) return { check, record: null };
    const key = recordKey(user, exercise.id);
    const held = this.records.get(key);
    if (held) return { check, record: held };
    const record: TrainingRecord = {
      user,
      exercise: exercise.id,
      skill: exercise.skill,
      completedAt: now.toISOString(),
      device,
    };
    await this.registry.with(TRAINING_ROOM, (room) =>
      room.write(() => maps(room.doc).records.set(key, record)),
    );
    this.records.set(key, record);
    this.gate.setSkills(user, skillsOf(this.records.values(), user));
    return { check, record };
  }

  private publish(): void {
    this.gate.setRequirements(this.requirements);
    const users = new Set([...this.records.values()].map((r) => r.user));
    for (const user of users) this.gate.setSkills(user, skillsOf(this.records.values(), user));
  }
}

function maps(doc: Y.Doc) {
  return {
    records: doc.getMap<unknown>(TRAINING_MAPS.records),
    attempts: doc.getMap<unknown>(TRAINING_MAPS.attempts),
    settings: doc.getMap<unknown>(TRAINING_MAPS.settings),
  };
}

const services = new WeakMap<RoomRegistry, TrainingService>();

/** The training service of a server (one per room registry), made on first use. */
export function trainingFor(registry: RoomRegistry, storedRooms: () => string[]): TrainingService {
  let s = services.get(registry);
  if (!s) {
    s = new TrainingService(registry, storedRooms);
    services.set(registry, s);
  }
  return s;
}
