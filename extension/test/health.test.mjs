import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHealth, HEALTH_KEY, localDay, streak, validateHealth } from '../src/background/health.js';
import { memArea } from './fakes.capture.mjs';

const AT = new Date(2026, 11, 6, 10, 0, 0).getTime(); // local time
const ev = (event, extra = {}) => ({ type: 'cs-bg-health', site: 'claude', event, at: AT, ...extra });

test('health messages are checked against the contract', () => {
  assert.equal(validateHealth(ev('send', { id: 'r1' }), 'claude'), '');
  assert.equal(validateHealth(ev('miss', { what: 'stop' }), 'claude'), '');
  assert.equal(validateHealth({ ...ev('send'), site: 'mistral' }, 'lechat'), '', 'the old Le Chat id');
  assert.equal(validateHealth({ ...ev('answer'), site: 'generic' }, 'generic'), '');
  const bad = [
    [ev('send'), '', 'sender is not a tracked site'],
    [ev('send'), 'chatgpt', 'site does not match the sender'],
    [ev('crash'), 'claude', 'bad event'],
    [ev('miss'), 'claude', 'bad what'],
    [ev('miss', { what: 'button' }), 'claude', 'bad what'],
    [ev('send', { what: 'send' }), 'claude', 'bad what'],
    [ev('send', { id: 'x'.repeat(129) }), 'claude', 'bad id'],
    [ev('send', { at: 0 }), 'claude', 'bad at'],
    [ev('send', { at: 1.5 }), 'claude', 'bad at'],
    [ev('send', { text: 'my prompt' }), 'claude', 'unknown field text'],
  ];
  for (const [m, sender, why] of bad) assert.equal(validateHealth(m, sender), why, JSON.stringify(m));
});

test('streak counts closed sends without an answer, skipping open ones', () => {
  const s = (...states) => states.map((state) => ({ state }));
  assert.equal(streak(s()), 0);
  assert.equal(streak(s('answered', 'unanswered', 'unanswered', 'open')), 2);
  assert.equal(streak(s('unanswered', 'answered')), 0);
  assert.equal(streak(s('unanswered', 'unanswered', 'unanswered')), 3);
});

test('counts per day and site, degraded after 3 sends with no answer, cleared by an answer', async () => {
  const area = memArea();
  const h = createHealth({ area, now: () => AT + 1000, newId: () => 'b1' });
  await h.record('claude', ev('send', { id: 'r1' }));
  await h.record('claude', ev('miss', { what: 'answer', id: 'r1', at: AT + 5 }));
  await h.record('claude', ev('timeout', { id: 'r1', at: AT + 10 }));
  await h.record('claude', ev('send', { id: 'r2', at: AT + 20 }));
  await h.record('claude', ev('net_only', { id: 'r3', at: AT + 30 })); // closes r2: no answer came
  assert.deepEqual(await h.degraded(), [], 'two closed sends without answer, one open');
  await h.record('claude', ev('send', { id: 'r4', at: AT + 40 }));
  assert.deepEqual(await h.degraded(), ['claude']);
  await h.record('chatgpt', { ...ev('send', { id: 'c1' }), site: 'chatgpt' });
  await h.record('chatgpt', { ...ev('answer', { id: 'c1', at: AT + 9 }), site: 'chatgpt' });
  assert.deepEqual(await h.degraded(), ['claude']);

  const day = localDay(AT);
  const rows = area.data[HEALTH_KEY].pending;
  assert.deepEqual(rows[`${day}|claude`], {
    day, site: 'claude', sends: 3, answers: 0, timeouts: 1, net_only: 1, miss_composer: 0, miss_send: 0,
    miss_answer: 1, miss_stop: 0, unanswered: 3, last_send_ms: AT + 40, last_miss_ms: AT + 5, last_miss: 'answer',
  });
  assert.equal(rows[`${day}|chatgpt`].answers, 1);
  assert.equal(rows[`${day}|chatgpt`].last_answer_ms, AT + 9);

  // The late answer of r4 clears the state.
  await h.record('claude', ev('answer', { id: 'r4', at: AT + 50 }));
  assert.deepEqual(await h.degraded(), []);
});

test('an answer without an id goes to the latest open send', async () => {
  const h = createHealth({ area: memArea() });
  for (const id of ['a', 'b', 'c']) {
    await h.record('gemini', { ...ev('send', { id }), site: 'gemini' });
  }
  await h.record('gemini', { ...ev('answer'), site: 'gemini' });
  assert.deepEqual(await h.degraded(), [], 'a and b unanswered, c answered');
});

test('events arriving together are all counted', async () => {
  const area = memArea();
  const h = createHealth({ area });
  await Promise.all(Array.from({ length: 25 }, (_, i) => h.record('deepseek', { ...ev('send', { id: `r${i}` }), site: 'deepseek' })));
  assert.equal(area.data[HEALTH_KEY].pending[`${localDay(AT)}|deepseek`].sends, 25);
});

test('batches: sent once, kept with the same id while the host is away, dropped on a bad-message reply', async () => {
  const area = memArea();
  let n = 0;
  const h = createHealth({ area, now: () => AT, newId: () => `batch-${++n}` });
  await h.record('claude', ev('send', { id: 'r1' }));
  const seen = [];
  const down = async (b) => { seen.push(structuredClone(b)); throw new Error('host unreachable'); };
  assert.equal((await h.flush(down)).sent, false);
  await h.record('claude', ev('send', { id: 'r2' })); // meanwhile: goes to the next batch
  assert.equal((await h.flush(down)).sent, false);
  assert.equal(seen[0].batch, 'batch-1');
  assert.deepEqual(seen[1], seen[0], 'the retry is the very same batch');
  assert.equal(seen[0].rows[0].sends, 1);

  const ok = async (b) => { seen.push(structuredClone(b)); return { id: 'm1', ok: true, applied: true }; };
  assert.equal((await h.flush(ok)).sent, true);
  assert.equal((await h.flush(ok)).sent, true, 'then the pending send goes');
  assert.equal(seen[3].batch, 'batch-2');
  assert.equal(seen[3].rows[0].sends, 1);
  assert.equal((await h.flush(ok)).sent, false, 'nothing left');
  assert.equal(seen.length, 4);

  await h.record('claude', ev('send', { id: 'r3' }));
  const refuse = async () => ({ id: 'm2', error: { code: 'invalid', message: 'health: row 0: unknown site' } });
  const r = await h.flush(refuse, ['invalid']);
  assert.equal(r.dropped, true);
  assert.equal(area.data[HEALTH_KEY].batch, null);
});

test('a batch has exactly the fields the host decodes', async () => {
  const h = createHealth({ area: memArea(), now: () => AT, newId: () => 'b' });
  await h.record('claude', ev('miss', { what: 'composer' }));
  await h.record('generic:chat.example.org', { ...ev('send'), site: 'generic' });
  let got;
  await h.flush(async (b) => { got = b; return { ok: true }; });
  assert.deepEqual(Object.keys(got).sort(), ['at', 'batch', 'rows']);
  const allowed = ['day', 'site', 'sends', 'answers', 'timeouts', 'net_only', 'miss_composer', 'miss_send', 'miss_answer',
    'miss_stop', 'last_send_ms', 'last_answer_ms', 'last_miss_ms', 'last_miss', 'unanswered'];
  for (const row of got.rows) for (const k of Object.keys(row)) assert.ok(allowed.includes(k), k);
  assert.deepEqual(got.rows.map((r) => r.site).sort(), ['claude', 'generic:chat.example.org']);
});
