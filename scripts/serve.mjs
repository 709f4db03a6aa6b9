#!/usr/bin/env node
// Serves the built static site (dist/) on localhost, optionally under a sub-path, as any static host would.
//   node scripts/serve.mjs [--port 4173] [--base /hoplab/] [--dir dist]
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import sirv from 'sirv';
import { parseScriptArgs } from './cli.mjs';

const values = parseScriptArgs(
  'serve',
  'Usage: node scripts/serve.mjs [--port 4173] [--base /] [--dir dist] [--host 127.0.0.1]   (serves a build, as the published site is)',
  {
    port: { type: 'string', default: process.env.PORT ?? '4173' },
    base: { type: 'string', default: '/' },
    dir: { type: 'string', default: 'dist' },
    host: { type: 'string', default: '127.0.0.1' },
  },
);

const port = Number(values.port);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`serve: --port must be a whole number from 1 to 65535, got "${values.port}".`);
  process.exit(2);
}
if (!existsSync(`${values.dir}/index.html`)) {
  console.error(`serve: ${values.dir}/index.html does not exist. Run "npm run build" first.`);
  process.exit(2);
}
const base = `/${values.base.replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
const assets = sirv(values.dir, { dev: false, etag: true, extensions: ['html'] });

const server = createServer((req, res) => {
  const url = req.url ?? '/';
  if (base !== '/' && (url === base.slice(0, -1) || url === '/')) {
    res.writeHead(302, { Location: base });
    res.end();
    return;
  }
  if (!url.startsWith(base)) {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end(`Not found. The site is served under ${base}`);
    return;
  }
  req.url = `/${url.slice(base.length)}`;
  assets(req, res, () => {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('Not found');
  });
});

server.on('error', (e) => {
  console.error(`serve: cannot listen on ${values.host}:${port}: ${e.message}. Pick another port with --port or PORT=.`);
  process.exit(1);
});
server.listen(port, values.host, () => {
  console.log(`Hoplab is served at http://${values.host === '0.0.0.0' ? 'localhost' : values.host}:${port}${base}`);
});
