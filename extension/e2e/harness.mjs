// harness.mjs: what the end-to-end tests (Chromium and Firefox) and the
// capture benchmark share: Frugal's fixture pages served over HTTPS under the
// sites' real host names (a self-signed certificate made for the run), each
// site's answer API path streamed by this server (SSE-like bodies, a
// WebSocket for Copilot), the real frugal binary as native host writing a real
// database file, and the row reader.
//
// setup() runs the built extension in real headless Chromium (Debian's
// /usr/lib/chromium/chromium, never a downloaded browser), the host names
// mapped to the server with --host-resolver-rules. firefox.test.mjs uses the
// same server, host and rows behind a CONNECT proxy (Firefox has no
// --host-resolver-rules).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { build } from '../build.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, '../..');
export const CHROMIUM = process.env.CHROMIUM || '/usr/lib/chromium/chromium';
import { CHROMIUM_EXTENSION_ID } from '../src/shared/defs.generated.js';
export const EXT_ID = CHROMIUM_EXTENSION_ID;
const FIXTURES = join(here, '..', 'test', 'fixtures');

// Site id → host and fixture; generic fixtures are served on hosts no adapter knows.
export const SITES = {
  chatgpt: { host: 'chatgpt.com', composer: '#prompt-textarea' },
  claude: { host: 'claude.ai', composer: '.composer-box [data-testid="chat-input"]' },
  gemini: { host: 'gemini.google.com', composer: 'rich-textarea .ql-editor' },
  copilot: { host: 'copilot.microsoft.com', composer: '#userInput' },
  lechat: { host: 'chat.mistral.ai', composer: 'form [contenteditable="true"]' },
  perplexity: { host: 'www.perplexity.ai', composer: '#ask-input' },
  deepseek: { host: 'chat.deepseek.com', composer: '#chat-input' },
};
export const GENERIC = {
  openwebui: { host: 'openwebui.example.org', composer: '#chat-input' },
  librechat: { host: 'librechat.example.org', composer: '#prompt-textarea' },
};
export const ALL_HOSTS = [...Object.values(SITES).map((s) => s.host), 'chat.openai.com', ...Object.values(GENERIC).map((s) => s.host)];
const byHost = Object.fromEntries([...Object.entries(SITES), ...Object.entries(GENERIC)].map(([id, s]) => [s.host, id]));
byHost['chat.openai.com'] = 'chatgpt';
/** siteOf: the site (or generic page) id served under a host name, or undefined. */
export const siteOf = (host) => byHost[host];

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function until(what, fn, timeoutMs = 15000, everyMs = 100) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

// The answer API paths the fixture pages stream from (net=1).
const API = [
  /^\/backend-(api|anon)\/f\/conversation$/, /^\/api\/organizations\/[^/]+\/chat_conversations\/[^/]+\/completion$/,
  /^\/_\/BardChatUi\/data\/assistant\.lamda\.BardFrontendService\/StreamGenerate$/, /^\/api\/chat$/,
  /^\/rest\/sse\/perplexity_ask$/, /^\/api\/v0\/chat\/completion$/,
];
const chunksOf = (s, k) => {
  const out = [];
  const size = Math.ceil(s.length / k);
  for (let i = 0; i < s.length; i += size) out.push(s.slice(i, i + size));
  return out;
};
// stream writes the answer's chunks, spaced like a model's output.
async function stream(p, write) {
  const parts = chunksOf(String(p.text || ''), Number(p.chunks) || 10);
  for (let i = 0; i < parts.length; i++) {
    await sleep(i === Math.floor(parts.length / 2) && Number(p.pause) ? Number(p.pause) : Number(p.every) || 40);
    write(parts[i]);
  }
}
// A minimal WebSocket server side (RFC 6455): handshake and unmasked text frames.
function wsFrame(text) {
  const b = Buffer.from(text);
  const head = b.length < 126 ? Buffer.from([0x81, b.length]) : Buffer.from([0x81, 126, b.length >> 8, b.length & 255]);
  return Buffer.concat([head, b]);
}

