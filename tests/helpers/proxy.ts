import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * One address in front of several relays, as a load balancer without sticky sessions: each
 * new TCP connection goes to the next backend in turn that accepts it. A backend that is
 * down (restarting) is skipped, so clients reconnecting land on another.
 */
export class TcpProxy {
  private next = 0;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly backends: () => number[],
  ) {}

  static async start(backends: () => number[]): Promise<TcpProxy> {
    let proxy: TcpProxy | null = null;
    const server = createServer((client) => proxy?.accept(client));
    const port = await new Promise<number>((resolve) =>
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : 0);
      }),
    );
    proxy = new TcpProxy(server, port, backends);
    return proxy;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private accept(client: Socket): void {
    this.sockets.add(client);
    client.once('close', () => this.sockets.delete(client));
    client.pause();
    const ports = this.backends();
    const tryFrom = (attempt: number) => {
      if (attempt >= ports.length) {
        client.destroy();
        return;
      }
      const port = ports[(this.next + attempt) % ports.length] ?? 0;
      const upstream = createConnection({ port, host: '127.0.0.1' });
      upstream.once('error', () => tryFrom(attempt + 1));
      upstream.once('connect', () => {
        this.next = (this.next + attempt + 1) % Math.max(1, ports.length);
        upstream.removeAllListeners('error');
        this.sockets.add(upstream);
        upstream.once('close', () => this.sockets.delete(upstream));
        const end = () => {
          client.destroy();
          upstream.destroy();
        };
        upstream.on('error', end);
        client.on('error', end);
        client.pipe(upstream);
        upstream.pipe(client);
        client.once('close', end);
        upstream.once('close', end);
        client.resume();
      });
    };
    tryFrom(0);
  }
}
