import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHost, HostDown } from '../src/background/host.js';

// fakePort mimics a chrome.runtime.Port.
function fakePort() {
  const on = { msg: [], disc: [] };
  return {
    sent: [],
    onMessage: { addListener: (f) => on.msg.push(f) },
    onDisconnect: { addListener: (f) => on.disc.push(f) },
    postMessage(m) { this.sent.push(m); },
    reply(m) { on.msg.forEach((f) => f(m)); },
    disconnect(error) {
      if (error) this.error = error;
      on.disc.forEach((f) => f(this));
    },
  };
}

test('replies are matched to requests by id', async () => {
  const port = fakePort();
  const h = createHost({ connect: () => port });
  const a = h.request('ping');
  const b = h.request('today');
  assert.deepEqual(port.sent.map((m) => [m.v, m.type]), [[1, 'ping'], [1, 'today']]);
  port.reply({ id: port.sent[1].id, ok: true, count: 3 });
  port.reply({ id: port.sent[0].id, ok: true });
  assert.equal((await b).count, 3);
  assert.equal((await a).ok, true);
});

test('a reply without id answers the oldest request', async () => {
  const port = fakePort();
  const h = createHost({ connect: () => port });
  const a = h.request('record');
  port.reply({ id: null, error: { code: 'bad_json' } });
  assert.equal((await a).error.code, 'bad_json');
});

test('a disconnect fails pending requests, reports the state once, and reconnects later', async () => {
  let t = 0;
  const ports = [];
  const states = [];
  const h = createHost({ connect: () => { ports.push(fakePort()); return ports.at(-1); }, onState: (s) => states.push(s), now: () => t, retryMs: 1000 });
  const a = h.request('ping');
  ports[0].disconnect();
  await assert.rejects(a, HostDown);
  await assert.rejects(h.request('ping'), HostDown); // too soon: no new host started
  assert.equal(ports.length, 1);
  t = 2000;
  const b = h.request('ping');
  assert.equal(ports.length, 2);
  ports[1].reply({ id: ports[1].sent[0].id, ok: true });
  await b;
  ports[1].reply({ id: 'x', ok: true });
  assert.deepEqual(states, ['down', 'up']);
});

test('a slow host times out without losing the port', async () => {
  const port = fakePort();
  const h = createHost({ connect: () => port });
  await assert.rejects(h.request('record', {}, 20), /within 20 ms/);
  const b = h.request('ping');
  port.reply({ id: port.sent[1].id, ok: true });
  assert.equal((await b).ok, true);
});

test('a disconnect says why, from port.error (Firefox) or runtime.lastError (Chromium)', async () => {
  const firefox = fakePort();
  const infos = [];
  const h = createHost({ connect: () => firefox, onState: (s, info) => infos.push(info), lastError: () => undefined });
  const a = h.request('ping');
  firefox.disconnect(new Error('No such native application app.frugal.host'));
  await assert.rejects(a, (e) => e instanceof HostDown && /No such native application/.test(e.message));
  assert.deepEqual(infos, ['No such native application app.frugal.host']);

  const chromium = fakePort();
  const g = createHost({ connect: () => chromium, lastError: () => ({ message: 'Specified native messaging host not found.' }) });
  const b = g.request('ping');
  chromium.disconnect();
  await assert.rejects(b, /native messaging host not found/);

  const silent = fakePort();
  const k = createHost({ connect: () => silent });
  const c = k.request('ping');
  silent.disconnect();
  await assert.rejects(c, /host disconnected/);
});
