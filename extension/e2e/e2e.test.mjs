// End-to-end: the built extension in real headless Chromium, Frugal's own
// fixture pages for the seven sites (written from sites-2026.md) under the
// sites' real host names, and the real frugal host writing a real database
// (see harness.mjs). Every capture case checks: exactly one row per send, the
// answer's length within 5 % and its streaming time within 1 s of what the
// page showed; and on every site a trivial prompt sent 0 ms after its last
// key gets the nudge card before the page sees it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setup, SITES, GENERIC, ROOT, EXT_ID, until, sleep, answeredRow, expectRecorded, rowsFor as rowsOfPrompt } from './harness.mjs';

let h;
before(async () => { h = await setup(); });
after(async () => { await h?.teardown(); });

const rowsFor = (prompt, site) => rowsOfPrompt(h.rows, prompt, site);
const card = (page) => page.evaluate(() => !!document.querySelector('[data-frugal="card"]'));
const simState = (page) => page.evaluate(() => ({ sent: window.__sim.sent.slice(), answers: window.__sim.answers.slice() }));
const SEND_CONTROL = {
  chatgpt: '#composer-submit-button', claude: '[data-sim="send"]', gemini: 'gem-icon-button.send-button button',
  copilot: '[data-sim="send"]', lechat: '[data-sim="send"]', perplexity: '[data-sim="send"]', deepseek: '[data-sim="send"]',
};

async function type(page, sel, text) {
  await page.click(sel);
  await page.keyboard.type(text);
}
async function gesture(page, how, site, anon) {
  if (how === 'enter') return page.keyboard.press('Enter');
  if (how === 'ctrl') {
    await page.keyboard.down('Control');
    await page.keyboard.press('Enter');
    return page.keyboard.up('Control');
  }
  return page.click(anon ? '[data-composer-submit]' : SEND_CONTROL[site]);
}

const timings = { firstConnectMs: null, p95: null };

