// main.js: the nudge comes before the send. A send whose text has no verdict
// yet is held for it (at most 150 ms), then nudged or let through; exactly
// one row per send. Real timers, the worker played by a fake runtime.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { start } from '../src/content/main.js';
import { fixture, trusted, setText, sleep, TABLE } from './helpers.mjs';

const TRIVIAL = /17%|weather/i;
function fakeRuntime(delayMs) {
  const sent = [];
  return {
    id: 'frugal', sent,
    onMessage: { addListener() {} },
    sendMessage(msg) {
      sent.push(msg);
      if (msg.type !== 'cs-bg-draft') return Promise.resolve({});
      const nudge = TRIVIAL.test(msg.text);
      return new Promise((r) => setTimeout(() => r(nudge
        ? { nudge: true, verdict: { category: 'calculation', answer: '40.8', tool: 'calculator' } }
        : { nudge: false, verdict: { category: 'none' } }), delayMs));
    },
  };
}

async function until(what, fn, ms = 3000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting for ' + what);
    await sleep(10);
  }
}

// A ChatGPT-shaped page whose send button sends, as the site does.
function site(delayMs) {
  const { window, document } = fixture('chatgpt');
  const runtime = fakeRuntime(delayMs);
  const composer = document.querySelector('#prompt-textarea');
  const pageSaw = [];
  const sendNow = () => {
    const text = composer.textContent.trim();
    if (!text) return;
    pageSaw.push(text);
    composer.innerHTML = '<p><br></p>';
    document.querySelector('[data-sim="thread"]').insertAdjacentHTML('beforeend',
      `<section><div data-message-author-role="user" data-message-id="u-${pageSaw.length}">${text}</div></section>`);
  };
  const app = start({ doc: document, loc: new URL('https://chatgpt.com/'), runtime, lang: 'en', table: TABLE });
  // linkedom has no capture phase: the page listens on window after Frugal,
  // as in the browser it listens after the loader's capture listeners.
  window.addEventListener('click', (e) => { if (e.target.closest?.('#composer-submit-button')) sendNow(); });
  window.addEventListener('keydown', (e) => { if (e.key === 'Enter' && !e.shiftKey) sendNow(); });
  const rows = () => runtime.sent.filter((m) => m.type === 'cs-bg-prompt').map((m) => m.request);
  return { window, document, composer, pageSaw, runtime, app, rows, card: () => document.querySelector('[data-frugal="card"]') };
}

test('Enter 0 ms after the last key on a trivial prompt: held for the verdict, the card shows, the page never saw it', async () => {
  const s = site(10);
  setText(s.window, s.composer, 'What is 17% of 240?');
  const enter = trusted(s.window, 'keydown', { key: 'Enter' });
  s.composer.dispatchEvent(enter); // no pause: no verdict yet
  assert.equal(enter.defaultPrevented, true);
  assert.deepEqual(s.pageSaw, []);
  await until('the card', s.card);
  assert.deepEqual(s.pageSaw, []);
  assert.equal(s.rows().length, 0);
  // "Send anyway": the page gets it once, one row, outcome sent_anyway.
  s.card().shadowRoot.querySelector('[data-action="sent_anyway"]').click();
  await until('the row', () => s.rows().length === 1);
  assert.deepEqual(s.pageSaw, ['What is 17% of 240?']);
  await sleep(400);
  assert.equal(s.rows().length, 1);
  assert.equal(s.rows()[0].outcome, 'sent_anyway');
  assert.equal(s.rows()[0].category, 'calculation');
  s.app.stop();
});

test('a verdict slower than 150 ms: the send goes through without a card, one row', async () => {
  const s = site(400);
  setText(s.window, s.composer, 'What is the weather in Lyon?');
  s.composer.dispatchEvent(trusted(s.window, 'keydown', { key: 'Enter' }));
  assert.deepEqual(s.pageSaw, []);
  await until('the page to get the send', () => s.pageSaw.length === 1, 1000);
  await until('the row', () => s.rows().length === 1);
  await sleep(500); // the late verdict arrives: nothing more happens
  assert.equal(s.card(), null);
  assert.equal(s.rows().length, 1);
  assert.equal(s.rows()[0].outcome, 'sent');
  s.app.stop();
});

