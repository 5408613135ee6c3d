import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/*
 * axe-core on a Playwright page (issue 16: every screen at 0 critical and 0 serious). The
 * WCAG 2.x A/AA rules plus axe's best practices, which include landmarks and heading order;
 * nothing is disabled or excluded here, so a spec that needs an exception has to say so.
 */

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

export type Impact = 'minor' | 'moderate' | 'serious' | 'critical';

export interface AxeFinding {
  rule: string;
  impact: Impact;
  help: string;
  helpUrl: string;
  /** One line per node: its selector and axe's summary of what fails there. */
  nodes: string[];
}

/** Runs axe on what the page shows now; returns the violations at `impacts` (serious and critical by default). */
export async function axeViolations(
  page: Page,
  impacts: readonly Impact[] = ['serious', 'critical'],
): Promise<AxeFinding[]> {
  // Only violations come back: passes and incompletes of a big page cost seconds to serialise.
  const results = await new AxeBuilder({ page })
    .withTags(TAGS)
    .options({ resultTypes: ['violations'] })
    .analyze();
  return results.violations
    .filter((v) => v.impact && impacts.includes(v.impact as Impact))
    .map((v) => ({
      rule: v.id,
      impact: v.impact as Impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map(
        (n) => `${n.target.join(' ')} — ${(n.failureSummary ?? '').replace(/\s+/g, ' ').trim()}`,
      ),
    }));
}

/** A readable report of findings, for a failure message or a log. */
export function formatViolations(where: string, findings: readonly AxeFinding[]): string {
  if (findings.length === 0) return `${where}: no violations`;
  const lines = [`${where}: ${findings.length} violation(s)`];
  for (const f of findings) {
    lines.push(`  [${f.impact}] ${f.rule}: ${f.help} (${f.helpUrl})`);
    for (const n of f.nodes.slice(0, 8)) lines.push(`    - ${n}`);
    if (f.nodes.length > 8) lines.push(`    … and ${f.nodes.length - 8} more`);
  }
  return lines.join('\n');
}
