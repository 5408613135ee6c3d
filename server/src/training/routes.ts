import { periodOf } from '@stockroom/shared/ledger/period';
import { EXERCISES, ExerciseId, exerciseById } from '@stockroom/shared/training/exercises';
import {
  Requirements,
  TRAINING_MANAGE,
  TrainingAttempt,
  TrainingRecord,
} from '@stockroom/shared/training/records';
import { z } from 'zod';
import { type ApiRoute, audit, reply, route, sessionOf } from '../api/route.ts';
import { auth } from '../api/route-support.ts';
import { ApiError, ErrorBody } from '../http/errors.ts';
import { trainingFor } from './training-service.ts';

const TAG = 'training';

const ExerciseBody = z.object({
  id: z.string(),
  skill: z.string(),
  title: z.string(),
  instructions: z.string(),
  expect: z.object({ type: z.string(), sku: z.string(), location: z.string(), quantity: z.number() }),
});
const CheckReply = z.object({
  exercise: z.string(),
  passed: z.boolean(),
  findings: z.array(z.object({ ok: z.boolean(), message: z.string() })),
  record: TrainingRecord.nullable(),
});
const ExerciseParams = z.object({ id: ExerciseId });

function exerciseOf(params: Record<string, string>) {
  const parsed = ExerciseParams.safeParse(params);
  if (!parsed.success) throw ApiError.fromZod(parsed.error);
  const exercise = exerciseById(parsed.data.id);
  if (!exercise) throw new ApiError('not_found', `no exercise ${parsed.data.id}`);
  return exercise;
}

const training = (ctx: {
  services: { rooms: Parameters<typeof trainingFor>[0]; storedRooms: () => string[] };
}) => trainingFor(ctx.services.rooms, ctx.services.storedRooms);

