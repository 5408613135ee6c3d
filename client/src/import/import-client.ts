import type { ImportKind } from '@stockroom/shared/import/fields';
import type { Chunk, Mapping, Outcome, Rejected } from './import-plan.ts';
import { FromWorker, type Preview, type ToWorker } from './import-protocol.ts';

type Answer = Extract<FromWorker, { type: 'parsed' | 'validated' | 'csv' }>;

/**
 * The page's side of the import worker: one request at a time per kind of answer is the
 * screen's job; this matches answers to requests by id and turns worker failures into
 * rejected promises.
 */
export class ImportWorker {
  private readonly worker: Worker;
  private nextId = 0;
  private readonly pending = new Map<
    number,
    {
      resolve: (a: Answer) => void;
      reject: (e: Error) => void;
      progress?: (done: number, total: number) => void;
    }
  >();

  constructor(
    worker: Worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' }),
  ) {
    this.worker = worker;
    this.worker.onmessage = (event: MessageEvent<unknown>) => {
      const parsed = FromWorker.safeParse(event.data);
      if (!parsed.success) return; // not ours (a stale build): ignore rather than crash the page
      const m = parsed.data;
      if (m.type === 'progress') this.pending.get(m.id)?.progress?.(m.done, m.total);
      else if (m.type === 'error') {
        const error = new Error(m.message);
        for (const [id, p] of this.pending) if (m.id === undefined || m.id === id) p.reject(error);
        if (m.id === undefined) this.pending.clear();
        else this.pending.delete(m.id);
      } else {
        this.pending.get(m.id)?.resolve(m);
        this.pending.delete(m.id);
      }
    };
    this.worker.onerror = (event) => {
      const error = new Error(`import worker failed: ${event.message || 'could not load'}`);
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
    };
  }

  private ask<T extends Answer>(
    message: ToWorker,
    transfer: Transferable[] = [],
    progress?: (done: number, total: number) => void,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.set(message.id, { resolve: resolve as (a: Answer) => void, reject, progress });
      this.worker.postMessage(message, transfer);
    });
  }

  async parse(file: Blob): Promise<Preview> {
    const bytes = await file.arrayBuffer();
    const answer = await this.ask<Extract<Answer, { type: 'parsed' }>>(
      { type: 'parse', id: this.nextId++, bytes },
      [bytes],
    );
    return answer.preview;
  }

  async validate(
    args: {
      kind: ImportKind;
      mapping: Mapping;
      catalog: { database: string } | { update: Uint8Array };
      chunkSize: number;
      actor: { user: string; device: string };
    },
    progress: (done: number, total: number) => void,
  ): Promise<{ outcome: Outcome; valid: Chunk[]; validRows: number }> {
    const answer = await this.ask<Extract<Answer, { type: 'validated' }>>(
      { type: 'validate', id: this.nextId++, ...args },
      'update' in args.catalog ? [args.catalog.update.buffer as ArrayBuffer] : [],
      progress,
    );
    return { outcome: answer.outcome, valid: answer.valid, validRows: answer.validRows };
  }

  async rejectedCsv(rejected: Rejected[]): Promise<string> {
    const answer = await this.ask<Extract<Answer, { type: 'csv' }>>({
      type: 'rejected-csv',
      id: this.nextId++,
      rejected,
    });
    return answer.csv;
  }

  close(): void {
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new Error('the import was closed'));
    this.pending.clear();
  }
}