test('a verdict already known and not trivial: the send is not held at all', async () => {
  const s = site(5);
  setText(s.window, s.composer, 'Write a cover letter for a nursing job');
  await sleep(350); // the draft's verdict arrives while typing
  const enter = trusted(s.window, 'keydown', { key: 'Enter' });
  s.composer.dispatchEvent(enter);
  assert.equal(enter.defaultPrevented, false);
  await until('the row', () => s.rows().length === 1);
  assert.equal(s.rows()[0].outcome, 'sent');
  s.app.stop();
});

test('a newer selector table is swapped in at run time; an older or broken one is refused', () => {
  const s = site(5);
  const newer = structuredClone(TABLE);
  newer.version = TABLE.version + 1;
  newer.sites.chatgpt.composer = ['textarea.never-there', ...newer.sites.chatgpt.composer];
  assert.equal(s.app.swapTable(newer), '');
  assert.equal(s.app.status.table, TABLE.version + 1);
  assert.match(s.app.swapTable(TABLE), /older/);
  const broken = structuredClone(newer);
  broken.version += 1;
  broken.sites.chatgpt.send = [];
  assert.match(s.app.swapTable(broken), /no send/);
  assert.equal(s.app.status.table, TABLE.version + 1);
  s.app.stop();
});

test('the table in use, sent again (the host sends it when it starts): nothing is redone, the send being followed goes on', async () => {
  const s = site(5);
  const adapter = s.app.adapterNow;
  setText(s.window, s.composer, 'Explain how tides work');
  await sleep(400); // the verdict is in: the send is not held
  s.composer.dispatchEvent(trusted(s.window, 'keydown', { key: 'Enter' }));
  await until('the row', () => s.rows().length === 1);
  assert.equal(s.app.swapTable(structuredClone(TABLE)), '');
  assert.equal(s.app.adapterNow, adapter, 'the same adapter, still observing');
  assert.equal(s.app.status.table, TABLE.version);
  // The answer arrives after the table: it is still followed and recorded.
  s.document.querySelector('[data-sim="thread"]').insertAdjacentHTML('beforeend',
    '<section><div data-message-author-role="assistant" data-message-id="a-1"><div class="markdown prose">Tides come from the moon.</div></div></section>');
  const answer = () => s.runtime.sent.find((m) => m.type === 'cs-bg-answer');
  await until('the answer', answer, 8000);
  assert.equal(answer().answer.answer_chars, 'Tides come from the moon.'.length);
  s.app.stop();
});

test('<html data-frugal-capture>: "ready" once the composer is found, "waiting" when it goes, gone once stopped', async () => {
  const { document } = fixture('chatgpt');
  assert.equal(document.documentElement.getAttribute('data-frugal-capture'), null);
  const app = start({ doc: document, loc: new URL('https://chatgpt.com/'), runtime: fakeRuntime(5), lang: 'en', table: TABLE });
  assert.equal(document.documentElement.getAttribute('data-frugal-capture'), 'ready');
  document.querySelector('#prompt-textarea').remove();
  await until('"waiting"', () => document.documentElement.getAttribute('data-frugal-capture') === 'waiting');
  app.stop();
  assert.equal(document.documentElement.getAttribute('data-frugal-capture'), null);
});

test('no adapter for the page: no data-frugal-capture', () => {
  const { document } = fixture('chatgpt');
  assert.equal(start({ doc: document, loc: new URL('https://example.org/'), runtime: fakeRuntime(5), lang: 'en', table: TABLE }), null);
  assert.equal(document.documentElement.getAttribute('data-frugal-capture'), null);
});
