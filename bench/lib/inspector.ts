import WebSocket from 'ws';

/**
 * A server process started with `--inspect=127.0.0.1:<port>` can be asked, over the V8
 * inspector protocol on loopback, to collect garbage and report its heap: "after unload"
 * then measures what is still reachable, not what V8 has not got round to freeing.
 */
export class Inspector {
  constructor(private readonly port: number) {}

  /** Runs a full collection in the inspected process, then reads its heap in use. */
  async collectGarbage(): Promise<{ heapUsedBytes: number }> {
    const targets = (await (await fetch(`http://127.0.0.1:${this.port}/json/list`)).json()) as {
      webSocketDebuggerUrl: string;
    }[];
    const url = targets[0]?.webSocketDebuggerUrl;
    if (!url) throw new Error(`no inspector target on port ${this.port}`);
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    let next = 0;
    const call = (method: string): Promise<unknown> =>
      new Promise((resolve, reject) => {
        const id = ++next;
        const timer = setTimeout(() => reject(new Error(`${method} timed out`)), 30_000);
        const onMessage = (data: WebSocket.RawData): void => {
          const message = JSON.parse(String(data)) as { id?: number; result?: unknown };
          if (message.id !== id) return;
          clearTimeout(timer);
          socket.off('message', onMessage);
          resolve(message.result);
        };
        socket.on('message', onMessage);
        socket.send(JSON.stringify({ id, method }));
      });
    try {
      // Twice: the first collection can leave finalizer-held objects for the second.
      await call('HeapProfiler.collectGarbage');
      await call('HeapProfiler.collectGarbage');
      const usage = (await call('Runtime.getHeapUsage')) as { usedSize: number };
      return { heapUsedBytes: usage.usedSize };
    } finally {
      socket.close();
    }
  }
}
