import { MESSAGE_SAVED, readSaved } from '@stockroom/shared/sync/protocol';
import { SavedState } from '@stockroom/shared/sync/saved-state';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { waitFor } from './wait.ts';
import { WebSocketPolyfill } from './ws.ts';

export interface SyncClientOptions {
  /** Ask for durability acknowledgements (`ack=1`). Default true. */
  ack?: boolean;
  doc?: Y.Doc;
  /** Max reconnect backoff (ms); small so restarts are picked up quickly. */
  maxBackoffTime?: number;
}

/**
 * A stock y-websocket WebsocketProvider in Node (ws as the WebSocket), plus a handler for
 * the server's MESSAGE_SAVED acknowledgements feeding the shared SavedState — the same
 * bookkeeping the app does to show "saved on the server".
 */
export class SyncClient {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  readonly saved = new SavedState();
  /** Close codes the server closed this client's sockets with, in order. */
  readonly closeCodes: number[] = [];
  acks = 0;

  constructor(wsUrl: string, room: string, token: string, options: SyncClientOptions = {}) {
    this.doc = options.doc ?? new Y.Doc();
    this.provider = new WebsocketProvider(wsUrl, room, this.doc, {
      WebSocketPolyfill,
      params: options.ack === false ? { token } : { token, ack: '1' },
      disableBc: true,
      maxBackoffTime: options.maxBackoffTime ?? 300,
    });
    this.provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder) => {
      this.acks++;
      this.saved.acknowledge(readSaved(decoder));
    };
    this.provider.on('connection-close', (event) => {
      if (event) this.closeCodes.push(event.code);
    });
  }

  get synced(): boolean {
    return this.provider.synced;
  }

  /** Local changes of this client the server has not yet confirmed as stored. */
  pending(): number {
    return this.saved.pending(Y.decodeStateVector(Y.encodeStateVector(this.doc)), [this.doc.clientID]);
  }

  async waitSynced(timeoutMs = 10_000): Promise<void> {
    await waitFor(() => this.provider.synced, 'sync with the server', timeoutMs);
  }

  /** Waits until the server acknowledged every local change as durably stored. */
  async waitSaved(timeoutMs = 10_000): Promise<void> {
    await waitFor(
      () => this.provider.synced && this.pending() === 0,
      'the server to acknowledge local changes',
      timeoutMs,
    );
  }

  destroy(): void {
    this.provider.destroy();
  }
}

/** Opens a client and waits for its first sync. */
export async function connect(
  wsUrl: string,
  room: string,
  token: string,
  options?: SyncClientOptions,
): Promise<SyncClient> {
  const client = new SyncClient(wsUrl, room, token, options);
  await client.waitSynced();
  return client;
}
