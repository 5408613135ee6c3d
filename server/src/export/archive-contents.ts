import { strFromU8, unzipSync } from 'fflate';

/**
 * The files of an export archive as text, by name, in archive order: for checking an
 * archive (the integration tests read it through this, as fflate is the server's dependency).
 */
export function archiveContents(zip: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, bytes] of Object.entries(unzipSync(zip))) out[name] = strFromU8(bytes);
  return out;
}
