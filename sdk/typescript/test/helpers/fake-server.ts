/**
 * A tiny local HTTP server standing in for the gateway, for what a real one cannot be made to do on demand:
 * fail the first N attempts, drop connections, never answer. It records every request it saw.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** performance.now() when the request arrived. */
  at: number;
}

/** Answers request number `index` (0-based); may leave the response unanswered or destroy the socket. */
export type Handler = (request: SeenRequest, response: ServerResponse, index: number) => void;

export interface FakeServer {
  baseURL: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

export async function startFakeServer(handler: Handler): Promise<FakeServer> {
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const seen: SeenRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
        at: performance.now(),
      };
      requests.push(seen);
      handler(seen, res, requests.length - 1);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

export function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const type = status >= 400 ? 'application/problem+json' : 'application/json; charset=utf-8';
  response.writeHead(status, { 'Content-Type': type, ...headers });
  response.end(JSON.stringify(body));
}

/** A problem+json body shaped like the gateway's. */
export function problem(status: number, code: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { title: code, status, detail: `detail of ${code}`, code, traceId: `00-trace-${status}`, ...extra };
}

export const LICENSE = {
  id: 'lic_fake0000000001',
  key: 'AAAA-BBBB-CCCC-DDDD-EEEE',
  status: 'ACTIVE',
  businessId: 'biz_fake',
  productId: 'prod_1',
  paymentId: null,
  customerId: 'cust_1',
  activationLimit: 5,
  activationMessage: null,
  instancesCount: 0,
  expiryHours: null,
  expiresAt: null,
  filters: null,
  archived: false,
  createdAt: '2026-05-11T01:12:25.764Z',
  updatedAt: '2026-05-11T01:12:25.764Z',
} as const;
