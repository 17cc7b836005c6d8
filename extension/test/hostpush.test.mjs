import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHost } from '../src/background/host.js';

function fakePort() {
  const on = { msg: [], disc: [] };
  return {
    sent: [],
    onMessage: { addListener: (f) => on.msg.push(f) },
    onDisconnect: { addListener: (f) => on.disc.push(f) },
    postMessage(m) { this.sent.push(m); },
    reply(m) { on.msg.forEach((f) => f(m)); },
  };
}

test('a frame the host sends unasked (type, no id) goes to onPush and answers no request', async () => {
  const port = fakePort();
  const pushed = [];
  const h = createHost({ connect: () => port, onPush: (m) => pushed.push(m) });
  const a = h.request('ping');
  port.reply({ type: 'selectors', v: 1, version: 3, table: { version: 3, sites: {} } });
  assert.deepEqual(pushed.map((m) => m.type), ['selectors']);
  assert.equal(h.state(), 'up');
  port.reply({ id: port.sent[0].id, ok: true });
  assert.equal((await a).ok, true);
  // An error reply without an id is still a reply (to the oldest request).
  const b = h.request('record');
  port.reply({ id: null, error: { code: 'bad_json' } });
  assert.equal((await b).error.code, 'bad_json');
  assert.equal(pushed.length, 1);
});