/** rowsOf reads the database through `frugal export` (RFC 4180 CSV). */
export function rowsOf(frugal, db) {
  const csv = execFileSync(frugal, ['export', '--db', db], { encoding: 'utf8' });
  const recs = [];
  let row = [], field = '', q = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i];
    if (q) {
      if (c === '"' && csv[i + 1] === '"') { field += '"'; i++; } else if (c === '"') q = false; else field += c;
    } else if (c === '"') q = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && csv[i + 1] === '\n') i++;
      row.push(field); field = ''; recs.push(row); row = [];
    } else field += c;
  }
  if (field || row.length) { row.push(field); recs.push(row); }
  const [head, ...body] = recs;
  return body.filter((r) => r.length === head.length).map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])));
}

/**
 * buildHost builds the frugal binary into tmp and writes host.sh, the
 * program the browser starts: it points frugal at tmp/frugal.db and notes
 * its pid in tmp/host.pid, so a test can stop that host (and only it).
 * Returns {frugal, db, wrapper, hasClassifier}.
 */
// rowsFor lists the rows of prompt (on site, when given) that rows() reads.
export const rowsFor = (rows, prompt, site) => rows().filter((r) => r.prompt === prompt && (!site || r.site === site));

// answeredRow waits for the row of prompt on site with its answer recorded.
export function answeredRow(rows, prompt, site, timeoutMs = 20000) {
  return until('the row with its answer', () => {
    const r = rowsFor(rows, prompt, site);
    return r.length && r[0].answer_chars ? r[0] : null;
  }, timeoutMs);
}

// expectRecorded checks what every capture case checks: exactly one row for
// the send, from the extension, its answer's length within 5 % of what the
// page showed and, with time, its streaming time within 1 s.
export async function expectRecorded(rows, prompt, site, shown, { time = true } = {}) {
  const row = await answeredRow(rows, prompt, site);
  await sleep(300); // a second row, if the send were counted twice, would be there by now
  assert.equal(rowsFor(rows, prompt).length, 1, 'exactly one row');
  assert.equal(row.site, site);
  assert.equal(row.outcome, 'sent');
  assert.equal(row.source, 'extension');
  const chars = Number(row.answer_chars);
  assert.ok(Math.abs(chars - shown.chars) <= 0.05 * shown.chars, `answer length ${chars}, page showed ${shown.chars}`);
  if (time) {
    const ms = Number(row.latency_ms);
    assert.ok(Math.abs(ms - shown.ms) <= 1000, `streaming time ${ms} ms, page streamed for ${shown.ms.toFixed(0)} ms`);
  }
  return row;
}

export function buildHost(tmp) {
  const frugal = join(tmp, 'frugal');
  execFileSync('go', ['build', '-o', frugal, '.'], { cwd: ROOT, stdio: 'inherit' });
  const hasClassifier = execFileSync(frugal, ['help'], { encoding: 'utf8' }).includes('\n  classify ');
  const db = join(tmp, 'frugal.db');
  const wrapper = join(tmp, 'host.sh');
  writeFileSync(wrapper, `#!/bin/sh\necho $$ > '${tmp}/host.pid'\nFRUGAL_DB='${db}' exec '${frugal}' "$@"\n`);
  chmodSync(wrapper, 0o755);
  return { frugal, db, wrapper, hasClassifier };
}

/**
 * fixtureServer starts the HTTPS server on 127.0.0.1 (a free port) with a
 * certificate made in tmp for ALL_HOSTS: each host's fixture page (with
 * /__sim.js), the sites' answer API paths and Copilot's WebSocket.
 */
