import type { IncomingMessage } from 'node:http';
import { ApiError } from './errors.ts';

export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads a JSON request body of at most `limit` bytes. Too big → 413 (checked against
 * Content-Length up front, and while reading for chunked bodies); not JSON → 400.
 * An empty body reads as `undefined`.
 */
export async function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  const raw = await readRawBody(req, limit);
  if (raw.length === 0) return undefined;
  const text = raw.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('invalid', 'the request body is not valid JSON', [
      { path: '', message: 'not valid JSON' },
    ]);
  }
}

/** The request body as bytes, at most `limit` of them (413 naming the limit otherwise). */
export async function readRawBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    discard(req);
    throw tooLarge(limit);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) {
      discard(req);
      throw tooLarge(limit);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks, size);
}

function tooLarge(limit: number): ApiError {
  const mib = limit >= 1024 * 1024 ? ` (${Math.round((limit / 1024 / 1024) * 10) / 10} MiB)` : '';
  return new ApiError('too_large', `the request body is larger than ${limit} bytes${mib}`, [], {
    Connection: 'close',
  });
}

/** Lets the rest of an oversized body drain without buffering it (the socket closes after the reply). */
function discard(req: IncomingMessage): void {
  req.on('error', () => {});
  req.resume();
}
