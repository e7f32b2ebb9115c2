import { createServer, Server } from 'node:http';
import { PROBLEM_CONTENT_TYPE, problemType } from '../common/problem';

export interface StartingServer {
  /** Frees the port for the real server. */
  close(): Promise<void>;
}

/**
 * Holds the service's port while it waits for its database, so that a load balancer or an
 * orchestrator probing GET /health sees "starting" (503, code STARTING) rather than a refused
 * connection; every other path gets the same answer. Node's bare HTTP server: Nest is not built
 * before the database answers.
 */
export async function listenWhileStarting(port: number, host: string, detail: () => string): Promise<StartingServer> {
  const server: Server = createServer((request, response) => {
    const body = {
      type: problemType('STARTING'),
      title: 'Starting',
      status: 503,
      code: 'STARTING',
      detail: detail(),
      instance: request.url?.split('?')[0],
    };
    response.writeHead(503, { 'content-type': PROBLEM_CONTENT_TYPE, 'retry-after': '5', connection: 'close' });
    response.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
