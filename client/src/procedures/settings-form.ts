import {
  type Checklist,
  ChecklistStep,
  Conventions,
  type ReasonCode,
  ReasonCode as ReasonCodeSchema,
  StepCheck,
  Threshold,
  type Thresholds,
} from '@stockroom/shared/procedures/settings';

/*
 * The admin settings screen edits each setting as text, one entry per line, so a checklist
 * or a code list is edited like a note; these turn the text into settings and back, with
 * the line of each problem.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

const CHECK = /\s*\[(bin-first|lot|damage-note)\]$/;

/** One step per line; a line ending in `[bin-first]`, `[lot]` or `[damage-note]` is checked by the app. */
export function parseChecklist(text: string): Parsed<Checklist> {
  const out: Checklist = [];
  for (const [i, line] of lines(text).entries()) {
    const m = CHECK.exec(line);
    const step = ChecklistStep.safeParse({
      text: m ? line.slice(0, m.index) : line,
      check: m ? StepCheck.parse(m[1]) : undefined,
    });
    if (!step.success) return { ok: false, message: `line ${i + 1}: ${step.error.issues[0]?.message}` };
    out.push(step.data);
  }
  return { ok: true, value: out };
}

export const checklistText = (c: Checklist) =>
  c.map((s) => (s.check ? `${s.text} [${s.check}]` : s.text)).join('\n');

/** `code: Label` per line. */
export function parseCodes(text: string): Parsed<ReasonCode[]> {
  const out: ReasonCode[] = [];
  for (const [i, line] of lines(text).entries()) {
    const at = line.indexOf(':');
    const code = ReasonCodeSchema.safeParse(
      at < 0
        ? { code: line, label: line }
        : { code: line.slice(0, at).trim(), label: line.slice(at + 1).trim() },
    );
    if (!code.success) return { ok: false, message: `line ${i + 1}: ${code.error.issues[0]?.message}` };
    out.push(code.data);
  }
  return { ok: true, value: out };
}

export const codesText = (codes: ReasonCode[]) => codes.map((c) => `${c.code}: ${c.label}`).join('\n');

/** `Category: quantity=10 value=500` per line (`*` = any other category). */
export function parseThresholds(text: string): Parsed<Thresholds> {
  const out: Thresholds = [];
  for (const [i, line] of lines(text).entries()) {
    const at = line.lastIndexOf(':');
    const limits = at < 0 ? '' : line.slice(at + 1);
    const num = (key: string) => {
      const m = new RegExp(`${key}\\s*=\\s*([0-9.]+)`).exec(limits);
      return m ? Number(m[1]) : undefined;
    };
    const t = Threshold.safeParse({
      category: at < 0 ? line : line.slice(0, at).trim(),
      quantity: num('quantity'),
      value: num('value'),
    });
    if (!t.success) return { ok: false, message: `line ${i + 1}: ${t.error.issues[0]?.message}` };
    out.push(t.data);
  }
  return { ok: true, value: out };
}

export const thresholdsText = (t: Thresholds) =>
  t
    .map((x) =>
      [
        `${x.category}:`,
        x.quantity !== undefined ? `quantity=${x.quantity}` : '',
        x.value !== undefined ? `value=${x.value}` : '',
      ]
        .filter(Boolean)
        .join(' '),
    )
    .join('\n');

/** The conventions as typed, or the field whose pattern does not compile. */
export function parseConventions(c: Conventions): Parsed<Conventions> {
  const r = Conventions.safeParse(c);
  if (r.success) return { ok: true, value: r.data };
  const issue = r.error.issues[0];
  return { ok: false, message: `${String(issue?.path[0] ?? '')}: ${issue?.message}` };
}
