// End-to-end in Firefox: the built Firefox extension installed as a
// temporary add-on (WebDriver BiDi webExtension.install, through
// puppeteer-core) into Debian's headless Firefox ESR, the native host
// manifest written by `frugal install-browser --browser firefox` into a
// throwaway HOME, each site's fixture page served over HTTPS under the site's
// real host name (Firefox has no --host-resolver-rules: every HTTPS request
// goes through a small CONNECT proxy that leads to the local server), and the
// real frugal binary as native host, writing a real database file.
//
// Firefox's content scripts run in a sandbox the page and BiDi cannot see,
// so these tests act only as a person would (type, press Enter, click) and
// read the outcome in the database and the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync, renameSync, existsSync } from 'node:fs';
import { createServer as createHTTPS } from 'node:https';
import { createServer as createHTTP } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { build, GECKO_ID } from '../build.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(here, '../..');
const FIREFOX = process.env.FIREFOX || '/usr/lib/firefox-esr/firefox-esr';
const SITES = {
  chatgpt: { host: 'chatgpt.com', composer: '#prompt-textarea' },
  claude: { host: 'claude.ai', composer: 'div.ProseMirror' },
  gemini: { host: 'gemini.google.com', composer: '.ql-editor' },
  copilot: { host: 'copilot.microsoft.com', composer: '#userInput' },
  mistral: { host: 'chat.mistral.ai', composer: 'textarea[name="message.text"]' },
  perplexity: { host: 'www.perplexity.ai', composer: '#ask-input' },
  deepseek: { host: 'chat.deepseek.com', composer: '#chat-input' },
};
const ALL_HOSTS = [...Object.values(SITES).map((s) => s.host), 'chat.openai.com'];

let tmp, home, frugal, db, manifestFile, server, proxy, browser, hasClassifier;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function until(what, fn, timeoutMs = 15000, everyMs = 150) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

// rows reads the database through `frugal export` (RFC 4180 CSV).
function rows() {
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
const rowFor = (prompt) => rows().find((r) => r.prompt === prompt);

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'frugal-e2e-firefox-'));
  home = join(tmp, 'home');
  mkdirSync(home);
  frugal = join(tmp, 'frugal');
  execFileSync('go', ['build', '-o', frugal, '.'], { cwd: ROOT, stdio: 'inherit' });
  hasClassifier = execFileSync(frugal, ['help'], { encoding: 'utf8' }).includes('\n  classify ');
  build();
  db = join(tmp, 'frugal.db');
  const wrapper = join(tmp, 'host.sh');
  writeFileSync(wrapper, `#!/bin/sh\necho $$ > '${tmp}/host.pid'\nFRUGAL_DB='${db}' exec '${frugal}' "$@"\n`);
  chmodSync(wrapper, 0o755);
  // The manifest goes where Firefox looks for it: ~/.mozilla/native-messaging-hosts.
  execFileSync(frugal, ['install-browser', '--browser', 'firefox', '--host-path', wrapper], { env: { ...process.env, HOME: home } });
  manifestFile = join(home, '.mozilla', 'native-messaging-hosts', 'app.frugal.host.json');
  const m = JSON.parse(readFileSync(manifestFile, 'utf8'));
  assert.deepEqual(m.allowed_extensions, [GECKO_ID], 'the host manifest lets the add-on in');

  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(tmp, 'key.pem'), '-out', join(tmp, 'cert.pem'),
    '-days', '2', '-subj', '/CN=frugal-e2e', '-addext', 'subjectAltName=' + ALL_HOSTS.map((h) => 'DNS:' + h).join(',')], { stdio: 'ignore' });
  const sim = readFileSync(join(here, 'sim.js'));
  const bySite = Object.fromEntries(Object.entries(SITES).map(([id, s]) => [s.host, id]));
  bySite['chat.openai.com'] = 'chatgpt';
  server = createHTTPS({ key: readFileSync(join(tmp, 'key.pem')), cert: readFileSync(join(tmp, 'cert.pem')) }, (req, res) => {
    const host = (req.headers.host || '').split(':')[0];
    if (req.url === '/__sim.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      return res.end(sim);
    }
    const site = bySite[host];
    if (!site || req.url !== '/') { res.writeHead(404); return res.end(); }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(readFileSync(join(here, '..', 'test', 'fixtures', `${site}.html`)));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  // The proxy tunnels CONNECTs for the sites' names to the local server and
  // refuses every other one: nothing leaves the machine.
  proxy = createHTTP((req, res) => { res.writeHead(403); res.end(); });
  proxy.on('connect', (req, sock) => {
    const [host] = req.url.split(':');
    if (!bySite[host]) { sock.end('HTTP/1.1 403 Forbidden\r\n\r\n'); return; }
    const up = connect(server.address().port, '127.0.0.1', () => {
      sock.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      up.pipe(sock);
      sock.pipe(up);
    });
    up.on('error', () => sock.destroy());
    sock.on('error', () => up.destroy());
  });
  await new Promise((r) => proxy.listen(0, '127.0.0.1', r));
  const proxyPort = proxy.address().port;

  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    acceptInsecureCerts: true,
    userDataDir: join(tmp, 'profile'),
    env: { ...process.env, HOME: home, MOZ_CRASHREPORTER_DISABLE: '1' },
    extraPrefsFirefox: {
      'network.proxy.type': 1,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxyPort,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': proxyPort,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
      'network.stricttransportsecurity.preloadlist': false,
      'network.dns.disableIPv6': true,
      'intl.locale.requested': 'en-US',
      'extensions.autoDisableScopes': 0,
    },
  });
  const id = await browser.installExtension(join(here, '..', 'dist', 'firefox'));
  assert.equal(id, GECKO_ID, 'the add-on keeps its fixed id');
});

