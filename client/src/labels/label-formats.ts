/** Physical sizes: everything is laid out in millimetres and drawn in PDF points. */
export const MM_TO_PT = 72 / 25.4;
export const mmToPt = (mm: number) => mm * MM_TO_PT;
const IN = 25.4;

export interface LabelFormat {
  id: string;
  name: string;
  /** Page size in mm (a thermal label is its own page). */
  page: { width: number; height: number };
  label: { width: number; height: number };
  columns: number;
  rows: number;
  /** Distance from the page's top-left corner to the first label's top-left corner, mm. */
  margin: { top: number; left: number };
  /** Distance between the left (top) edges of neighbouring labels, mm. */
  pitch: { x: number; y: number };
  /** Thermal printers print in dots: module widths are rounded down to whole dots (203 dpi = 0.125 mm). */
  dotMm?: number;
}

const A4 = { width: 210, height: 297 };
const LETTER = { width: 8.5 * IN, height: 11 * IN };

/** Common label stock, from the manufacturers' templates. */
export const LABEL_FORMATS: readonly LabelFormat[] = [
  {
    id: 'a4-l7160',
    name: 'A4, 21 per sheet, 63.5 × 38.1 mm (Avery L7160)',
    page: A4,
    label: { width: 63.5, height: 38.1 },
    columns: 3,
    rows: 7,
    margin: { top: 15.15, left: 7.21 },
    pitch: { x: 66.04, y: 38.1 },
  },
  {
    id: 'a4-l7163',
    name: 'A4, 14 per sheet, 99.1 × 38.1 mm (Avery L7163)',
    page: A4,
    label: { width: 99.1, height: 38.1 },
    columns: 2,
    rows: 7,
    margin: { top: 15.15, left: 4.65 },
    pitch: { x: 101.6, y: 38.1 },
  },
  {
    id: 'a4-l7651',
    name: 'A4, 65 per sheet, 38.1 × 21.2 mm (Avery L7651)',
    page: A4,
    label: { width: 38.1, height: 21.2 },
    columns: 5,
    rows: 13,
    margin: { top: 10.7, left: 4.75 },
    pitch: { x: 40.6, y: 21.2 },
  },
  {
    id: 'letter-5160',
    name: 'Letter, 30 per sheet, 2⅝ × 1 in (Avery 5160)',
    page: LETTER,
    label: { width: 2.625 * IN, height: 1 * IN },
    columns: 3,
    rows: 10,
    margin: { top: 0.5 * IN, left: 0.1875 * IN },
    pitch: { x: 2.75 * IN, y: 1 * IN },
  },
  {
    id: 'letter-5163',
    name: 'Letter, 10 per sheet, 4 × 2 in (Avery 5163)',
    page: LETTER,
    label: { width: 4 * IN, height: 2 * IN },
    columns: 2,
    rows: 5,
    margin: { top: 0.5 * IN, left: 0.15625 * IN },
    pitch: { x: 4.1875 * IN, y: 2 * IN },
  },
  {
    id: 'thermal-50x25',
    name: 'Thermal label 50 × 25 mm',
    page: { width: 50, height: 25 },
    label: { width: 50, height: 25 },
    columns: 1,
    rows: 1,
    margin: { top: 0, left: 0 },
    pitch: { x: 50, y: 25 },
    dotMm: 25.4 / 203,
  },
  {
    id: 'thermal-100x50',
    name: 'Thermal label 100 × 50 mm',
    page: { width: 100, height: 50 },
    label: { width: 100, height: 50 },
    columns: 1,
    rows: 1,
    margin: { top: 0, left: 0 },
    pitch: { x: 100, y: 50 },
    dotMm: 25.4 / 203,
  },
];

export function labelFormat(id: string): LabelFormat | undefined {
  return LABEL_FORMATS.find((f) => f.id === id);
}
