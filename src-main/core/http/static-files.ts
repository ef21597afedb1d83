import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Route } from './host-routes.js';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * Serves a built single-page app from `root`: files as they are, and index.html for any other
 * GET path so client-side routes work. Paths cannot leave `root`.
 */
export function staticFiles(root: string): Route {
  const base = normalize(root + sep);
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      // A stray '%' or a broken escape: the client's mistake, not the server's.
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('The address is not a valid URL.');
      return true;
    }
    const candidate = normalize(join(base, path));
    if (!candidate.startsWith(base)) return false;
    const file = (await isFile(candidate)) ? candidate : join(base, 'index.html');
    if (!(await isFile(file))) return false;
    const type = contentTypes[extname(file)] ?? 'application/octet-stream';
    // Hashed assets never change; index.html must be revalidated so a new build is picked up.
    const cache = file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
    // No other page may frame the UI: a hidden frame could trick the owner into clicking for it.
    res.writeHead(200, {
      'Content-Type': type,
      'Cache-Control': cache,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "frame-ancestors 'none'",
      'X-Frame-Options': 'DENY',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
    return true;
  };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
