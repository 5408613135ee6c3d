import { Code } from '@stockroom/shared/catalog/codes';
import { PositiveQuantity } from '@stockroom/shared/quantity';
import { describeZodError } from '@stockroom/shared/validation';

export interface PartRow {
  sku: string;
  quantity: string;
}

/** Messages by field path (`title`, `parts.0.sku`…), as the domain's failures name them. */
export type FormErrors = Record<string, string | undefined>;

/** The planned-part rows of a form: blank rows are dropped; every other row needs a known SKU and a quantity above 0. */
export function parsePartRows(
  rows: readonly PartRow[],
  itemExists: (sku: string) => boolean,
): { ok: boolean; parts: { sku: string; quantity: number }[]; errors: FormErrors } {
  const errors: FormErrors = {};
  const parts: { sku: string; quantity: number }[] = [];
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const sku = row.sku.trim();
    const text = row.quantity.trim();
    if (!sku && !text) return;
    const code = Code.safeParse(sku);
    if (!sku) errors[`parts.${i}.sku`] = 'required';
    else if (!code.success) errors[`parts.${i}.sku`] = describeZodError(code.error);
    else if (!itemExists(sku)) errors[`parts.${i}.sku`] = `no item with SKU ${sku}`;
    else if (seen.has(sku)) errors[`parts.${i}.sku`] = `${sku} is listed twice`;
    const q = PositiveQuantity.safeParse(text === '' ? Number.NaN : Number(text));
    if (text === '') errors[`parts.${i}.quantity`] = 'required';
    else if (!q.success) errors[`parts.${i}.quantity`] = describeZodError(q.error);
    seen.add(sku);
    if (!errors[`parts.${i}.sku`] && q.success) parts.push({ sku, quantity: q.data });
  });
  return { ok: Object.keys(errors).length === 0, parts, errors };
}

/** A domain failure's fields as form errors (the first message of each field; none named: `form`). */
export function fieldsToErrors(fields: readonly { path: string; message: string }[]): FormErrors {
  const out: FormErrors = {};
  for (const f of fields) {
    const key = f.path || 'form';
    if (!out[key]) out[key] = f.message;
  }
  return out;
}
