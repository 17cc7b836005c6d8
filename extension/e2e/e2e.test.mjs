// End-to-end: the built extension in real headless Chromium (Debian's
// /usr/lib/chromium/chromium, never a downloaded browser), each site's
// fixture page served over HTTPS under the site's real host name, and the
// real frugal binary as native host, writing a real database file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync, renameSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { build } from '../build.mjs';
import { CHROMIUM_EXTENSION_ID } from '../src/shared/defs.generated.js';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(here, '../..');
const CHROMIUM = process.env.CHROMIUM || '/usr/lib/chromium/chromium';
const EXT_ID = CHROMIUM_EXTENSION_ID;
const SITES = {
  chatgpt: { host: 'chatgpt.com', composer: '#prompt-textarea' },
  claude: { host: 'claude.ai', composer: 'div.ProseMirror' },
  gemini: { host: 'gemini.google.com', composer: '.ql-editor' },
  copilot: { host: 'copilot.microsoft.com', composer: '#userInput' },
  lechat: { host: 'chat.mistral.ai', composer: 'textarea[name="message.text"]' },
  perplexity: { host: 'www.perplexity.ai', composer: '#ask-input' },
  deepseek: { host: 'chat.deepseek.com', composer: '#chat-input' },
};
const ALL_HOSTS = [...Object.values(SITES).map((s) => s.host), 'chat.openai.com'];

let tmp, frugal, db, manifestFile, server, browser, hasClassifier;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function until(what, fn, timeoutMs = 15000, everyMs = 100) {
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
  tmp = mkdtempSync(join(tmpdir(), 'frugal-e2e-'));
  frugal = join(tmp, 'frugal');
  execFileSync('go', ['build', '-o', frugal, '.'], { cwd: ROOT, stdio: 'inherit' });
  hasClassifier = execFileSync(frugal, ['help'], { encoding: 'utf8' }).includes('\n  classify ');
  build();
  db = join(tmp, 'frugal.db');
  // The browser starts this wrapper, which points frugal at the test
  // database and notes its pid so the test can stop that host (and only it).
  const wrapper = join(tmp, 'host.sh');
  writeFileSync(wrapper, `#!/bin/sh\necho $$ > '${tmp}/host.pid'\nFRUGAL_DB='${db}' exec '${frugal}' "$@"\n`);
  chmodSync(wrapper, 0o755);
  const profile = join(tmp, 'profile');
  execFileSync(frugal, ['install-browser', '--browser', 'chromium', '--dir', join(profile, 'NativeMessagingHosts'), '--host-path', wrapper]);
  manifestFile = join(profile, 'NativeMessagingHosts', 'app.frugal.host.json');

  // A self-signed certificate for the eight host names, made for this run.
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(tmp, 'key.pem'), '-out', join(tmp, 'cert.pem'),
    '-days', '2', '-subj', '/CN=frugal-e2e', '-addext', 'subjectAltName=' + ALL_HOSTS.map((h) => 'DNS:' + h).join(',')], { stdio: 'ignore' });
  const sim = readFileSync(join(here, 'sim.js'));
  const bySite = Object.fromEntries(Object.entries(SITES).map(([id, s]) => [s.host, id]));
  bySite['chat.openai.com'] = 'chatgpt';
  server = createServer({ key: readFileSync(join(tmp, 'key.pem')), cert: readFileSync(join(tmp, 'cert.pem')) }, (req, res) => {
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
  const port = server.address().port;
  const ext = join(here, '..', 'dist', 'chromium');
  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir: profile,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--load-extension=${ext}`, `--disable-extensions-except=${ext}`,
      `--host-resolver-rules=${ALL_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(', ')}, EXCLUDE localhost`,
      '--ignore-certificate-errors', '--lang=en-US'],
  });
  await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${EXT_ID}/`), { timeout: 15000 });
});

after(async () => {
  await browser?.close();
  server?.close();
  if (tmp && !process.env.KEEP_E2E) rmSync(tmp, { recursive: true, force: true });
});

