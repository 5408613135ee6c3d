import type {
  Checklist,
  ConventionField,
  Conventions,
  ReasonCode,
  ReasonCodes,
  ReasonCodeType,
  StepCheck,
  Threshold,
  Thresholds,
} from './settings.ts';

/*
 * Pure checks of procedures, run unchanged by the API (enforcing) and the app (guiding).
 */

const FIELD_NAMES: Record<ConventionField, string> = {
  sku: 'SKU',
  location: 'location code',
  barcode: 'barcode',
};

/** A convention's pattern, anchored as written: `^[A-Z]{2}-\d{4}$` matches whole codes only if it says so. */
const compiled = new Map<string, RegExp>();

function matches(pattern: string, value: string): boolean {
  try {
    // Compiled once per pattern: an import checks every row against the same few.
    let re = compiled.get(pattern);
    if (!re) {
      if (compiled.size > 100) compiled.clear();
      re = new RegExp(pattern, 'u');
      compiled.set(pattern, re);
    }
    return re.test(value);
  } catch {
    // Stored patterns are validated on save; one that does not compile here is no rule.
    return true;
  }
}

/** Why `value` breaks the convention for `field` (naming the pattern), or null when it follows it. */
export function conventionProblem(
  conventions: Conventions,
  field: ConventionField,
  value: string,
): string | null {
  const pattern = conventions[field];
  if (pattern === '' || matches(pattern, value)) return null;
  return `${value} does not follow the ${FIELD_NAMES[field]} convention ${pattern}`;
}

/** Every convention a new item or location breaks, per field path (empty: none). */
export function conventionProblems(
  conventions: Conventions,
  values: { sku?: unknown; location?: unknown; barcodes?: unknown },
): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  const check = (path: string, field: ConventionField, v: unknown) => {
    if (typeof v !== 'string' || v === '') return;
    const problem = conventionProblem(conventions, field, v);
    if (problem) out.push({ path, message: problem });
  };
  check('sku', 'sku', values.sku);
  check('code', 'location', values.location);
  if (Array.isArray(values.barcodes))
    for (const [i, b] of values.barcodes.entries()) check(`barcodes.${i}`, 'barcode', b);
  return out;
}

export type ReasonResolution =
  | { ok: true; code: ReasonCode | null }
  | { ok: false; path: 'reasonCode' | 'reason'; message: string };

/**
 * The reason code of a movement: the one it names (which must be listed for its type), else
 * the one its free-text reason names (a code or label, any case). Without either: refused
 * when codes are required for this type, else accepted without a code (older integrations).
 */
export function resolveReasonCode(
  codes: ReasonCodes,
  type: ReasonCodeType,
  reasonCode: unknown,
  reason: unknown,
): ReasonResolution {
  const listed = codes.types[type];
  if (reasonCode !== undefined) {
    const code = listed.find((c) => c.code === reasonCode);
    if (code) return { ok: true, code };
    return {
      ok: false,
      path: 'reasonCode',
      message: listed.length
        ? `must be one of ${listed.map((c) => c.code).join(', ')}`
        : `no reason codes are set up for ${type}`,
    };
  }
  const said = typeof reason === 'string' ? reason.trim().toLowerCase() : '';
  const named = listed.find((c) => c.code === said || c.label.toLowerCase() === said);
  if (named) return { ok: true, code: named };
  if (codes.required && type === 'adjust' && listed.length)
    return {
      ok: false,
      path: 'reasonCode',
      message: `is required: one of ${listed.map((c) => c.code).join(', ')}`,
    };
  return { ok: true, code: null };
}

/** What the app knows about a job being done, for the checklist steps it can verify. */
export interface JobFacts {
  /** The bin was scanned before any item; undefined when the app cannot know (an API call). */
  binScannedFirst?: boolean;
  /** The item is lot- or serial-tracked. */
  lotTracked?: boolean;
  lot?: string;
  reasonCode?: string;
  /** The free-text note (`reason`). */
  note?: string;
}

export interface UnmetStep {
  step: number;
  text: string;
  check: StepCheck;
}

/** Whether one verifiable check holds for these facts (true when the facts say nothing about it). */
export function checkHolds(check: StepCheck, facts: JobFacts): boolean {
  switch (check) {
    case 'bin-first':
      return facts.binScannedFirst !== false;
    case 'lot':
      return !facts.lotTracked || (facts.lot ?? '').trim() !== '';
    case 'damage-note':
      return facts.reasonCode !== 'damaged' || (facts.note ?? '').trim() !== '';
  }
}

/** The steps of a checklist the app verifies: every one of them that these facts do not satisfy. */
export function unmetSteps(checklist: Checklist, facts: JobFacts): UnmetStep[] {
  const out: UnmetStep[] = [];
  checklist.forEach((s, step) => {
    if (s.check && !checkHolds(s.check, facts)) out.push({ step, text: s.text, check: s.check });
  });
  return out;
}

/** The steps of a checklist the app enforces (the others are shown for people to tick). */
export function enforcedSteps(checklist: Checklist): number[] {
  return checklist.flatMap((s, i) => (s.check ? [i] : []));
}

/** The threshold that applies to an item's category: its own line, else the '*' line, else none. */
export function thresholdFor(thresholds: Thresholds, category: string): Threshold | undefined {
  return thresholds.find((t) => t.category === category) ?? thresholds.find((t) => t.category === '*');
}

/**
 * Why an adjustment must wait for a manager (which limit it exceeds), or null. `value` is the
 * change's value at the item's cost, null while the item has no cost (a value limit then
 * cannot hold it; a quantity limit still can).
 */
export function approvalNeeded(
  threshold: Threshold | undefined,
  quantity: number,
  value: number | null,
): string | null {
  if (!threshold) return null;
  const q = Math.abs(quantity);
  if (threshold.quantity !== undefined && q > threshold.quantity)
    return `quantity ${q} is above the limit of ${threshold.quantity}`;
  if (threshold.value !== undefined && value !== null && Math.abs(value) > threshold.value)
    return `value ${Math.abs(value).toFixed(2)} is above the limit of ${threshold.value}`;
  return null;
}
