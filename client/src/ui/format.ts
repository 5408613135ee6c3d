const qty = new Intl.NumberFormat(undefined, { maximumFractionDigits: 4 });
const money = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function formatQuantity(n: number): string {
  return qty.format(n);
}

/** "1 item", "50,000 items". */
export function countOf(n: number, one: string, many: string): string {
  return `${qty.format(n)} ${n === 1 ? one : many}`;
}

export function formatMoney(n: number): string {
  return money.format(n);
}

/** Local date and time, short: what people read in a history list. */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });
}

/** `YYYY-MM-DD` of an instant in the device's time zone. */
export function localDay(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
