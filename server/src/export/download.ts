import type { ServerResponse } from 'node:http';
import type { Movement } from '@stockroom/shared/ledger/movement';
import { type Cell, csvField } from '@stockroom/shared/stocktake/csv';
import { ledgerRoom, parseRoom } from '@stockroom/shared/sync/rooms';
import type { Services } from '../api/services.ts';
import { periodViewOf } from '../ledger/period-view.ts';

/** Where an export writes its text: an HTTP response or an entry of the zip archive. */
export type Sink = (chunk: string) => Promise<void>;

export const CSV = 'text/csv; charset=utf-8';

/** A sink on a response that waits when the client reads slower than we produce. */
export function responseSink(res: ServerResponse): Sink {
  return async (chunk) => {
    if (!res.write(chunk)) await new Promise<void>((resolve) => res.once('drain', resolve));
  };
}

export function startDownload(res: ServerResponse, contentType: string, filename: string): void {
  res.writeHead(res.statusCode || 200, {
    'Content-Type': contentType,
    'Content-Disposition': `attachment; filename="${filename}"`,
    'Cache-Control': 'no-store',
  });
}

export function csvRow(cells: readonly Cell[]): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}

/** Every ledger period with stored data, oldest first. */
export function periods(services: Services): string[] {
  const out = new Set(services.ledger.knownPeriods());
  for (const name of services.storedRooms()) {
    const ref = parseRoom(name);
    if (ref?.kind === 'ledger') out.add(ref.period);
  }
  return [...out].sort();
}

/** Reads a ledger month as a dependency: an export never recomputes or writes an opening balance. */
export function readPeriod<T>(
  services: Services,
  period: string,
  fn: (view: ReturnType<typeof periodViewOf>) => T,
): Promise<T> {
  return services.rooms.with(ledgerRoom(period), (room) => fn(periodViewOf(room)), 'dependency');
}

export function sortedMovements(movements: Iterable<Movement>): Movement[] {
  return [...movements].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}

export const today = () => new Date().toISOString().slice(0, 10);
