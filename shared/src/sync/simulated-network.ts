import * as Y from 'yjs';

/** Origin of updates applied by the network, so they are not broadcast again. */
const NETWORK = Symbol('simulated-network');

export type DeliveryMode = 'once' | 'duplicate' | 'drop';

/**
 * A mesh of Y.Doc replicas of one room with an unreliable network between them, for
 * property tests of merge rules: every local update is queued on each link, and the test
 * decides when a queued message is delivered (in any order), delivered twice, or dropped.
 * Partitions hold messages on cut links until healed; `resync` is what a reconnect does
 * (exchange state vectors, send what is missing), so it repairs drops.
 */
export class SimulatedNetwork {
  private readonly queues = new Map<string, Uint8Array[]>();
  private groups: number[];

  constructor(readonly docs: readonly Y.Doc[]) {
    this.groups = docs.map(() => 0);
    docs.forEach((doc, from) => {
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === NETWORK) return;
        for (let to = 0; to < docs.length; to++) {
          if (to !== from) this.queue(from, to).push(update);
        }
      });
    });
  }

  /** `groups[i]` is replica i's side; replicas on different sides cannot talk until heal(). */
  partition(groups: readonly number[]): void {
    this.groups = this.docs.map((_, i) => groups[i] ?? 0);
  }

  heal(): void {
    this.groups = this.docs.map(() => 0);
  }

  connected(a: number, b: number): boolean {
    return this.groups[a] === this.groups[b];
  }

  /** Links that hold messages and are not cut by a partition. */
  deliverableLinks(): [number, number][] {
    const out: [number, number][] = [];
    for (const [key, queue] of this.queues) {
      const [from, to] = key.split('>').map(Number) as [number, number];
      if (queue.length && this.connected(from, to)) out.push([from, to]);
    }
    return out.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  }

  /** Acts on one queued message, picked by index: any message, not only the oldest. */
  deliver(linkPick: number, messagePick: number, mode: DeliveryMode): void {
    const links = this.deliverableLinks();
    if (!links.length) return;
    const [from, to] = links[linkPick % links.length]!;
    const queue = this.queue(from, to);
    const i = messagePick % queue.length;
    const message = queue[i]!;
    if (mode !== 'duplicate') queue.splice(i, 1);
    if (mode !== 'drop') Y.applyUpdate(this.docs[to]!, message, NETWORK);
  }

  /** A reconnect between two replicas: each sends the other what its state vector lacks. */
  resync(a: number, b: number): void {
    if (a === b || !this.connected(a, b)) return;
    const docA = this.docs[a]!;
    const docB = this.docs[b]!;
    const toB = Y.encodeStateAsUpdate(docA, Y.encodeStateVector(docB));
    const toA = Y.encodeStateAsUpdate(docB, Y.encodeStateVector(docA));
    Y.applyUpdate(docB, toB, NETWORK);
    Y.applyUpdate(docA, toA, NETWORK);
  }

  /**
   * Heals the partition, delivers what is still queued in the given order, then resyncs
   * pairs (in an order derived from `seed`) until every replica has the same state.
   * Returns false if that did not happen within a bounded number of rounds.
   */
  settle(seed: number): boolean {
    this.heal();
    let pick = seed >>> 0;
    const next = () => {
      pick = (Math.imul(pick, 1103515245) + 12345) >>> 0;
      return pick;
    };
    for (let guard = 0; guard < 100_000 && this.deliverableLinks().length; guard++) {
      this.deliver(next(), next(), next() % 5 === 0 ? 'drop' : 'once');
    }
    const n = this.docs.length;
    for (let round = 0; round < n + 1; round++) {
      if (this.converged()) return true;
      const pairs: [number, number][] = [];
      for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) pairs.push([a, b]);
      for (let i = pairs.length - 1; i > 0; i--) {
        const j = next() % (i + 1);
        [pairs[i], pairs[j]] = [pairs[j]!, pairs[i]!];
      }
      for (const [a, b] of pairs) this.resync(a, b);
    }
    return this.converged();
  }

  /** Every replica holds exactly the same operations (nothing missing, nothing pending). */
  converged(): boolean {
    const first = this.docs[0];
    if (!first) return true;
    const sv = stateVector(first);
    return this.docs.every(
      (doc) => stateVector(doc) === sv && doc.store.pendingStructs === null && doc.store.pendingDs === null,
    );
  }

  private queue(from: number, to: number): Uint8Array[] {
    const key = `${from}>${to}`;
    let queue = this.queues.get(key);
    if (!queue) {
      queue = [];
      this.queues.set(key, queue);
    }
    return queue;
  }
}

/** A state vector in a canonical form: its encoding lists clients in arrival order, which differs. */
function stateVector(doc: Y.Doc): string {
  return JSON.stringify([...Y.decodeStateVector(Y.encodeStateVector(doc))].sort((x, y) => x[0] - y[0]));
}
