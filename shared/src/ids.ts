import { digest } from 'lib0/hash/sha256';

const encoder = new TextEncoder();

function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * An id derived from its cause: everything two devices might both create for the same
 * reason (a double-submitted form, two managers posting one stocktake) gets the same id,
 * so the concurrent writes collapse into one entry instead of two.
 */
export function causeId(...parts: readonly (string | number)[]): string {
  const text = parts.map((p) => String(p).replaceAll('\\', '\\\\').replaceAll('|', '\\|')).join('|');
  return base64url(digest(encoder.encode(text)).subarray(0, 16));
}

/** A fresh id for things with no shared cause (128 random bits). */
export function randomId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return base64url(bytes);
}