// open loads a site's page and returns it with a way to run code in the
// content script's isolated world (where chrome.runtime is).
async function open(site) {
  const page = await browser.newPage();
  const cdp = await page.createCDPSession();
  const contexts = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  await page.goto(`https://${SITES[site].host}/`, { waitUntil: 'load' });
  const frameId = page.mainFrame()._id;
  const ctx = await until('the content script', () => contexts.findLast((c) => c.auxData?.type === 'isolated' && c.auxData?.frameId === frameId && c.origin === `chrome-extension://${EXT_ID}`), 15000).catch((e) => {
    console.log('# contexts seen:', JSON.stringify(contexts));
    throw e;
  });
  const inContent = async (expression) => {
    const r = await cdp.send('Runtime.evaluate', { expression, contextId: ctx.id, awaitPromise: true, returnByValue: true });
    if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description || r.exceptionDetails.text);
    return r.result.value;
  };
  await until('the adapter', () => inContent('typeof globalThis.frugalIntercept?.keydown === "function"'));
  return { page, inContent };
}

async function type(page, site, text) {
  await page.click(SITES[site].composer);
  await page.keyboard.type(text);
}

const card = (page) => page.evaluate(() => !!document.querySelector('[data-frugal="card"]'));
const simAnswers = (page) => page.evaluate(() => window.__sim.answers.slice());

const timings = { firstConnectMs: null, p95: null };

test('first connect and the draft verdict round trip (content script → worker → host → back)', async () => {
  const { page, inContent } = await open('chatgpt');
  const draft = (text) => `(async () => { const s = performance.now(); const r = await chrome.runtime.sendMessage({ type: 'cs-bg-draft', text: ${JSON.stringify(text)}, lang: 'en' }); return { ms: performance.now() - s, r }; })()`;
  const first = await inContent(draft('hello there, a first draft'));
  assert.ok(!first.r.offline, `host reachable: ${JSON.stringify(first.r)}`);
  timings.firstConnectMs = first.ms;
  for (let i = 0; i < 20; i++) await inContent(draft(`warm-up ${i}`)); // JIT, worker and host warm
  const ms = [];
  for (let i = 0; i < 200; i++) {
    const res = await inContent(draft(`draft number ${i}: explain how tides work`));
    assert.ok(res.r && !res.r.offline && !res.r.error, `draft ${i} answered: ${JSON.stringify(res.r)}`);
    ms.push(res.ms);
  }
  ms.sort((a, b) => a - b);
  timings.p95 = ms[Math.floor(ms.length * 0.95) - 1];
  timings.median = ms[Math.floor(ms.length / 2)];
  console.log(`# first connect (host start + first verdict): ${timings.firstConnectMs.toFixed(1)} ms`);
  console.log(`# draft verdict round trip over ${ms.length} drafts: median ${timings.median.toFixed(2)} ms, p95 ${timings.p95.toFixed(2)} ms, max ${ms.at(-1).toFixed(2)} ms`);
  // The goal (p95 ≤ 20 ms) is a benchmark figure, not a pass/fail check:
  // `make bench` runs this test with FRUGAL_BENCH_OUT set and puts the row
  // in BENCHMARKS.md. Here the test asserts only that every draft got a
  // verdict (in the loop above).
  if (process.env.FRUGAL_BENCH_OUT) {
    const met = (v, goal) => (v <= goal ? '✅ met' : '❌ missed');
    writeFileSync(process.env.FRUGAL_BENCH_OUT, [
      `| draft verdict round trip, content script → worker → host → back, headless Chromium (200 drafts; median ${timings.median.toFixed(2)} ms) | p95 ${timings.p95.toFixed(2)} ms | ≤ 20 ms | | ${met(timings.p95, 20)} |`,
      `| first connect: host start and first verdict | ${timings.firstConnectMs.toFixed(1)} ms | reported separately | | |`,
      '',
    ].join('\n'));
  }
  await page.close();
});

