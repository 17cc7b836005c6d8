// End-to-end in Firefox: the built Firefox extension installed as a
// temporary add-on (WebDriver BiDi webExtension.install, through
// puppeteer-core) into Debian's headless Firefox ESR, the native host
// manifest written by `frugal install-browser --browser firefox` into a
// throwaway HOME, and the fixture server, frugal host and row reader the
// Chromium tests use (harness.mjs): Frugal's own fixture pages under the
// sites' real host names. Firefox has no --host-resolver-rules, so every
// HTTPS request goes through a small CONNECT proxy that leads to the local
// server.
//
// Firefox's content scripts run in a sandbox the page and BiDi cannot see,
// so these tests act only as a person would (type, press Enter, click) and
// read the outcome in the database and the page; they know the capture is
// ready on a page by <html data-frugal-capture="ready">, which the content
// script sets once its handlers are in and it has found the composer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, renameSync } from 'node:fs';
import { createServer as createHTTP } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { build, GECKO_ID } from '../build.mjs';
import { SITES, siteOf, buildHost, fixtureServer, rowsOf, until, sleep, expectRecorded, rowsFor as rowsOfPrompt } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const FIREFOX = process.env.FIREFOX || '/usr/lib/firefox-esr/firefox-esr';

let tmp, host, manifestFile, server, proxy, browser;
const rows = () => rowsOf(host.frugal, host.db);
const rowsFor = (prompt, site) => rowsOfPrompt(rows, prompt, site);

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'frugal-e2e-firefox-'));
  const home = join(tmp, 'home');
  mkdirSync(home);
  host = buildHost(tmp);
  build();
  // The manifest goes where Firefox looks for it: ~/.mozilla/native-messaging-hosts.
  execFileSync(host.frugal, ['install-browser', '--browser', 'firefox', '--host-path', host.wrapper], { env: { ...process.env, HOME: home } });
  manifestFile = join(home, '.mozilla', 'native-messaging-hosts', 'app.frugal.host.json');
  const m = JSON.parse(readFileSync(manifestFile, 'utf8'));
  assert.deepEqual(m.allowed_extensions, [GECKO_ID], 'the host manifest lets the add-on in');

  server = await fixtureServer(tmp);
  // The proxy tunnels CONNECTs for the fixture hosts to the local server and
  // refuses every other one: nothing leaves the machine.
  proxy = createHTTP((req, res) => { res.writeHead(403); res.end(); });
  proxy.on('connect', (req, sock) => {
    const [name] = req.url.split(':');
    if (!siteOf(name)) { sock.end('HTTP/1.1 403 Forbidden\r\n\r\n'); return; }
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
    dumpio: !!process.env.E2E_DEBUG, // E2E_DEBUG=1: the browser's and the add-on's console on stderr
    extraPrefsFirefox: {
      ...(process.env.E2E_DEBUG ? { 'devtools.console.stdout.chrome': true, 'devtools.console.stdout.content': true, 'extensions.logging.enabled': true } : {}),
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

// open loads a site's page and waits until the content script (injected at
// document_start, its modules loaded from the add-on) has its handlers in
// and has found the composer.
async function open(site, query = '') {
  const page = await browser.newPage();
  await page.goto(`https://${SITES[site].host}/${query ? '?' + query : ''}`, { waitUntil: 'load' });
  await page.waitForSelector('html[data-frugal-capture="ready"]', { timeout: 15000 });
  return page;
}

async function type(page, site, text) {
  await page.click(SITES[site].composer);
  await page.keyboard.type(text);
}

const card = (page) => page.evaluate(() => !!document.querySelector('[data-frugal="card"]'));
const simState = (page) => page.evaluate(() => ({ sent: window.__sim.sent.slice(), answers: window.__sim.answers.slice() }));

for (const site of Object.keys(SITES)) {
  test(`firefox, ${site}: a real task passes untouched and is recorded with its answer`, async () => {
    const page = await open(site);
    const prompt = `Write a short poem about the sea and the wind (firefox, ${site})`;
    await type(page, site, prompt);
    await page.keyboard.press('Enter');
    const sim = await until('the streamed answer', async () => { const s = await simState(page); return s.answers.length ? s : null; }, 40000);
    assert.deepEqual(sim.sent, [prompt], 'the page got the prompt once');
    assert.equal(await card(page), false, 'no card for a real task');
    await expectRecorded(rows, prompt, site, sim.answers[0], { time: false });
    await page.close();
  });
}

test('firefox: a trivial draft shows the card, and "send anyway" records it once', async (t) => {
  if (!host.hasClassifier) return t.skip('frugal classify is not built in yet');
  const page = await open('chatgpt');
  const prompt = 'What is 17% of 240?';
  await type(page, 'chatgpt', prompt);
  await page.keyboard.press('Enter'); // no pause: the send is held for the draft's verdict
  await until('the card', () => card(page), 5000);
  assert.equal((await simState(page)).sent.length, 0, 'the send is held');
  await page.evaluate(() => document.querySelector('[data-frugal="card"]').shadowRoot.querySelector('[data-action="sent_anyway"]').click());
  await until('the page to get the prompt', async () => (await simState(page)).sent.length === 1);
  const row = await until('the row', () => rowsFor(prompt, 'chatgpt')[0]);
  assert.equal(row.outcome, 'sent_anyway');
  assert.notEqual(row.category, '');
  await until('the answer', async () => (await simState(page)).answers.length === 1);
  await sleep(2600); // the answer goes quiet: a second row would be in by now
  assert.equal(rowsFor(prompt).length, 1, 'one row');
  await page.close();
});

test('firefox: host removed → 10 prompts → host back: exactly 10 rows', async () => {
  const page = await open('claude', 'every=10');
  // One prompt first, so that a host is running (and can be stopped).
  const warm = 'firefox warm-up: explain how tides work';
  await type(page, 'claude', warm);
  await page.keyboard.press('Enter');
  // Its answer recorded: the page is done streaming (it takes no send before).
  await until('the warm-up row with its answer', () => rowsFor(warm)[0]?.answer_chars, 20000);
  // Remove the host: its manifest goes, and the running one is stopped.
  renameSync(manifestFile, manifestFile + '.off');
  const pid = Number(readFileSync(join(tmp, 'host.pid'), 'utf8'));
  try { process.kill(pid); } catch { /* already gone */ }
  const alive = () => { try { process.kill(pid, 0); return true; } catch { return false; } };
  await until('the host to exit', () => !alive(), 10000);
  const prompts = Array.from({ length: 10 }, (_, i) => `firefox offline prompt ${i + 1}: summarise the history of sailing`);
  for (const [i, p] of prompts.entries()) {
    await type(page, 'claude', p);
    await page.keyboard.press('Enter');
    await until(`the answer to offline prompt ${i + 1}`, async () => (await simState(page)).answers.length === i + 2)
      .catch(async (e) => { throw new Error(`${e.message}; the page: ${JSON.stringify(await simState(page))}`); });
  }
  await sleep(2500); // the last answer goes quiet
  assert.equal(rows().filter((r) => r.prompt.startsWith('firefox offline prompt')).length, 0, 'nothing reached the database while the host was away');
  renameSync(manifestFile + '.off', manifestFile);
  // Any activity wakes the flush: a draft is typed, not sent (after the
  // worker's 1 s between two tries to reach a host that is down).
  await sleep(1100);
  await type(page, 'claude', 'and now');
  const got = await until('10 rows', () => { const r = rows().filter((x) => x.prompt.startsWith('firefox offline prompt')); return r.length >= 10 && r.every((x) => x.answer_chars) ? r : null; }, 30000, 300)
    .catch((e) => { throw new Error(`${e.message}; the rows: ${JSON.stringify(rows().map((r) => [r.prompt.slice(0, 26), r.answer_chars]))}`); });
  await sleep(1000);
  const final = rows().filter((x) => x.prompt.startsWith('firefox offline prompt'));
  assert.equal(final.length, 10);
  assert.deepEqual(new Set(final.map((r) => r.prompt)), new Set(prompts));
  assert.ok(got.every((r) => Number(r.answer_chars) > 0));
  await page.close();
});
