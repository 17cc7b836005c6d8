import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffMs, BAD_MESSAGE_CODES, createQueue, disposition, MAX_BACKOFF_MS, QUEUE_KEY } from '../src/background/queue.js';
import { REPLY_CODES } from '../src/shared/defs.generated.js';

// memArea has chrome.storage.local's promise shape, with a copy on each
// read and write as the real one does (values are serialised). With
// quotaBytes, a write whose JSON is larger fails as Chrome's does.
function memArea({ quotaBytes = Infinity } = {}) {
  const data = {};
  return {
    data,
    get: async (k) => (k in data ? { [k]: structuredClone(data[k]) } : {}),
    set: async (o) => {
      const next = { ...data, ...structuredClone(o) };
      if (JSON.stringify(next).length > quotaBytes) throw new Error('Resource::kQuotaBytes quota exceeded');
      Object.assign(data, next);
    },
  };
}
const quiet = { warn() {}, info() {} };
const ev = (n) => ({ qid: `id-${n}`, kind: 'record', request: { id: `id-${n}`, prompt: 'x'.repeat(100) } });
const clock = () => { let t = 1_000_000; return { now: () => t, advance: (ms) => { t += ms; } }; };

test('disposition: ok and duplicate are done, refused codes dropped, every other code retried', () => {
  assert.equal(disposition({ ok: true }), 'done');
  assert.equal(disposition({ ok: true, duplicate: true }), 'done');
  for (const [code, cls] of Object.entries(REPLY_CODES)) {
    assert.equal(disposition({ error: { code } }), cls === 'refused' ? 'bad' : 'retry', code);
  }
  for (const code of ['internal', 'disk_full']) assert.equal(disposition({ error: { code } }), 'retry');
  assert.equal(disposition({ error: { code: 'some_future_code' } }), 'retry');
  assert.equal(disposition(undefined), 'retry');
  assert.ok(BAD_MESSAGE_CODES.has('invalid') && !BAD_MESSAGE_CODES.has('disk_full'));
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

test('a host that is gone keeps every event and says why', async () => {
  const q = createQueue(memArea(), { log: quiet });
  for (let i = 0; i < 3; i++) await q.enqueue(ev(i));
  const r = await q.flush(async () => { throw new Error('host disconnected'); });
  assert.equal(r.left, 3);
  const s = await q.stats();
  assert.equal(s.length, 3);
  assert.equal(s.why, 'host');
  assert.equal(s.refused, 0);
});

test('a refused event is dropped (and counted); a transient error keeps it and what follows', async () => {
  const q = createQueue(memArea(), { log: quiet });
  for (let i = 0; i < 4; i++) await q.enqueue(ev(i));
  const replies = { 'id-0': { ok: true }, 'id-1': { error: { code: 'invalid' } }, 'id-2': { error: { code: 'internal' } } };
  const r = await q.flush(async (e) => replies[e.qid] || { ok: true });
  assert.equal(r.sent, 1);
  assert.equal(r.left, 2);
  assert.equal((await q.stats()).refused, 1);
  const r2 = await q.flush(async () => ({ ok: true }), { force: true });
  assert.deepEqual(r2, { sent: 2, left: 0 });
});

test('a full disk for an afternoon loses nothing: retries back off, capped, and never give up', async () => {
  const c = clock();
  const q = createQueue(memArea(), { log: quiet, now: c.now });
  await q.enqueue(ev(0));
  await q.enqueue(ev(1));
  let calls = 0;
  const full = async () => { calls++; return { error: { code: 'disk_full' } }; };
  // Four hours, an alarm each minute.
  for (let m = 0; m < 240; m++) {
    await q.flush(full);
    c.advance(60_000);
  }
  const s = await q.stats();
  assert.equal(s.length, 2, 'both events still wait');
  assert.equal(s.why, 'disk_full');
  // Backoff: 1 s, 2 s … capped at 5 min, so with a flush each minute the
  // host was asked at most once a minute and at least once per 5 minutes.
  assert.ok(calls >= 240 / 5 && calls <= 240, `asked ${calls} times`);
  assert.ok(s.retryAt - c.now() <= MAX_BACKOFF_MS);
  const seen = [];
  c.advance(MAX_BACKOFF_MS);
  const r = await q.flush(async (e) => { seen.push(e.qid); return { ok: true }; });
  assert.deepEqual(seen, ['id-0', 'id-1']);
  assert.equal(r.left, 0);
  assert.equal((await q.stats()).why, '');
});

test('backoff doubles from 1 s and stops at 5 min', () => {
  assert.deepEqual([1, 2, 3, 4].map(backoffMs), [1000, 2000, 4000, 8000]);
  assert.equal(backoffMs(9), 256_000);
  assert.equal(backoffMs(10), MAX_BACKOFF_MS);
  assert.equal(backoffMs(1000), MAX_BACKOFF_MS);
});

test('a flush during the backoff waits, unless forced (the host came back)', async () => {
  const c = clock();
  const q = createQueue(memArea(), { log: quiet, now: c.now });
  await q.enqueue(ev(0));
  await q.flush(async () => ({ error: { code: 'internal' } }));
  let calls = 0;
  const ok = async () => { calls++; return { ok: true }; };
  const r = await q.flush(ok);
  assert.equal(calls, 0);
  assert.equal(r.waiting, true);
  const r2 = await q.flush(ok, { force: true });
  assert.equal(calls, 1);
  assert.equal(r2.left, 0);
});

test('thousands of events are all kept (no cap)', async () => {
  const q = createQueue(memArea(), { log: quiet });
  for (let i = 0; i < 2000; i++) await q.enqueue(ev(i));
  assert.equal((await q.stats()).length, 2000);
  let n = 0;
  await q.flush(async () => { n++; return { ok: true }; });
  assert.equal(n, 2000);
});

test('when browser storage is full the oldest stay stored, the newest wait in memory, and stats say so', async () => {
  const area = memArea({ quotaBytes: 1200 });
  const q = createQueue(area, { log: quiet });
  for (let i = 0; i < 20; i++) await q.enqueue(ev(i));
  const stored = area.data[QUEUE_KEY].events.map((e) => e.qid);
  assert.ok(stored.length > 0 && stored.length < 20, `stored ${stored.length}`);
  assert.deepEqual(stored, Array.from({ length: stored.length }, (_, i) => `id-${i}`), 'the oldest are the stored ones');
  const s = await q.stats();
  assert.equal(s.length, 20);
  assert.equal(s.storageFull, true);
  assert.equal(s.unsaved, 20 - stored.length);
  // The host comes back: every event is sent, in order, and storage has room again.
  const seen = [];
  const r = await q.flush(async (e) => { seen.push(e.qid); return { ok: true }; });
  assert.deepEqual(seen, Array.from({ length: 20 }, (_, i) => `id-${i}`));
  assert.equal(r.left, 0);
  const after = await q.stats();
  assert.equal(after.storageFull, false);
  assert.equal(after.unsaved, 0);
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