test('first connect and the draft verdict round trip (content script → worker → host → back)', async () => {
  const { page, inContent } = await h.open('chatgpt');
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

// The capture cases: [name, site, query, gesture, path].
const CASES = [
  ...Object.keys(SITES).map((s) => [`${s}: Enter`, s, '', 'enter']),
  ['chatgpt: Ctrl+Enter', 'chatgpt', 'ctrl=1', 'ctrl'],
  ['copilot: Ctrl+Enter', 'copilot', 'ctrl=1', 'ctrl'],
  ['chatgpt signed out (French labels, aria-label = data-stop-label while streaming): click', 'chatgpt', '', 'click', '/anon'],
  ['gemini in French: click on gem-icon-button', 'gemini', 'lang=fr', 'click'],
  ['claude in French: click on the send button found by its place', 'claude', 'lang=fr', 'click'],
  ['lechat (French UI): click', 'lechat', '', 'click'],
  ['deepseek: click, build hashes of build 1', 'deepseek', 'build=1', 'click'],
  ['deepseek: build hashes of build 2', 'deepseek', 'build=2', 'enter'],
  ['chatgpt: long virtualized thread, recycled nodes', 'chatgpt', 'long=30', 'enter'],
  ['claude: long virtualized thread, recycled nodes without id', 'claude', 'long=30', 'enter'],
  ['deepseek: long virtualized list', 'deepseek', 'long=30', 'enter'],
  ['gemini: long thread', 'gemini', 'long=30', 'enter'],
  ['claude: a 3 s pause mid-answer', 'claude', 'pause=3000', 'enter'],
  ['lechat: a 3 s pause mid-answer', 'lechat', 'pause=3000', 'enter'],
  ['perplexity: a 3 s pause mid-answer', 'perplexity', 'pause=3000', 'enter'],
  ['chatgpt: a 15 s stall mid-answer, stop still shown', 'chatgpt', 'pause=15000&chunks=6', 'enter'],
  ...['chatgpt', 'claude', 'gemini', 'lechat', 'perplexity', 'deepseek'].map((s) => [`${s}: answer streamed from the site's API path`, s, 'net=1', 'enter']),
  ['copilot: answer streamed over a WebSocket', 'copilot', 'net=1', 'enter'],
];

for (const [name, site, query, how, path = '/'] of CASES) {
  test(`capture — ${name}`, async () => {
    const { page } = await h.open(site, query, path);
    const prompt = `Write a short poem about the sea and the wind [${name}]`;
    const anon = path === '/anon';
    await type(page, anon ? '[data-mobile-composer-prompt]' : SITES[site].composer, prompt);
    await gesture(page, how, site, anon);
    const sim = await until('the streamed answer', async () => { const s = await simState(page); return s.answers.length ? s : null; }, 40000);
    assert.deepEqual(sim.sent, [prompt], 'the page got the prompt once');
    await expectRecorded(h.rows, prompt, site, sim.answers[0]);
    await page.close();
  });
}

for (const site of Object.keys(SITES)) {
  test(`nudge — ${site}: a trivial prompt sent 0 ms after its last key gets the card first; "send anyway" records it once`, async (t) => {
    if (!h.hasClassifier) return t.skip('frugal classify is not built in yet');
    const { page } = await h.open(site);
    const prompt = 'What is 17% of 240?';
    const before = rowsFor(prompt, site).length;
    await type(page, SITES[site].composer, prompt);
    await page.keyboard.press('Enter'); // no pause: the draft has no verdict yet
    await until('the card', () => card(page), 3000);
    assert.equal((await simState(page)).sent.length, 0, 'the send is held');
    await page.click('[data-frugal="card"] >>> [data-action="sent_anyway"]');
    await until('the page to get the prompt', async () => (await simState(page)).sent.length === 1);
    const row = await until('the row', () => rowsFor(prompt, site).length > before && rowsFor(prompt, site).at(-1));
    assert.equal(row.outcome, 'sent_anyway');
    assert.notEqual(row.category, '');
    await until('the answer', async () => (await simState(page)).answers.length === 1);
    await sleep(2600);
    assert.equal(rowsFor(prompt, site).length, before + 1, 'one row');
    await page.close();
  });
}

test('network signal — a send by a shortcut the DOM rules do not know is recorded once, from the completion request', async () => {
  const { page, inContent } = await h.open('deepseek', 'net=1');
  const prompt = 'Draft a polite reminder email about an unpaid invoice';
  await type(page, SITES.deepseek.composer, prompt);
  await page.keyboard.down('Alt');
  await page.keyboard.press('Enter');
  await page.keyboard.up('Alt');
  // What background/network.js sends the tab when the completion request
  // starts (twice here: a retried signal adds nothing).
  await inContent(`globalThis.frugalCapture.onNet({ type: 'bg-cs-net', phase: 'start', site: 'deepseek', url: location.origin + '/api/v0/chat/completion', at: Date.now() })`);
  await inContent(`globalThis.frugalCapture.onNet({ type: 'bg-cs-net', phase: 'start', site: 'deepseek', url: location.origin + '/api/v0/chat/completion', at: Date.now() })`);
  const sim = await until('the streamed answer', async () => { const s = await simState(page); return s.answers.length ? s : null; }, 20000);
  const row = await answeredRow(h.rows, prompt, 'deepseek');
  assert.equal(rowsFor(prompt).length, 1);
  assert.ok(Math.abs(Number(row.answer_chars) - sim.answers[0].chars) <= 0.05 * sim.answers[0].chars);
  await page.close();
});

test('selector table — a newer table sent by the worker to the tab is swapped in, a broken one is refused, capture goes on', async () => {
  const { page, inContent } = await h.open('copilot');
  const worker = await (await h.browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().includes(EXT_ID))).worker();
  const table = JSON.parse(readFileSync(join(ROOT, 'tracker/capture/selectors.json'), 'utf8'));
  const newer = { ...table, version: table.version + 1 };
  newer.sites = { ...table.sites, copilot: { ...table.sites.copilot, composer: ['textarea.not-there-yet', ...table.sites.copilot.composer] } };
  const broken = { ...newer, version: table.version + 2, sites: { ...newer.sites, copilot: { ...newer.sites.copilot, answer: 'x' } } };
  const push = (t) => worker.evaluate(async (t) => {
    const [tab] = await chrome.tabs.query({ url: 'https://copilot.microsoft.com/*' });
    return chrome.tabs.sendMessage(tab.id, { type: 'bg-cs-selectors', table: t });
  }, t);
  assert.deepEqual(await push(newer), { ok: true });
  assert.equal(await inContent('globalThis.frugalCapture.status.table'), table.version + 1);
  const refused = await push(broken);
  assert.equal(refused.ok, false);
  assert.match(refused.error, /answer/);
  assert.equal(await inContent('globalThis.frugalCapture.status.table'), table.version + 1);
  const prompt = 'Describe the water cycle for a ten-year-old (after a table swap)';
  await type(page, SITES.copilot.composer, prompt);
  await page.keyboard.press('Enter');
  const row = await answeredRow(h.rows, prompt, 'copilot');
  assert.ok(Number(row.answer_chars) > 0);
  await page.close();
});

// The generic adapter, on pages no site adapter knows: loaded in the page
// here (the popup's "Track this site" injects it as a content script).
for (const [id, g] of Object.entries(GENERIC)) {
  test(`generic adapter — a page shaped like ${id}: one send, the answer's length and time`, async () => {
    const page = await h.browser.newPage();
    await page.goto(`https://${g.host}/`, { waitUntil: 'load' });
    await page.evaluate(async () => {
      const { makeGenericAdapter } = await import('/__ext/src/content/generic.js');
      window.__gen = [];
      makeGenericAdapter().observe(document, (ev) => {
        const { resend, ...rest } = ev;
        window.__gen.push(JSON.parse(JSON.stringify(rest)));
        return false;
      }, { intercept: false });
    });
    const prompt = `Explain how a heat pump works (${id})`;
    await type(page, g.composer, prompt);
    await page.keyboard.press('Enter');
    const sim = await until('the streamed answer', async () => { const s = await simState(page); return s.answers.length ? s : null; }, 20000);
    const ans = await until('the end of the answer', () => page.evaluate(() => window.__gen.find((e) => e.type === 'answer')), 10000);
    const events = await page.evaluate(() => window.__gen);
    assert.equal(events.filter((e) => e.type === 'sent').length, 1, 'one send');
    assert.equal(events.find((e) => e.type === 'sent').capture.text, prompt);
    const [shown] = sim.answers;
    assert.ok(Math.abs(ans.chars - shown.chars) <= 0.05 * shown.chars, `answer length ${ans.chars}, page showed ${shown.chars}`);
    assert.ok(Math.abs(ans.ms - shown.ms) <= 1000, `streaming time ${ans.ms} ms, page streamed for ${shown.ms.toFixed(0)} ms`);
    await page.close();
  });
}

test('host removed → 20 prompts → host back: exactly 20 rows', async () => {
  const { page, inContent } = await h.open('claude', 'every=10');
  // Remove the host: its manifest goes, and the running one is stopped.
  renameSync(h.manifestFile, h.manifestFile + '.off');
  const pid = Number(readFileSync(join(h.tmp, 'host.pid'), 'utf8'));
  try { process.kill(pid); } catch { /* already gone */ }
  await until('the worker to see the host gone', async () => (await inContent(
    `chrome.runtime.sendMessage({ type: 'cs-bg-draft', text: 'ping', lang: 'en' })`))?.offline === true, 10000, 300);
  const prompts = Array.from({ length: 20 }, (_, i) => `offline prompt ${i + 1}: summarise the history of sailing`);
  for (const [i, p] of prompts.entries()) {
    await type(page, SITES.claude.composer, p);
    await page.keyboard.press('Enter');
    await until('the answer', async () => (await simState(page)).answers.length === i + 1);
  }
  await sleep(2500); // the last answer goes quiet
  assert.equal(h.rows().filter((r) => r.prompt.startsWith('offline prompt')).length, 0, 'nothing reached the database while the host was away');
  renameSync(h.manifestFile + '.off', h.manifestFile);
  // Any activity wakes the flush: a draft is typed, not sent.
  await sleep(1100);
  await type(page, SITES.claude.composer, 'and now');
  const got = await until('20 rows', () => { const r = h.rows().filter((x) => x.prompt.startsWith('offline prompt')); return r.length >= 20 && r.every((x) => x.answer_chars) ? r : null; }, 30000, 300);
  await sleep(1000);
  const final = h.rows().filter((x) => x.prompt.startsWith('offline prompt'));
  assert.equal(final.length, 20);
  assert.deepEqual(new Set(final.map((r) => r.prompt)), new Set(prompts));
  assert.ok(got.every((r) => Number(r.answer_chars) > 0));
  await page.close();
});
