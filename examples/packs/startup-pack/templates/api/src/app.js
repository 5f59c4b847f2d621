// The API service: JSON endpoints, Prometheus metrics and the static frontend in ../web.
// No dependencies: node:http, node:fs and node:path only.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB_ROOT = fileURLToPath(new URL('../web/', import.meta.url));
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/** Request counters by method and status, exposed at /metrics in Prometheus text format. */
export function createMetrics() {
  const counts = new Map();
  const started = Date.now();
  return {
    record(method, status) {
      const key = `${method} ${status}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    },
    render() {
      const lines = [
        '# HELP http_requests_total HTTP requests served, by method and status.',
        '# TYPE http_requests_total counter',
      ];
      for (const [key, n] of [...counts].sort()) {
        const [method, status] = key.split(' ');
        lines.push(`http_requests_total{method="${method}",status="${status}"} ${n}`);
      }
      lines.push('# HELP process_uptime_seconds Seconds since the service started.');
      lines.push('# TYPE process_uptime_seconds gauge');
      lines.push(`process_uptime_seconds ${((Date.now() - started) / 1000).toFixed(3)}`);
      return lines.join('\n') + '\n';
    },
  };
}

async function staticFile(pathname) {
  const relative = normalize(pathname === '/' ? 'index.html' : pathname.slice(1));
  if (relative.startsWith('..')) return null;
  try {
    return { body: await readFile(join(WEB_ROOT, relative)), type: TYPES[extname(relative)] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}

/** Creates the HTTP server; `name` is reported by /api/info. */
export function createApp({ name }) {
  const metrics = createMetrics();
  return createServer(async (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    const send = (status, body, type = 'application/json; charset=utf-8') => {
      metrics.record(req.method, status);
      res.writeHead(status, { 'content-type': type });
      res.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
    };
    if (pathname === '/health') return send(200, { status: 'ok' });
    if (pathname === '/metrics') return send(200, metrics.render(), 'text/plain; version=0.0.4');
    if (pathname === '/api/info') return send(200, { name, time: new Date().toISOString() });
    if (pathname.startsWith('/api/')) return send(404, { error: `no route for ${pathname}` });
    if (req.method === 'GET') {
      const file = await staticFile(pathname);
      if (file) return send(200, file.body, file.type);
    }
    return send(404, { error: `not found: ${pathname}` });
  });
}