export async function fixtureServer(tmp) {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(tmp, 'key.pem'), '-out', join(tmp, 'cert.pem'),
    '-days', '2', '-subj', '/CN=frugal-e2e', '-addext', 'subjectAltName=' + ALL_HOSTS.map((x) => 'DNS:' + x).join(',')], { stdio: 'ignore' });
  const sim = readFileSync(join(here, 'sim.js'));
  const server = createServer({ key: readFileSync(join(tmp, 'key.pem')), cert: readFileSync(join(tmp, 'cert.pem')) }, (req, res) => {
    const host = (req.headers.host || '').split(':')[0];
    const url = new URL(req.url, `https://${host}`);
    if (url.pathname === '/__sim.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      return res.end(sim);
    }
    // The generic adapter's modules, for the pages no adapter knows (the
    // popup's "Track this site" injects them; here the page imports them).
    if (url.pathname.startsWith('/__ext/src/') && !url.pathname.includes('..')) {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      return res.end(readFileSync(join(here, '..', url.pathname.slice('/__ext/'.length))));
    }
    const site = byHost[host];
    if (req.method === 'POST' && API.some((re) => re.test(url.pathname))) {
      let body = '';
      req.on('data', (d) => { body += d; });
      req.on('end', async () => {
        const p = JSON.parse(body || '{}');
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        await stream(p, (t) => res.write(`data: ${JSON.stringify({ t })}\n\n`));
        res.end('data: [DONE]\n\n');
      });
      return;
    }
    if (req.method === 'POST' && url.pathname === '/c/api/conversations') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end('{"id":"conv-1"}');
    }
    if (!site || !['/', '/anon'].includes(url.pathname)) { res.writeHead(404); return res.end(); }
    const file = url.pathname === '/anon' ? 'chatgpt-anon' : site;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(readFileSync(join(FIXTURES, `${file}.html`)));
  });
  server.on('upgrade', (req, socket) => {
    const url = new URL(req.url, 'https://copilot.microsoft.com');
    if (url.pathname !== '/c/api/chat') return socket.destroy();
    const accept = createHash('sha1').update(req.headers['sec-websocket-key'] + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    socket.on('error', () => {});
    let started = false;
    socket.on('data', async () => {
      if (started) return;
      started = true;
      const p = Object.fromEntries(url.searchParams);
      socket.write(wsFrame(JSON.stringify({ event: 'startMessage' })));
      await stream(p, (t) => socket.write(wsFrame(JSON.stringify({ event: 'appendText', text: t }))));
      socket.write(wsFrame(JSON.stringify({ event: 'done' })));
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return server;
}

export async function setup() {
  const h = {};
  h.tmp = mkdtempSync(join(tmpdir(), 'frugal-e2e-'));
  const host = buildHost(h.tmp);
  Object.assign(h, { frugal: host.frugal, db: host.db, hasClassifier: host.hasClassifier });
  build();
  const profile = join(h.tmp, 'profile');
  execFileSync(h.frugal, ['install-browser', '--browser', 'chromium', '--dir', join(profile, 'NativeMessagingHosts'), '--host-path', host.wrapper]);
  h.manifestFile = join(profile, 'NativeMessagingHosts', 'app.frugal.host.json');
  h.server = await fixtureServer(h.tmp);
  const port = h.server.address().port;
  const ext = join(here, '..', 'dist', 'chromium');
  h.browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir: profile,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--load-extension=${ext}`, `--disable-extensions-except=${ext}`,
      `--host-resolver-rules=${ALL_HOSTS.map((x) => `MAP ${x} 127.0.0.1:${port}`).join(', ')}, EXCLUDE localhost`,
      '--ignore-certificate-errors', '--lang=en-US'],
  });
  await h.browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${EXT_ID}/`), { timeout: 15000 });
  h.rows = () => rowsOf(h.frugal, h.db);

  // open loads a site's page and returns it with a way to run code in the
  // content script's isolated world (where chrome.runtime is).
  h.open = async (site, query = '', path = '/') => {
    const page = await h.browser.newPage();
    const cdp = await page.createCDPSession();
    const contexts = [];
    cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
    await cdp.send('Runtime.enable');
    await page.goto(`https://${SITES[site].host}${path}${query ? '?' + query : ''}`, { waitUntil: 'load' });
    const frameId = page.mainFrame()._id;
    const ctx = await until('the content script', () => contexts.findLast((c) => c.auxData?.type === 'isolated' &&
      c.auxData?.frameId === frameId && c.origin === `chrome-extension://${EXT_ID}`), 15000);
    const inContent = async (expression) => {
      const r = await cdp.send('Runtime.evaluate', { expression, contextId: ctx.id, awaitPromise: true, returnByValue: true });
      if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description || r.exceptionDetails.text);
      return r.result.value;
    };
    await until('the adapter', () => inContent('typeof globalThis.frugalIntercept?.keydown === "function" && !!globalThis.frugalCapture'));
    return { page, cdp, inContent };
  };
  h.teardown = async () => {
    await h.browser?.close();
    h.server?.close();
    if (h.tmp && !process.env.KEEP_E2E) rmSync(h.tmp, { recursive: true, force: true });
  };
  return h;
}
