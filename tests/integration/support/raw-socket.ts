import { NodeWebSocket, type RawSocket } from './ws.ts';

/** A bare WebSocket on a sync room, for sending hand-made (or broken) protocol messages. */
export class RawSyncSocket {
  readonly received: Uint8Array[] = [];
  readonly closed: Promise<number>;
  closeCode: number | null = null;
  private constructor(readonly ws: RawSocket) {
    this.closed = new Promise((resolve) =>
      ws.on('close', (code) => {
        this.closeCode = code;
        resolve(code);
      }),
    );
    ws.on('message', (data) => this.received.push(new Uint8Array(data)));
    ws.on('error', () => {});
  }

  static open(wsUrl: string, room: string, token: string): Promise<RawSyncSocket> {
    const ws = new NodeWebSocket(`${wsUrl}/${room}?token=${encodeURIComponent(token)}`);
    const socket = new RawSyncSocket(ws);
    return new Promise((resolve, reject) => {
      ws.on('open', () => resolve(socket));
      ws.on('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      ws.on('error', reject);
    });
  }

  get open(): boolean {
    return this.closeCode === null;
  }

  send(data: Uint8Array | string): void {
    if (this.open) this.ws.send(data);
  }

  close(): void {
    this.ws.close();
  }
}
