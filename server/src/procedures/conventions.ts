import { conventionProblems } from '@stockroom/shared/procedures/checks';
import type { Services } from '../api/services.ts';
import { ApiError } from '../http/errors.ts';
import { currentSettings } from './settings-access.ts';

/**
 * Refuses (400, naming each field and the pattern it breaks) a write through the API whose
 * SKU, location code or barcodes break the tagging conventions. Only what the body sets is
 * checked, so records created before a convention keep working.
 */
export async function assertConventions(
  services: Services,
  body: unknown,
  kind: 'item' | 'location',
): Promise<void> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return;
  const b = body as Record<string, unknown>;
  const { conventions } = await currentSettings(services.rooms);
  const problems = conventionProblems(
    conventions,
    kind === 'item' ? { sku: b.sku, barcodes: b.barcodes } : { location: b.code },
  );
  if (problems.length) throw new ApiError('invalid', problems.map((p) => p.message).join('; '), problems);
}
