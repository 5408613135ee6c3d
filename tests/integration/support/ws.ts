import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The `ws` package's WebSocket client, typed by hand: the tests package does not carry
 * @types/ws, and only this small surface is used (the provider needs the browser-style
 * API, raw tests need events and the upgrade response status).
 */
export interface RawSocket {
  readonly readyState: number;
  send(data: Uint8Array | string, cb?: (error?: Error) => void): void;
  close(code?: number, reason?: string): void;
  terminate(): void;
  on(event: 'open', listener: () => void): this;
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): this;
  on(event: 'close', listener: (code: number, reason: Buffer) => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
  on(event: 'unexpected-response', listener: (req: unknown, res: { statusCode?: number }) => void): this;
}

type RawSocketClass = new (url: string, options?: { maxPayload?: number }) => RawSocket;

const require = createRequire(import.meta.url);

/**
 * For code that wants the `ws` client API. Loaded by file path: under Vitest (with the
 * Solid plugin's `browser` resolve condition) `ws` would resolve to its browser stub.
 */
export const NodeWebSocket = require(
  join(dirname(require.resolve('ws/package.json')), 'index.js'),
) as RawSocketClass;

/** For y-websocket's `WebSocketPolyfill` option (ws implements the browser API too). */
export const WebSocketPolyfill = NodeWebSocket as unknown as typeof WebSocket;
