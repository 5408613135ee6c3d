import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { CLOSE } from '@stockroom/shared/sync/protocol';
import { parseRoom, type RoomRef } from '@stockroom/shared/sync/rooms';
import { WebSocketServer } from 'ws';
import { can, type RoomAccess, roomAccess } from '../auth/permissions.ts';
import type { Session, SessionStore } from '../auth/sessions.ts';
import type { Logger } from '../log.ts';
import type { ServerMetrics } from '../metrics/server-metrics.ts';
import { Connection } from './connection.ts';
import type { Room } from './room.ts';
import type { RoomRegistry } from './room-registry.ts';
import { connectionRefusal, DEFAULT_SYNC_LIMITS, type SyncLimits } from './sync-limits.ts';
import type { Refused, WriteGuard } from './write-guard.ts';

export interface SyncServerOptions {
  limits?: Partial<SyncLimits>;
  metrics?: ServerMetrics;
  /** Write rules and limits inside rooms (without it, any writer may write anything). */
  guard?: WriteGuard;
  /** An update was refused (for the audit). */
  onRefused?: (session: Session, room: string, refused: Refused) => void;
  existence?: RoomExistence;
}

export const SYNC_PATH = '/sync/';
const PING_EVERY_MS = 30_000;

/**
 * Refines the role's access to rooms whose contents decide who may do what (a stocktake's
 * counters and status): the room is loaded and asked before the upgrade, and asked again
 * for open connections when its contents change (refreshAccess).
 */
export interface RoomPolicy {
  applies(ref: RoomRef): boolean;
  /** The room whose contents decide (a stocktake's room decides for its expected room too). */
  decidedBy(ref: RoomRef): string;
  /** `room` is the deciding room (loaded, maybe empty); 'missing' answers 404. */
  decide(session: Session, room: Room, roleAccess: RoomAccess, ref: RoomRef): RoomAccess | 'missing';
}

/** Which rooms exist and which a writer may create (decided before a socket exists). */
export interface RoomExistence {
  /** The room has stored updates or is loaded. */
  exists(name: string): boolean;
  /** A room nobody wrote yet that may be opened anyway: by anyone (the catalog), or by writers (a ledger period in bounds). */
  mayCreate(ref: RoomRef, access: RoomAccess): boolean;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};

/**
 * The WebSocket side: `/sync/{room}?token=…[&ack=1]`. Room name, token and permission are
 * all checked on the HTTP upgrade request, and refusals are plain HTTP responses, so a
 * client without access never gets a socket.
 */
export class SyncServer {
  private readonly wss: WebSocketServer;
  private readonly limits: SyncLimits;
  private readonly metrics: ServerMetrics | undefined;
  private readonly connections = new Set<Connection>();
  private readonly pinger: NodeJS.Timeout;
  private accepting = true;
  private policy: RoomPolicy | null = null;

