/**
 * GS1 dates (AIs 11–17) are YYMMDD. The century follows the GS1 General Specifications
 * (§7.12): a year more than 50 years ahead of now belongs to the previous century, one
 * 50 or more years behind belongs to the next. DD = 00 means "the last day of the month".
 * Returns an ISO date (YYYY-MM-DD) or an explanation.
 */
export function parseGs1Date(yymmdd: string, now: Date): { date: string } | { problem: string } {
  if (!/^\d{6}$/.test(yymmdd)) return { problem: 'a date must be 6 digits YYMMDD' };
  const yy = Number(yymmdd.slice(0, 2));
  const mm = Number(yymmdd.slice(2, 4));
  const dd = Number(yymmdd.slice(4, 6));
  if (mm < 1 || mm > 12) return { problem: `month ${yymmdd.slice(2, 4)} is not 01–12` };
  const year = gs1Year(yy, now.getUTCFullYear());
  const lastDay = new Date(Date.UTC(year, mm, 0)).getUTCDate();
  if (dd > lastDay) return { problem: `day ${yymmdd.slice(4, 6)} does not exist in ${year}-${pad(mm)}` };
  return { date: `${year}-${pad(mm)}-${pad(dd === 0 ? lastDay : dd)}` };
}

/** The four-digit year for a two-digit GS1 year, relative to the current year. */
export function gs1Year(yy: number, currentYear: number): number {
  const century = currentYear - (currentYear % 100);
  const diff = yy - (currentYear % 100);
  if (diff >= 51) return century - 100 + yy;
  if (diff <= -50) return century + 100 + yy;
  return century + yy;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
