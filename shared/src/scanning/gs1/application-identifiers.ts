/**
 * The GS1 Application Identifiers we understand. Not the whole GS1 table: the identifiers
 * found on goods a stockroom receives, counts and issues. An AI missing here is reported as
 * unknown rather than guessed at, because guessing its length would misread everything after it.
 */

/** Where a parsed element lands in Gs1Data (besides the raw element list). */
export type Gs1Field =
  | 'sscc'
  | 'gtin'
  | 'content'
  | 'lot'
  | 'productionDate'
  | 'dueDate'
  | 'packagingDate'
  | 'bestBefore'
  | 'sellBy'
  | 'expiry'
  | 'variant'
  | 'serial'
  | 'count'
  | 'itemCount'
  | 'customerPartNumber'
  | 'additionalId'
  | 'orderNumber'
  | 'shipToGln'
  | 'locationGln'
  | 'countryOfOrigin'
  | 'measure'
  | 'internal';

export interface AiSpec {
  ai: string;
  title: string;
  /** N: digits only; X: GS1 character set 82. */
  charset: 'N' | 'X';
  minLength: number;
  maxLength: number;
  /** Ends with a GS1 mod-10 check digit. */
  check?: boolean;
  /** YYMMDD. */
  date?: boolean;
  field: Gs1Field;
  /** Variable measures (31nn–36nn): unit and implied decimal places (the AI's last digit). */
  unit?: string;
  decimals?: number;
}

const fixed = (ai: string, title: string, length: number, field: Gs1Field, extra: Partial<AiSpec> = {}) =>
  ({ ai, title, charset: 'N', minLength: length, maxLength: length, field, ...extra }) satisfies AiSpec;
const variable = (ai: string, title: string, charset: 'N' | 'X', max: number, field: Gs1Field) =>
  ({ ai, title, charset, minLength: 1, maxLength: max, field }) satisfies AiSpec;
const date = (ai: string, title: string, field: Gs1Field) => fixed(ai, title, 6, field, { date: true });
const gln = (ai: string, title: string, field: Gs1Field) => fixed(ai, title, 13, field, { check: true });

const TABLE: AiSpec[] = [
  fixed('00', 'SSCC', 18, 'sscc', { check: true }),
  fixed('01', 'GTIN', 14, 'gtin', { check: true }),
  fixed('02', 'CONTENT', 14, 'content', { check: true }),
  variable('10', 'BATCH/LOT', 'X', 20, 'lot'),
  date('11', 'PROD DATE', 'productionDate'),
  date('12', 'DUE DATE', 'dueDate'),
  date('13', 'PACK DATE', 'packagingDate'),
  date('15', 'BEST BEFORE', 'bestBefore'),
  date('16', 'SELL BY', 'sellBy'),
  date('17', 'USE BY', 'expiry'),
  fixed('20', 'VARIANT', 2, 'variant'),
  variable('21', 'SERIAL', 'X', 20, 'serial'),
  variable('22', 'CPV', 'X', 20, 'internal'),
  variable('240', 'ADDITIONAL ID', 'X', 30, 'additionalId'),
  variable('241', 'CUST. PART No.', 'X', 30, 'customerPartNumber'),
  variable('250', 'SECONDARY SERIAL', 'X', 30, 'internal'),
  variable('30', 'VAR. COUNT', 'N', 8, 'count'),
  variable('37', 'COUNT', 'N', 8, 'itemCount'),
  variable('400', 'ORDER NUMBER', 'X', 30, 'orderNumber'),
  fixed('402', 'GSIN', 17, 'internal', { check: true }),
  gln('410', 'SHIP TO LOC', 'shipToGln'),
  gln('411', 'BILL TO', 'internal'),
  gln('412', 'PURCHASE FROM', 'internal'),
  gln('413', 'SHIP FOR LOC', 'internal'),
  gln('414', 'LOC No.', 'locationGln'),
  gln('415', 'PAY TO', 'internal'),
  gln('416', 'PROD/SERV LOC', 'internal'),
  variable('420', 'SHIP TO POST', 'X', 20, 'internal'),
  fixed('422', 'ORIGIN', 3, 'countryOfOrigin'),
  fixed('7003', 'EXPIRY TIME', 10, 'internal'),
  ...['91', '92', '93', '94', '95', '96', '97', '98', '99'].map((ai) =>
    variable(ai, 'INTERNAL', 'X', 90, 'internal'),
  ),
];

/** 31nn–36nn: six digits with n implied decimals. Only the families a stockroom meets. */
const MEASURES: { prefix: string; title: string; unit: string }[] = [
  { prefix: '310', title: 'NET WEIGHT (kg)', unit: 'kg' },
  { prefix: '311', title: 'LENGTH (m)', unit: 'm' },
  { prefix: '312', title: 'WIDTH (m)', unit: 'm' },
  { prefix: '313', title: 'HEIGHT (m)', unit: 'm' },
  { prefix: '314', title: 'AREA (m²)', unit: 'm2' },
  { prefix: '315', title: 'NET VOLUME (l)', unit: 'l' },
  { prefix: '316', title: 'NET VOLUME (m³)', unit: 'm3' },
  { prefix: '320', title: 'NET WEIGHT (lb)', unit: 'lb' },
  { prefix: '330', title: 'GROSS WEIGHT (kg)', unit: 'kg' },
  { prefix: '331', title: 'LENGTH, LOG (m)', unit: 'm' },
  { prefix: '335', title: 'GROSS VOLUME (l)', unit: 'l' },
];

const BY_AI = new Map<string, AiSpec>(TABLE.map((s) => [s.ai, s]));
for (const m of MEASURES) {
  for (let n = 0; n <= 5; n++) {
    const ai = `${m.prefix}${n}`;
    BY_AI.set(ai, {
      ...fixed(ai, m.title, 6, 'measure'),
      unit: m.unit,
      decimals: n,
    });
  }
}

export function aiSpec(ai: string): AiSpec | undefined {
  return BY_AI.get(ai);
}

/**
 * The AI at the start of an unbracketed element string. AIs are prefix-free by design
 * (no AI is the start of another), so the first 2-, 3- or 4-digit match is the one.
 */
export function aiAt(text: string, offset: number): AiSpec | undefined {
  for (const length of [2, 3, 4]) {
    const spec = BY_AI.get(text.slice(offset, offset + length));
    if (spec) return spec;
  }
  return undefined;
}

/**
 * GS1's table of AIs with a predefined length, by their first two digits (General
 * Specifications figure 5.10.1-2): these never need a separator after them; every other
 * AI must be followed by FNC1/GS unless it is the last element.
 */
const PREDEFINED_LENGTH_PREFIXES = new Set([
  '00',
  '01',
  '02',
  '03',
  '04',
  '11',
  '12',
  '13',
  '14',
  '15',
  '16',
  '17',
  '18',
  '19',
  '20',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '41',
]);

export function hasPredefinedLength(ai: string): boolean {
  return PREDEFINED_LENGTH_PREFIXES.has(ai.slice(0, 2));
}

/** GS1 AI encodable character set 82 (General Specifications figure 7.11-1). */
export const CHARSET_82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/;
