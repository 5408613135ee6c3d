// @vitest-environment node
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, readJsonBody } from './body.ts';
import { ApiError } from './errors.ts';

function request(chunks: (string | Buffer)[], headers: Record<string, string> = {}): IncomingMessage {
  const stream = Readable.from(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c)));
  return Object.assign(stream, { headers }) as unknown as IncomingMessage;
}

async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
}

describe('readJsonBody', () => {
  it('parses JSON sent in several chunks', async () => {
    expect(await readJsonBody(request(['{"a":', '1,"b":[true', ']}']))).toEqual({ a: 1, b: [true] });
  });

  it('reads an empty body as undefined', async () => {
    expect(await readJsonBody(request([]))).toBeUndefined();
  });

  it('answers bad JSON with 400 invalid', async () => {
    const error = await failure(readJsonBody(request(['{"a":'])));
    expect(error.status).toBe(400);
    expect(error.body.error).toBe('invalid');
  });

  it('refuses a declared length over the limit without reading it', async () => {
    const error = await failure(
      readJsonBody(request(['{}'], { 'content-length': String(MAX_BODY_BYTES + 1) })),
    );
    expect(error.status).toBe(413);
    expect(error.body.error).toBe('too_large');
  });

  it('refuses a chunked body that grows over the limit', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const error = await failure(readJsonBody(request(Array.from({ length: 17 }, () => chunk))));
    expect(error.status).toBe(413);
  });

  it('accepts a body exactly at the limit', async () => {
    const text = `"${'x'.repeat(MAX_BODY_BYTES - 2)}"`;
    expect(((await readJsonBody(request([text]))) as string).length).toBe(MAX_BODY_BYTES - 2);
  });
});
