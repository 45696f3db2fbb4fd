import { connect, createServer, type Socket } from 'node:net';

/**
 * A TCP relay on loopback in front of a lab service, which a test can cut
 * (every open connection dropped, new ones closed on arrival: the service is
 * unreachable) and restore. The service itself is never touched.
 */
export interface TcpProxy {
  address: string;
  port: number;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(
  to: { address: string; port: number },
  address = '127.0.0.1',
): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let broken = false;
  const server = createServer((client) => {
    if (broken) {
      client.destroy();
      return;
    }
    const upstream = connect({ host: to.address, port: to.port });
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('error', () => {});
      s.on('close', () => {
        open.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, address, resolve);
  });
  const { port } = server.address() as { port: number };
  return {
    address,
    port,
    cut() {
      broken = true;
      for (const s of open) s.destroy();
    },
    restore() {
      broken = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