for (const site of Object.keys(SITES)) {
  test(`${site}: a real task passes untouched and is recorded with its answer`, async () => {
    const { page } = await open(site);
    const prompt = `Write a short poem about the sea and the wind (${site})`;
    await type(page, site, prompt);
    await sleep(500); // the verdict arrives while typing
    await page.keyboard.press('Enter');
    await sleep(150);
    assert.equal(await card(page), false, 'no card for a real task');
    const [chars] = await until('the streamed answer', async () => { const a = await simAnswers(page); return a.length ? a : null; });
    const row = await until('the row with its answer', () => { const r = rowFor(prompt); return r && r.answer_chars ? r : null; });
    assert.equal(row.site, site);
    assert.equal(row.outcome, 'sent');
    assert.equal(row.source, 'extension');
    assert.equal(Number(row.answer_chars), chars, 'answer length as shown');
    assert.ok(Number(row.latency_ms) > 100, `streaming time ${row.latency_ms} ms`);
    await page.close();
  });

  test(`${site}: a trivial draft shows the card, and "send anyway" records it`, { skip: hasClassifier === false && 'frugal classify is not built in yet' }, async (t) => {
    if (!hasClassifier) return t.skip('frugal classify is not built in yet');
    const { page } = await open(site);
    const prompt = `What is 17% of 240?`;
    await type(page, site, prompt);
    await sleep(600);
    await page.keyboard.press('Enter');
    await until('the card', () => card(page), 3000);
    const sentBefore = await page.evaluate(() => window.__sim.sent.length);
    assert.equal(sentBefore, 0, 'the send is held');
    await page.click('[data-frugal="card"] >>> [data-action="sent_anyway"]');
    await until('the page to get the prompt', () => page.evaluate(() => window.__sim.sent.length === 1));
    const row = await until('the row', () => rowFor(prompt) && rows().find((r) => r.prompt === prompt && r.site === site));
    assert.equal(row.outcome, 'sent_anyway');
    assert.notEqual(row.category, '');
    await page.close();
  });
}

test('host removed → 20 prompts → host back: exactly 20 rows', async () => {
  const { page, inContent } = await open('claude');
  // Remove the host: its manifest goes, and the running one is stopped.
  renameSync(manifestFile, manifestFile + '.off');
  const pid = Number(readFileSync(join(tmp, 'host.pid'), 'utf8'));
  try { process.kill(pid); } catch { /* already gone */ }
  await until('the worker to see the host gone', async () => (await inContent(
    `chrome.runtime.sendMessage({ type: 'cs-bg-draft', text: 'ping', lang: 'en' })`))?.offline === true, 10000, 300);
  const prompts = Array.from({ length: 20 }, (_, i) => `offline prompt ${i + 1}: summarise the history of sailing`);
  for (const [i, p] of prompts.entries()) {
    await type(page, 'claude', p);
    await page.keyboard.press('Enter');
    await until('the answer', async () => (await simAnswers(page)).length === i + 1);
  }
  await sleep(1500); // the last answer goes quiet
  assert.equal(rows().filter((r) => r.prompt.startsWith('offline prompt')).length, 0, 'nothing reached the database while the host was away');
  renameSync(manifestFile + '.off', manifestFile);
  // Any activity wakes the flush: a draft is typed, not sent.
  await sleep(1100);
  await type(page, 'claude', 'and now');
  const got = await until('20 rows', () => { const r = rows().filter((x) => x.prompt.startsWith('offline prompt')); return r.length >= 20 && r.every((x) => x.answer_chars) ? r : null; }, 30000, 300);
  await sleep(1000);
  const final = rows().filter((x) => x.prompt.startsWith('offline prompt'));
  assert.equal(final.length, 20);
  assert.deepEqual(new Set(final.map((r) => r.prompt)), new Set(prompts));
  assert.ok(got.every((r) => Number(r.answer_chars) > 0));
  await page.close();
});