  constructor(
    private readonly registry: RoomRegistry,
    private readonly sessions: SessionStore,
    private readonly log: Logger,
    private readonly options: SyncServerOptions = {},
  ) {
    this.limits = { ...DEFAULT_SYNC_LIMITS, ...options.limits };
    this.metrics = options.metrics;
    // ws refuses a bigger frame from its header, before buffering it (Connection maps the close to 4413).
    this.wss = new WebSocketServer({ noServer: true, maxPayload: this.limits.maxMessageBytes });
    this.pinger = setInterval(() => this.pingAll(), PING_EVERY_MS);
    this.pinger.unref();
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** Open connections of one session (device). */
  connectionsOfSession(sessionId: string): number {
    let n = 0;
    for (const c of this.connections) if (c.session.id === sessionId) n++;
    return n;
  }

  setPolicy(policy: RoomPolicy): void {
    this.policy = policy;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const address = req.socket.remoteAddress ?? null;
    socket.on('error', () => {});
    const decision = this.admit(req);
    if ('status' in decision) {
      this.refuse(req, socket, decision);
      return;
    }
    const policy = this.policy;
    if (!policy?.applies(decision.ref)) {
      this.open(req, socket, head, decision, address);
      return;
    }
    this.registry
      .with(policy.decidedBy(decision.ref), (room) =>
        policy.decide(decision.session, room, decision.access, decision.ref),
      )
      .then(
        (access) => {
          if (socket.destroyed) return;
          if (!this.accepting) this.refuse(req, socket, { status: 503, why: 'shutting_down' });
          else if (access === 'missing') this.refuse(req, socket, { status: 404, why: 'not_found' });
          else if (access === 'none') this.refuse(req, socket, { status: 403, why: 'forbidden' });
          else this.open(req, socket, head, { ...decision, access }, address);
        },
        (error) => {
          this.log.error('room unavailable for an access decision', { room: decision.roomName, error });
          if (!socket.destroyed) this.refuse(req, socket, { status: 503, why: 'unavailable' });
        },
      );
  }

  /**
   * The contents of a room changed who may do what (a stocktake posted, a counter
   * unassigned): open connections are narrowed to read-only, or closed (4403) when they
   * may no longer see it. Access is never widened on an open connection.
   */
  refreshAccess(room: Room): void {
    const policy = this.policy;
    if (!policy) return;
    for (const c of [...this.connections]) {
      const ref = c.ref;
      if (!policy.applies(ref) || policy.decidedBy(ref) !== room.name) continue;
      const access = policy.decide(c.session, room, roomAccess(c.session.role, ref), ref);
      if (access === 'none' || access === 'missing') c.close(CLOSE.forbidden, 'access changed');
      else if (access === 'read' && !c.options.readOnly) {
        c.makeReadOnly();
        this.log.info('sync connection narrowed to read-only', { room: room.name, user: c.session.username });
      }
    }
  }

  private refuse(req: IncomingMessage, socket: Duplex, decision: { status: number; why: string }): void {
    const address = req.socket.remoteAddress ?? null;
    this.log.info('sync connection refused', { ...decision, address, path: safePath(req.url) });
    const limitTripped = decision.why.startsWith('too_many') || decision.why === 'server_full';
    this.metrics?.error(limitTripped ? 'connection_limit' : 'upgrade_refused');
    const body = JSON.stringify({ error: decision.why });
    socket.end(
      `HTTP/1.1 ${decision.status} ${STATUS_TEXT[decision.status]}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    socket.destroy();
  }

  private open(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    decision: { roomName: string; ref: RoomRef; session: Session; access: RoomAccess; ack: boolean },
    address: string | null,
  ): void {
    const { roomName, ref, session, access, ack } = decision;
    // Checked here, right before the socket exists, so upgrades that waited for a room load count too.
    const refusal = connectionRefusal(this.openCounts(session), this.limits);
    if (refusal) {
      this.log.warn('sync connection limit reached', {
        ...refusal,
        room: roomName,
        user: session.username,
        device: session.device,
        address,
      });
      this.refuse(req, socket, refusal);
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const lease = this.registry.lease(roomName);
      const connection = new Connection(
        ws,
        lease,
        roomName,
        ref,
        {
          session,
          readOnly: access !== 'write',
          ack,
          address,
          log: this.log,
          rate: { perSec: this.limits.ratePerSec, burst: this.limits.burst },
          metrics: this.metrics,
          guard: this.options.guard,
          onRefused: (refused) => this.options.onRefused?.(session, roomName, refused),
          presence: () => presenceOf(session),
        },
        (c) => this.connections.delete(c),
      );
      this.connections.add(connection);
      this.metrics?.connectionsOpened.inc();
      this.log.debug('sync connection opened', {
        room: roomName,
        user: session.username,
        device: session.device,
        access,
      });
    });
  }

  /** Room name, token and permission, decided on the upgrade request before any socket exists. */
  private admit(
    req: IncomingMessage,
  ):
    | { status: number; why: string }
    | { roomName: string; ref: RoomRef; session: Session; access: RoomAccess; ack: boolean } {
    if (!this.accepting) return { status: 503, why: 'shutting_down' };
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      return { status: 400, why: 'invalid' };
    }
    if (!url.pathname.startsWith(SYNC_PATH)) return { status: 404, why: 'not_found' };
    let roomName: string;
    try {
      roomName = decodeURIComponent(url.pathname.slice(SYNC_PATH.length));
    } catch {
      return { status: 404, why: 'not_found' };
    }
    const ref = parseRoom(roomName);
    if (!ref) return { status: 404, why: 'not_found' };
    const session = this.sessions.verify(url.searchParams.get('token') ?? '');
    if (!session) return { status: 401, why: 'unauthorized' };
    const access = roomAccess(session.role, ref);
    if (access === 'none') return { status: 403, why: 'forbidden' };
    // Rooms come into being by being written: a reader (or a writer outside the bounds the
    // domain allows) asking for one nobody wrote gets 404, and the server stores nothing.
    const existence = this.options.existence;
    if (existence && !existence.exists(roomName) && !existence.mayCreate(ref, access))
      return { status: 404, why: 'not_found' };
    return { roomName, ref, session, access, ack: url.searchParams.get('ack') === '1' };
  }

  private openCounts(session: Session): { total: number; ofSession: number; ofUser: number } {
    let ofSession = 0;
    let ofUser = 0;
    for (const c of this.connections) {
      if (c.session.username !== session.username) continue;
      ofUser++;
      if (c.session.id === session.id) ofSession++;
    }
    return { total: this.connections.size, ofSession, ofUser };
  }

  /** Closes the open sockets of one session (logout): 44xx so the client stops retrying. */
  closeSession(sessionId: string, code: number, reason: string): void {
    for (const c of [...this.connections]) if (c.session.id === sessionId) c.close(code, reason);
  }

  /** Closes every socket of a user (deactivated, role or password changed). */
  closeUser(username: string, code: number, reason: string): void {
    for (const c of [...this.connections]) if (c.session.username === username) c.close(code, reason);
  }

  /** Stops accepting and closes every socket with `code` (1001 on shutdown: clients reconnect later). */
  close(code: number, reason: string): void {
    this.accepting = false;
    clearInterval(this.pinger);
    for (const c of [...this.connections]) c.close(code, reason);
    this.wss.close();
  }

  private pingAll(): void {
    for (const c of [...this.connections]) {
      if (!c.alive) {
        this.log.debug('terminating unresponsive connection', { room: c.roomName, user: c.session.username });
        c.terminate();
      } else c.ping();
    }
  }
}

/** What the server knows of a presence: whatever a client claims, it is this user on this device. */
function presenceOf(session: Session): Record<string, unknown> {
  return {
    user: session.username,
    device: session.device,
    role: can(session.role, 'stocktakes.manage') ? 'manager' : 'counter',
  };
}

/** The request path without its query string (which holds the token). */
function safePath(url: string | undefined): string {
  return (url ?? '').split('?')[0] ?? '';
}
