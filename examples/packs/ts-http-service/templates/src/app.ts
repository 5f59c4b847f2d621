// The HTTP layer: parses requests, dispatches to the resource whose path matches, writes JSON.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { ApiResponse, Resource } from './resource.js';
import { resources } from './routes/index.js';

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of req) chunks.push(chunk);
  if (chunks.length === 0) return undefined;
  const text = new TextDecoder().decode(concat(chunks));
  return JSON.parse(text);
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

function send(res: ServerResponse, reply: ApiResponse): void {
  res.statusCode = reply.status;
  if (reply.body === undefined) return res.end();
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(reply.body));
}

/** Routes one request; exported so tests can exercise routing without a socket. */
export async function dispatch(method: string, url: string, body: unknown, table: Resource[] = resources): Promise<ApiResponse> {
  const segments = new URL(url, 'http://localhost').pathname.split('/').filter(Boolean);
  if (segments.length === 1 && segments[0] === 'health') return { status: 200, body: { status: 'ok' } };
  const target = table.find((r) => r.path === '/' + segments[0]);
  if (!target) return { status: 404, body: { error: `no route for ${url}` } };
  return target.handle({ method, segments: segments.slice(1), body });
}

/** Creates the HTTP server (not yet listening). */
export function createApp(): Server {
  return createServer((req, res) => {
    readJson(req)
      .then((body) => dispatch(req.method ?? 'GET', req.url ?? '/', body))
      .then((reply) => send(res, reply))
      .catch((err: unknown) => send(res, { status: 400, body: { error: err instanceof Error ? err.message : String(err) } }));
  });
}
