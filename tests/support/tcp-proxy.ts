import net from 'node:net';

export interface ProxyFaults {
  /** Delay added to every chunk in each direction, in ms. */
  delayMs?: number;
  /** Chance per chunk that the connection is cut right after forwarding part of it. */
  cutProbability?: number;
}

/**
 * A loopback TCP proxy we control, to give one device a patchy network. Playwright's
 * setOffline does not close open WebSockets; cutting the proxy does, exactly like Wi-Fi
 * dropping in an aisle: open connections die and new ones are refused until restore().
 */
export class TcpProxy {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  private online = true;
  faults: ProxyFaults = {};
  port = 0;

  constructor(
    private readonly targetPort: number,
    private readonly targetHost = '127.0.0.1',
    private readonly random: () => number = Math.random,
  ) {}

  async start(port = 0): Promise<number> {
    this.server = net.createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this.port;
  }

  /** Drops every open connection and refuses new ones. */
  cut(): void {
    this.online = false;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  restore(): void {
    this.online = true;
  }

  /** Drops every open connection once, but accepts new ones (a blip). */
  blip(): void {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(client: net.Socket): void {
    if (!this.online) {
      client.destroy();
      return;
    }
    const upstream = net.connect(this.targetPort, this.targetHost);
    this.track(client, upstream);
    this.track(upstream, client);
    this.pipe(client, upstream);
    this.pipe(upstream, client);
  }

  private track(a: net.Socket, b: net.Socket): void {
    this.sockets.add(a);
    const end = () => {
      this.sockets.delete(a);
      b.destroy();
    };
    a.on('error', end);
    a.on('close', end);
  }

  private pipe(from: net.Socket, to: net.Socket): void {
    from.on('data', (chunk: Buffer) => {
      const { delayMs = 0, cutProbability = 0 } = this.faults;
      const forward = () => {
        if (to.destroyed) return;
        if (cutProbability > 0 && this.random() < cutProbability) {
          // Cut mid-message: forward a prefix of the chunk, then kill both sides.
          to.write(chunk.subarray(0, Math.floor(chunk.length / 2)));
          from.destroy();
          to.destroy();
          return;
        }
        to.write(chunk);
      };
      if (delayMs > 0) {
        from.pause();
        setTimeout(() => {
          forward();
          from.resume();
        }, delayMs);
      } else forward();
    });
  }
}
