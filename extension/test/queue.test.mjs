import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createQueue, disposition, QUEUE_KEY } from '../src/background/queue.js';

// memArea has chrome.storage.local's promise shape, with a copy on each
// read and write as the real one does (values are serialised).
function memArea() {
  const data = {};
  return {
    data,
    get: async (k) => (k in data ? { [k]: structuredClone(data[k]) } : {}),
    set: async (o) => { for (const [k, v] of Object.entries(o)) data[k] = structuredClone(v); },
  };
}
const quiet = { warn() {} };
const ev = (n) => ({ qid: `id-${n}`, kind: 'record', request: { id: `id-${n}` } });

test('disposition: ok and duplicate are done, bad messages dropped, the rest retried', () => {
  assert.equal(disposition({ ok: true }), 'done');
  assert.equal(disposition({ ok: true, duplicate: true }), 'done');
  for (const code of ['invalid', 'unknown_field', 'bad_json', 'not_found', 'paused']) assert.equal(disposition({ error: { code } }), 'bad');
  assert.equal(disposition({ error: { code: 'internal' } }), 'retry');
  assert.equal(disposition(undefined), 'retry');
});

test('flush sends in capture order and empties the queue', async () => {
  const area = memArea();
  const q = createQueue(area, { log: quiet });
  for (let i = 0; i < 5; i++) await q.enqueue(ev(i));
  const seen = [];
  const r = await q.flush(async (e) => { seen.push(e.qid); return { ok: true, duplicate: e.qid === 'id-2' }; });
  assert.deepEqual(seen, ['id-0', 'id-1', 'id-2', 'id-3', 'id-4']);
  assert.deepEqual(r, { sent: 5, left: 0 });
  assert.deepEqual(area.data[QUEUE_KEY].events, []);
});

test('a host that is gone stops the flush and keeps every event', async () => {
  const q = createQueue(memArea(), { log: quiet });
  for (let i = 0; i < 3; i++) await q.enqueue(ev(i));
  const r = await q.flush(async () => { throw new Error('host disconnected'); });
  assert.equal(r.left, 3);
  assert.deepEqual(await q.stats(), { length: 3, dropped: 0 });
});

test('a bad-message reply drops that event only; an internal error keeps it and what follows', async () => {
  const q = createQueue(memArea(), { log: quiet });
  for (let i = 0; i < 4; i++) await q.enqueue(ev(i));
  const replies = { 'id-0': { ok: true }, 'id-1': { error: { code: 'invalid' } }, 'id-2': { error: { code: 'internal' } } };
  const r = await q.flush(async (e) => replies[e.qid] || { ok: true });
  assert.equal(r.sent, 1);
  assert.equal(r.left, 2);
  const r2 = await q.flush(async () => ({ ok: true }));
  assert.deepEqual(r2, { sent: 2, left: 0 });
});

test('an event that keeps failing is given up after five attempts, and counted', async () => {
  const q = createQueue(memArea(), { log: quiet });
  await q.enqueue(ev(0));
  for (let i = 0; i < 5; i++) await q.flush(async () => ({ error: { code: 'internal' } }));
  assert.deepEqual(await q.stats(), { length: 0, dropped: 1 });
});

test('the queue is capped: new events are dropped and counted, the oldest kept', async () => {
  const q = createQueue(memArea(), { cap: 3, log: quiet });
  for (let i = 0; i < 5; i++) await q.enqueue(ev(i));
  assert.deepEqual(await q.stats(), { length: 3, dropped: 2 });
  const seen = [];
  await q.flush(async (e) => { seen.push(e.qid); return { ok: true }; });
  assert.deepEqual(seen, ['id-0', 'id-1', 'id-2']);
});

test('an event queued twice is sent once; events queued during a flush are sent too', async () => {
  const q = createQueue(memArea(), { log: quiet });
  await q.enqueue(ev(0));
  await q.enqueue(ev(0));
  const seen = [];
  const r = await q.flush(async (e) => {
    seen.push(e.qid);
    if (e.qid === 'id-0') await q.enqueue(ev(1));
    return { ok: true };
  });
  assert.deepEqual(seen, ['id-0', 'id-1']);
  assert.equal(r.left, 0);
});

test('only one flush runs at a time', async () => {
  const q = createQueue(memArea(), { log: quiet });
  for (let i = 0; i < 3; i++) await q.enqueue(ev(i));
  let calls = 0;
  const send = async () => { calls++; await new Promise((r) => setTimeout(r, 5)); return { ok: true }; };
  const [a, b] = await Promise.all([q.flush(send), q.flush(send)]);
  assert.equal(calls, 3);
  assert.deepEqual(a, b);
});
