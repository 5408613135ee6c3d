/**
 * The baseline for tests/bench/server-vs-relay.ts: a bare y-websocket relay — ws +
 * y-protocols, one in-memory Y.Doc per room, no authentication, no limits, no persistence,
 * no acknowledgements. What the y-websocket README's example server does, minus its extras.
 *
 * Run as its own process: `node --import tsx tests/bench/support/bare-relay.ts <port>`;
 * it prints `listening <port>` when ready.
 */
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;

interface Socket {
  readonly readyState: number;
  send(data: Uint8Array): void;
  close(): void;
  on(event: 'message', listener: (data: Buffer) => void): void;
  on(event: 'close', listener: () => void): void;
}
interface WsServer {
  handleUpgrade(req: unknown, socket: unknown, head: unknown, cb: (ws: Socket) => void): void;
}
const require = createRequire(import.meta.url);
// By file path: under a bundler's `browser` condition `ws` resolves to its stub.
const { WebSocketServer } = require(join(dirname(require.resolve('ws/package.json')), 'index.js')) as {
  WebSocketServer: new (opts: { noServer: true }) => WsServer;
};

class RelayRoom {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly conns = new Map<Socket, Set<number>>();

  constructor() {
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, MESSAGE_SYNC);
      syncProtocol.writeUpdate(e, update);
      const message = encoding.toUint8Array(e);
      for (const c of this.conns.keys()) if (c !== origin) send(c, message);
    });
    this.awareness.on(
      'update',
      ({ added, updated, removed }: Record<'added' | 'updated' | 'removed', number[]>, origin: unknown) => {
        const changed = [...added, ...updated, ...removed];
        const ids = this.conns.get(origin as Socket);
        if (ids) {
          for (const id of [...added, ...updated]) ids.add(id);
          for (const id of removed) ids.delete(id);
        }
        const e = encoding.createEncoder();
        encoding.writeVarUint(e, MESSAGE_AWARENESS);
        encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
        const message = encoding.toUint8Array(e);
        for (const c of this.conns.keys()) send(c, message);
      },
    );
  }
}

function send(ws: Socket, message: Uint8Array): void {
  if (ws.readyState === 1) ws.send(message);
}

export async function startBareRelay(port: number): Promise<{ close(): Promise<void> }> {
  const rooms = new Map<string, RelayRoom>();
  const wss = new WebSocketServer({ noServer: true });
  const http = createServer((_req, res) => res.writeHead(200).end('relay\n'));
  http.on('upgrade', (req, socket, head) => {
    const name = (req.url ?? '/')
      .split('?')[0]!
      .slice(1)
      .replace(/^sync\//, '');
    wss.handleUpgrade(req, socket, head, (ws) => {
      let room = rooms.get(name);
      if (!room) {
        room = new RelayRoom();
        rooms.set(name, room);
      }
      const r = room;
      r.conns.set(ws, new Set());
      ws.on('message', (data) => {
        try {
          const decoder = decoding.createDecoder(new Uint8Array(data));
          const type = decoding.readVarUint(decoder);
          if (type === MESSAGE_SYNC) {
            const e = encoding.createEncoder();
            encoding.writeVarUint(e, MESSAGE_SYNC);
            syncProtocol.readSyncMessage(decoder, e, r.doc, ws);
            if (encoding.length(e) > 1) send(ws, encoding.toUint8Array(e));
          } else if (type === MESSAGE_AWARENESS) {
            awarenessProtocol.applyAwarenessUpdate(r.awareness, decoding.readVarUint8Array(decoder), ws);
          }
        } catch {
          ws.close();
        }
      });
      ws.on('close', () => {
        const ids = r.conns.get(ws);
        r.conns.delete(ws);
        if (ids?.size) awarenessProtocol.removeAwarenessStates(r.awareness, [...ids], null);
      });
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(e, r.doc);
      send(ws, encoding.toUint8Array(e));
    });
  });
  await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
  return { close: () => new Promise((resolve) => http.close(() => resolve())) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2]);
  await startBareRelay(port);
  console.log(`listening ${port}`);
}