export const TRAINING_ROUTES: ApiRoute[] = [
  route({
    method: 'GET',
    path: '/api/training/exercises',
    tag: TAG,
    summary: 'The guided exercises of practice mode, with your own attempt and completion of each',
    access: 'authenticated',
    responses: {
      200: {
        description: 'Exercises',
        schema: z.array(
          ExerciseBody.extend({ attempt: TrainingAttempt.nullable(), completed: TrainingRecord.nullable() }),
        ),
      },
      ...auth,
    },
    async handle(ctx) {
      const user = sessionOf(ctx).username;
      const t = training(ctx);
      const records = await t.allRecords();
      const out = [];
      for (const e of EXERCISES) {
        out.push({
          ...e,
          attempt: (await t.attemptOf(user, e.id)) ?? null,
          completed: records.find((r) => r.user === user && r.exercise === e.id) ?? null,
        });
      }
      return reply(200, out);
    },
  }),
  route({
    method: 'POST',
    path: '/api/training/exercises/{id}/start',
    tag: TAG,
    summary:
      'Starts (or restarts) an exercise: the practice workspace is seeded if needed, and only movements you record in it from now on count',
    access: 'authenticated',
    responses: {
      200: { description: 'Started', schema: TrainingAttempt },
      400: { description: 'Unknown exercise', schema: ErrorBody },
      ...auth,
    },
    async handle(ctx) {
      const exercise = exerciseOf(ctx.params);
      const attempt = await training(ctx).start(sessionOf(ctx).username, exercise);
      return reply(200, attempt);
    },
  }),
  route({
    method: 'POST',
    path: '/api/training/exercises/{id}/check',
    tag: TAG,
    summary:
      'Checks your attempt against the practice ledger and says what went right or wrong; a pass is recorded as a training record (by the server: devices cannot write records)',
    access: 'authenticated',
    responses: {
      200: { description: 'The check (record: the completion, once passed)', schema: CheckReply },
      400: { description: 'Unknown exercise', schema: ErrorBody },
      409: { description: 'The exercise was not started', schema: ErrorBody },
      ...auth,
    },
    async handle(ctx) {
      const exercise = exerciseOf(ctx.params);
      const session = sessionOf(ctx);
      const t = training(ctx);
      const attempt = await t.attemptOf(session.username, exercise.id);
      if (!attempt) throw new ApiError('conflict', 'start the exercise first (POST …/start)');
      const { check, record } = await t.check(session.username, session.device, exercise, attempt);
      if (record && record.completedAt >= attempt.startedAt)
        audit(ctx, 'training.completed', `exercise:${exercise.id}`, { completedAt: record.completedAt });
      return reply(200, { ...check, record });
    },
  }),
  route({
    method: 'GET',
    path: '/api/training/records',
    tag: TAG,
    summary: 'Who completed which exercise when (managers and admins)',
    access: TRAINING_MANAGE,
    responses: { 200: { description: 'Training records', schema: z.array(TrainingRecord) }, ...auth },
    handle: async (ctx) => reply(200, await training(ctx).allRecords()),
  }),
  route({
    method: 'GET',
    path: '/api/training/me',
    tag: TAG,
    summary: 'Your completed exercises and what your role must be trained for before doing it for real',
    access: 'authenticated',
    responses: {
      200: {
        description: 'Your training',
        schema: z.object({
          records: z.array(TrainingRecord),
          required: z.array(z.string()),
          missing: z.array(z.string()),
        }),
      },
      ...auth,
    },
    async handle(ctx) {
      const session = sessionOf(ctx);
      const t = training(ctx);
      const records = (await t.allRecords()).filter((r) => r.user === session.username);
      const required = (await t.currentRequirements())[session.role] ?? [];
      const skills = new Set(records.map((r) => r.skill as string));
      return reply(200, { records, required, missing: required.filter((s) => !skills.has(s)) });
    },
  }),
  route({
    method: 'GET',
    path: '/api/training/requirements',
    tag: TAG,
    summary:
      'Per role, the jobs (receive, count) that need a completed exercise before doing them for real; off by default',
    access: 'authenticated',
    responses: { 200: { description: 'Requirements per role', schema: Requirements }, ...auth },
    handle: async (ctx) => reply(200, await training(ctx).currentRequirements()),
  }),
  route({
    method: 'POST',
    path: '/api/training/requirements',
    tag: TAG,
    summary:
      'Sets, per role, the jobs that need a completed exercise first (managers and admins); roles left out require nothing',
    access: TRAINING_MANAGE,
    body: Requirements,
    responses: {
      200: { description: 'Saved', schema: Requirements },
      400: { description: 'Invalid fields', schema: ErrorBody },
      ...auth,
    },
    async handle(ctx) {
      const saved = await training(ctx).setRequirements(ctx.body as Requirements);
      audit(ctx, 'training.requirements', null, saved);
      return reply(200, saved);
    },
  }),
  route({
    method: 'POST',
    path: '/api/training/practice',
    tag: TAG,
    summary:
      'Prepares the practice workspace (seeds the demo data where missing); a device calls it when switching to practice',
    access: 'authenticated',
    responses: { 200: { description: 'Ready', schema: z.object({ period: z.string() }) }, ...auth },
    async handle(ctx) {
      const period = periodOf(new Date());
      await training(ctx).practice.ensure(period);
      return reply(200, { period });
    },
  }),
  route({
    method: 'POST',
    path: '/api/training/practice/reset',
    tag: TAG,
    summary:
      'Resets the practice workspace: everything recorded in practice goes, the demo data comes back (managers and admins); training records stay',
    access: TRAINING_MANAGE,
    responses: { 200: { description: 'Reset', schema: z.object({ rooms: z.array(z.string()) }) }, ...auth },
    async handle(ctx) {
      const rooms = await training(ctx).practice.reset(periodOf(new Date()));
      audit(ctx, 'training.practice.reset', null, { rooms });
      return reply(200, { rooms });
    },
  }),
];
