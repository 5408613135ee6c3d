import { Symbology } from '@stockroom/shared/scanning/symbology';
import { z } from 'zod';
import { ENGINE_NAMES } from './decoder-engine.ts';

/**
 * Messages between the page and decoder.worker.ts. Both sides parse what they receive: a
 * worker is a boundary like any other (and a stale worker from an older build may answer).
 */
export const EngineNameSchema = z.enum(ENGINE_NAMES);

export const DecoderOptionsSchema = z.object({
  symbologies: z.array(Symbology).min(1),
  tryHarder: z.boolean(),
  extraPasses: z.boolean().optional(),
  maxSymbols: z.number().int().min(1).max(255).optional(),
});

/** A frame: an ImageBitmap (camera; transferred, no copy) or raw RGBA pixels (tests, benchmark). */
export const FramePayload = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('bitmap'),
    bitmap: z.custom<ImageBitmap>(
      (v) => typeof ImageBitmap !== 'undefined' && v instanceof ImageBitmap,
      'expected an ImageBitmap',
    ),
  }),
  z.object({
    kind: z.literal('pixels'),
    width: z.number().int().positive().max(8192),
    height: z.number().int().positive().max(8192),
    data: z.instanceof(ArrayBuffer),
  }),
]);
export type FramePayload = z.infer<typeof FramePayload>;

export const ToWorker = z.discriminatedUnion('type', [
  z.object({ type: z.literal('init'), engine: EngineNameSchema, options: DecoderOptionsSchema }),
  z.object({ type: z.literal('decode'), id: z.number().int().nonnegative(), frame: FramePayload }),
]);
export type ToWorker = z.infer<typeof ToWorker>;

const Point = z.object({ x: z.number(), y: z.number() });

export const DecodedCodeSchema = z.object({
  text: z.string(),
  symbology: Symbology,
  aimId: z.string().max(3).optional(),
  position: z.tuple([Point, Point, Point, Point]).optional(),
});

export const FromWorker = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), engine: EngineNameSchema, initMs: z.number().nonnegative() }),
  z.object({
    type: z.literal('result'),
    id: z.number().int().nonnegative(),
    codes: z.array(DecodedCodeSchema),
    /** Symbols found but not decoded in this frame (the camera says "move closer"). */
    unreadable: z.number().int().nonnegative().default(0),
    /** Which pass read the codes, or which extra pass was tried (frame-passes.ts). */
    pass: z.string().max(40).default('plain'),
    /** Time inside the engine, excluding transfer and pixel read-back. */
    decodeMs: z.number().nonnegative(),
    /** Time in the worker for this frame, including drawing the bitmap and reading its pixels. */
    workerMs: z.number().nonnegative(),
  }),
  z.object({ type: z.literal('error'), id: z.number().int().nonnegative().optional(), message: z.string() }),
]);
export type FromWorker = z.infer<typeof FromWorker>;
