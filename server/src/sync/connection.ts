import {
  CLOSE,
  encodeSaved,
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
} from '@stockroom/shared/sync/protocol';
import type { RoomRef } from '@stockroom/shared/sync/rooms';
import * as decoding from 'lib0/decoding';
import type { WebSocket } from 'ws';
import { applyAwarenessUpdate } from 'y-protocols/awareness';
import { messageYjsSyncStep1, messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync';
import * as Y from 'yjs';
import type { Session } from '../auth/sessions.ts';
import type { Logger } from '../log.ts';
import type { ServerMetrics } from '../metrics/server-metrics.ts';
import { type PresenceRewrite, rewriteAwareness } from './awareness-guard.ts';
import {
  assertDecodableUpdate,
  awarenessMessage,
  clientsOfUpdate,
  storedStateFor,
  syncStep1Message,
  syncStep2Message,
} from './messages.ts';
import type { Room, RoomPeer } from './room.ts';
import type { RoomLease } from './room-registry.ts';
import { TokenBucket } from './token-bucket.ts';
import type { Refused, WriteGuard } from './write-guard.ts';

export interface ConnectionOptions {
  session: Session;
  readOnly: boolean;
  /** The client asked for MESSAGE_SAVED durability acknowledgements (`?ack=1`). */
  ack: boolean;
  address: string | null;
  log: Logger;
  /** Message rate limit (token bucket); over it the connection is closed with 4429. */
  rate?: { perSec: number; burst: number };
  metrics?: ServerMetrics;
  /** Write rules, clientID ownership and growth limits, checked before an update is applied. */
  guard?: WriteGuard;
  /** Called when an update is refused (audit). */
  onRefused?: (refused: Refused) => void;
  /** Fills in what the server knows in presence states (user, device, role). */
  presence?: PresenceRewrite;
}

/** ws closes with 1009 when a message exceeds maxPayload; ours is 4413, permanent (see CLOSE). */
const WS_MESSAGE_TOO_BIG = 1009;

/** A client sends a handful of messages on connect; thousands before the room loads is abuse. */
const MAX_QUEUED_WHILE_LOADING = 1000;

/** Unsent bytes allowed to pile up for one slow client before it is disconnected. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

/** A message that breaks the protocol: the connection is closed with CLOSE.badMessage. */
class BadMessage extends Error {}

/**
 * One client's WebSocket on one room. Messages that arrive while the room is loading are
 * queued and handled in order once it is ready, so the first sync reply always carries the
 * stored state. Anything malformed closes this connection only.
 */
export class Connection implements RoomPeer {
  readonly awarenessClients = new Set<number>();
  private room: Room | null = null;
  private queue: Uint8Array[] | null = [];
  private closed = false;
  private readonly bucket: TokenBucket | null;
  private readonly expiry: NodeJS.Timeout;
  /** Bytes written to the room in the current hour (the write guard's quota). */
  readonly written = { bytes: 0, since: Date.now() };
  alive = true;

  constructor(
    private readonly ws: WebSocket,
    private readonly lease: RoomLease,
    readonly roomName: string,
    readonly ref: RoomRef,
    readonly options: ConnectionOptions,
    private readonly onClosed: (connection: Connection) => void,
  ) {
    this.bucket = options.rate ? new TokenBucket(options.rate.perSec, options.rate.burst) : null;
    // The socket was authorised with an access token: it lives no longer than the token. The
    // client refreshes and reconnects with a new one (4401 is what it refreshes on).
    this.expiry = setTimeout(
      () => this.close(CLOSE.unauthorized, 'access token expired'),
      Math.max(0, options.session.expiresAt - Date.now()),
    );
    this.expiry.unref();
    // ws closes an oversized message with 1009 from inside its receiver; a stock y-websocket
    // client would reconnect and resend it for ever. Mapped to 4413, which it treats as final.
    const wsClose = ws.close.bind(ws);
    ws.close = (code?: number, reason?: string | Buffer) =>
      wsClose(code === WS_MESSAGE_TOO_BIG ? CLOSE.tooLarge : code, reason);
    ws.on('message', (data, isBinary) => this.receive(data, isBinary));
    ws.on('close', () => this.cleanup());
    ws.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
        options.metrics?.error('message_too_large');
        options.log.warn('sync message too large; closing connection (4413)', {
          room: roomName,
          user: options.session.username,
          device: options.session.device,
          address: options.address,
        });
      } else options.log.debug('socket error', { error: error.message });
    });
    ws.on('pong', () => {
      this.alive = true;
    });
    lease.room.then(
      (room) => this.attach(room),
      (error) => {
        options.metrics?.error('room_unavailable');
        options.log.error('room unavailable', { room: roomName, error });
        this.close(1011, 'room unavailable');
      },
    );
  }

  get session(): Session {
    return this.options.session;
  }

  send(message: Uint8Array): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      // A client that does not read would make the server buffer without end; it resyncs on reconnect.
      this.options.log.warn('client is not reading; closing connection', {
        room: this.roomName,
        user: this.session.username,
        buffered: this.ws.bufferedAmount,
      });
      this.close(1013, 'too far behind');
      return;
    }
    this.ws.send(message, (error) => {
      if (error) this.options.log.debug('send failed', { room: this.roomName, error: error.message });
    });
  }

  /** Its access was narrowed while open (a stocktake was posted): its updates are dropped from now on. */
  makeReadOnly(): void {
    this.options.readOnly = true;
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    try {
      this.ws.close(code, reason);
    } catch {
      this.ws.terminate();
    }
    this.cleanup();
  }

  terminate(): void {
    this.ws.terminate();
    this.cleanup();
  }

  ping(): void {
    if (this.closed) return;
    this.alive = false;
    this.ws.ping();
  }

  private attach(room: Room): void {
    if (this.closed) return;
    this.room = room;
    room.addPeer(this);
    // Server's SyncStep1 first, so the client sends whatever the server is missing.
    this.send(syncStep1Message(room.doc));
    const states = [...room.awareness.getStates().keys()];
    if (states.length) this.send(awarenessMessage(room.awareness, states));
    const queued = this.queue ?? [];
    this.queue = null;
    for (const message of queued) {
      if (this.closed) break;
      this.handle(message);
    }
  }

  private receive(data: unknown, isBinary: boolean): void {
    if (this.closed) return;
    if (this.bucket && !this.bucket.take()) {
      this.options.metrics?.error('rate_limited');
      this.options.log.warn('sync message rate exceeded; closing connection (4429)', {
        room: this.roomName,
        user: this.session.username,
        device: this.session.device,
        address: this.options.address,
        ratePerSec: this.options.rate?.perSec,
        burst: this.options.rate?.burst,
      });
      this.close(CLOSE.rateLimited, 'too many messages');
      return;
    }
    if (!isBinary || !Buffer.isBuffer(data)) {
      this.reject('expected a binary message');
      return;
    }
    const message = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (!this.queue) {
      this.handle(message);
      return;
    }
    if (this.queue.length >= MAX_QUEUED_WHILE_LOADING) {
      this.options.log.warn('too many messages while the room loads; closing connection', {
        room: this.roomName,
        user: this.session.username,
      });
      this.close(CLOSE.rateLimited, 'too many messages');
      return;
    }
    this.queue.push(message);
  }

  private handle(message: Uint8Array): void {
    const room = this.room;
    if (!room) return;
    try {
      const decoder = decoding.createDecoder(message);
      const type = decoding.readVarUint(decoder);
      switch (type) {
        case MESSAGE_SYNC:
          this.handleSync(room, decoder);
          break;
        case MESSAGE_AWARENESS:
          this.handleAwareness(room, decoding.readVarUint8Array(decoder));
          break;
        case MESSAGE_QUERY_AWARENESS:
          this.send(awarenessMessage(room.awareness, [...room.awareness.getStates().keys()]));
          break;
        case MESSAGE_AUTH:
          // Only servers send auth messages; a client's is meaningless but harmless.
          break;
        default:
          throw new BadMessage(`unknown message type ${type}`);
      }
    } catch (error) {
      if (room.failed) {
        this.close(1011, 'storage error');
        return;
      }
      this.reject(error instanceof Error ? error.message : String(error));
    }
  }

  private handleSync(room: Room, decoder: decoding.Decoder): void {
    const step = decoding.readVarUint(decoder);
    switch (step) {
      case messageYjsSyncStep1: {
        const encodedSv = decoding.readVarUint8Array(decoder);
        const clientSv = Y.decodeStateVector(encodedSv);
        this.send(syncStep2Message(room.doc, encodedSv));
        // Tell the client which of its earlier changes are already stored here.
        if (this.options.ack) {
          // Once what the room holds is on disk (updates may be waiting for their group commit).
          const clients = [...clientSv.keys()];
          room.afterCommit(() => this.send(encodeSaved(storedStateFor(room.doc, clients))));
        }
        break;
      }
      case messageYjsSyncStep2:
      case messageYjsUpdate: {
        const update = decoding.readVarUint8Array(decoder);
        if (this.options.readOnly) {
          // Read-only: the client may believe it can write; its updates are dropped, never applied.
          this.options.log.debug('dropped update from read-only connection', {
            room: this.roomName,
            user: this.session.username,
          });
          return;
        }
        assertDecodableUpdate(update);
        const refused = this.options.guard?.check(room, update, this);
        if (refused) {
          this.refuseWrite(refused);
          return;
        }
        room.applyClientUpdate(update, this);
        if (this.options.ack) {
          const clients = clientsOfUpdate(update);
          room.afterCommit(() => this.send(encodeSaved(storedStateFor(room.doc, clients))));
        }
        break;
      }
      default:
        throw new BadMessage(`unknown sync step ${step}`);
    }
  }

  /**
   * Presence is only for connections that may write (a viewer cannot pose as a counter),
   * only for the connection's own awareness clientID, with the user and device the server
   * authenticated, and small. Anything else is dropped.
   */
  private handleAwareness(room: Room, update: Uint8Array): void {
    if (this.options.readOnly) return;
    const others = new Set<number>();
    for (const peer of room.peers) if (peer !== this) for (const id of peer.awarenessClients) others.add(id);
    const result = rewriteAwareness(update, {
      own: this.awarenessClients,
      taken: others,
      fill: this.options.presence ?? (() => ({})),
    });
    if ('problem' in result) {
      this.options.metrics?.error('awareness_dropped');
      this.options.log.debug('dropped presence update', { room: this.roomName, problem: result.problem });
      return;
    }
    applyAwarenessUpdate(room.awareness, result.update, this);
  }

  private refuseWrite(refused: Refused): void {
    this.options.metrics?.error('write_refused');
    this.options.log.warn('sync update refused; closing connection', {
      room: this.roomName,
      user: this.session.username,
      device: this.session.device,
      address: this.options.address,
      code: refused.code,
      reason: refused.reason,
    });
    try {
      this.options.onRefused?.(refused);
    } catch (error) {
      this.options.log.error('recording a refused update failed', { error });
    }
    // Close reasons are limited to 123 bytes by the WebSocket protocol.
    this.close(refused.code, truncate(refused.reason, 120));
  }

  private reject(problem: string): void {
    this.options.metrics?.error('bad_message');
    this.options.log.warn('bad sync message; closing connection', {
      room: this.roomName,
      user: this.session.username,
      device: this.session.device,
      address: this.options.address,
      problem,
    });
    this.close(CLOSE.badMessage, 'bad message');
  }

  private cleanup(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.expiry);
    this.queue = null;
    this.room?.removePeer(this);
    this.lease.release();
    this.onClosed(this);
  }
}

function truncate(text: string, bytes: number): string {
  const enc = new TextEncoder();
  if (enc.encode(text).length <= bytes) return text;
  let out = text;
  while (enc.encode(`${out}…`).length > bytes) out = out.slice(0, -1);
  return `${out}…`;
}
