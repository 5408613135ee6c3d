import type { StateVector } from './protocol.ts';

/**
 * What the server has durably stored of a document, as acknowledged by MESSAGE_SAVED,
 * compared with the local document: how many local changes are not yet on the server.
 */
export class SavedState {
  private readonly saved: StateVector = new Map();

  acknowledge(sv: StateVector): void {
    for (const [client, clock] of sv) {
      if (clock > (this.saved.get(client) ?? 0)) this.saved.set(client, clock);
    }
  }

  /** The clock up to which the server stored this client's changes (0 when nothing is known). */
  clockOf(client: number): number {
    return this.saved.get(client) ?? 0;
  }

  /**
   * Count of local changes the server has not confirmed. `clients` are the clientIDs this
   * device has written with (a new one each session), so other devices' data is not counted.
   */
  pending(local: StateVector, clients: Iterable<number>): number {
    let total = 0;
    for (const client of clients) {
      total += Math.max(0, (local.get(client) ?? 0) - (this.saved.get(client) ?? 0));
    }
    return total;
  }
}