after(async () => {
  await browser?.close();
  server?.close();
  proxy?.close();
  if (tmp && !process.env.KEEP_E2E) rmSync(tmp, { recursive: true, force: true });
});

// open loads a site's page and gives the content script (injected at
// document_start, its modules loaded from the add-on) a moment to attach.
async function open(site) {
  const page = await browser.newPage();
  await page.goto(`https://${SITES[site].host}/`, { waitUntil: 'load' });
  await page.waitForSelector(SITES[site].composer);
  await sleep(800);
  return page;
}

async function type(page, site, text) {
  await page.click(SITES[site].composer);
  await page.keyboard.type(text);
}

const card = (page) => page.evaluate(() => !!document.querySelector('[data-frugal="card"]'));
const simAnswers = (page) => page.evaluate(() => window.__sim.answers.slice());

for (const site of Object.keys(SITES)) {
  test(`firefox, ${site}: a real task passes untouched and is recorded with its answer`, async () => {
    const page = await open(site);
    const prompt = `Write a short poem about the sea and the wind (firefox, ${site})`;
    await type(page, site, prompt);
    await sleep(500);
    await page.keyboard.press('Enter');
    await sleep(150);
    assert.equal(await card(page), false, 'no card for a real task');
    const [chars] = await until('the streamed answer', async () => { const a = await simAnswers(page); return a.length ? a : null; });
    const row = await until('the row with its answer', () => { const r = rowFor(prompt); return r && r.answer_chars ? r : null; }, 20000);
    assert.equal(row.outcome, 'sent');
    assert.equal(row.source, 'extension');
    assert.equal(Number(row.answer_chars), chars, 'answer length as shown');
    await page.close();
  });
}

test('firefox: a trivial draft shows the card, and "send anyway" records it', async (t) => {
  if (!hasClassifier) return t.skip('frugal classify is not built in yet');
  const page = await open('chatgpt');
  const prompt = 'What is 17% of 240?';
  await type(page, 'chatgpt', prompt);
  await sleep(700);
  await page.keyboard.press('Enter');
  await until('the card', () => card(page), 5000);
  assert.equal(await page.evaluate(() => window.__sim.sent.length), 0, 'the send is held');
  await page.evaluate(() => document.querySelector('[data-frugal="card"]').shadowRoot.querySelector('[data-action="sent_anyway"]').click());
  await until('the page to get the prompt', () => page.evaluate(() => window.__sim.sent.length === 1));
  const row = await until('the row', () => rowFor(prompt));
  assert.equal(row.outcome, 'sent_anyway');
  assert.notEqual(row.category, '');
  await page.close();
});

test('firefox: host removed → 10 prompts → host back: exactly 10 rows', async () => {
  const page = await open('claude');
  // One prompt first, so that a host is running (and can be stopped).
  const warm = 'firefox warm-up: explain how tides work';
  await type(page, 'claude', warm);
  await page.keyboard.press('Enter');
  await until('the warm-up row', () => rowFor(warm), 20000);
  renameSync(manifestFile, manifestFile + '.off');
  const pidFile = join(tmp, 'host.pid');
  if (existsSync(pidFile)) {
    try { process.kill(Number(readFileSync(pidFile, 'utf8'))); } catch { /* already gone */ }
  }
  await sleep(1500); // the add-on sees the port close (port.error) and keeps events
  const prompts = Array.from({ length: 10 }, (_, i) => `firefox offline prompt ${i + 1}: summarise the history of sailing`);
  for (const [i, p] of prompts.entries()) {
    await type(page, 'claude', p);
    await page.keyboard.press('Enter');
    await until('the answer', async () => (await simAnswers(page)).length === i + 2);
  }
  await sleep(1500);
  assert.equal(rows().filter((r) => r.prompt.startsWith('firefox offline prompt')).length, 0, 'nothing reached the database while the host was away');
  renameSync(manifestFile + '.off', manifestFile);
  await sleep(1100);
  await type(page, 'claude', 'and now');
  await until('10 rows', () => { const r = rows().filter((x) => x.prompt.startsWith('firefox offline prompt')); return r.length >= 10 && r.every((x) => x.answer_chars) ? r : null; }, 30000, 300);
  await sleep(1000);
  const final = rows().filter((x) => x.prompt.startsWith('firefox offline prompt'));
  assert.equal(final.length, 10);
  assert.deepEqual(new Set(final.map((r) => r.prompt)), new Set(prompts));
  await page.close();
});
