// host.js owns the one native messaging port to the frugal host. The port is
// opened on demand; while it is open it keeps the worker alive. Requests carry
// an id and their replies are matched to it; a reply without an id (a framing
// error) answers the oldest request, since the host replies in order.

export { HOST_NAME, PROTOCOL_VERSION } from '../shared/defs.generated.js';
import { PROTOCOL_VERSION } from '../shared/defs.generated.js';

export class HostDown extends Error {}
export class HostTimeout extends Error {}

/**
 * createHost returns {request(type, fields, timeoutMs), state()}.
 * connect() opens a port (chrome.runtime.connectNative(HOST_NAME) in the
 * extension); onState(state, info) is called when 'up' / 'down' changes;
 * onPush(msg) gets the frames the host sends unasked.
 */
export function createHost({ connect, onState = () => {}, onPush = () => {}, now = () => performance.now(), lastError = () => undefined, retryMs = 1000 }) {
  let port = null;
  let state = 'unknown';
  let seq = 0;
  let lastAttempt = -Infinity;
  let connectedAt = 0;
  let firstReplyMs = null;
  const pending = new Map(); // id → {resolve, reject, timer}

  const setState = (s, info) => {
    if (s === state) return;
    state = s;
    onState(s, info);
  };

  const failAll = (err) => {
    for (const [, p] of pending) {
      clearTimeout(p.timer);
      p.reject(err);
    }
    pending.clear();
  };

  const open = () => {
    if (port) return port;
    if (state === 'down' && now() - lastAttempt < retryMs) throw new HostDown('host unreachable (retrying soon)');
    lastAttempt = now();
    connectedAt = now();
    firstReplyMs = null;
    const p = connect();
    p.onMessage.addListener((msg) => {
      if (firstReplyMs === null) firstReplyMs = now() - connectedAt;
      setState('up');
      // A frame with a type and no id is one the host sent unasked (the
      // selector table, right after it starts): never a reply.
      if (msg && typeof msg.type === 'string' && msg.id === undefined) {
        onPush(msg);
        return;
      }
      let id = msg?.id;
      if (id == null || !pending.has(id)) id = pending.keys().next().value;
      const entry = pending.get(id);
      if (!entry) return;
      pending.delete(id);
      clearTimeout(entry.timer);
      entry.resolve(msg);
    });
    // Chromium says why a port closed in chrome.runtime.lastError; Firefox
    // leaves that empty and sets port.error (an Error) on the port it passes.
    p.onDisconnect.addListener((closed) => {
      const why = (closed ?? p)?.error?.message || lastError()?.message || 'host disconnected';
      if (port === p) port = null;
      setState('down', why);
      failAll(new HostDown(why));
    });
    port = p;
    return p;
  };

  return {
    state: () => state,
    firstConnectMs: () => firstReplyMs,
    request(type, fields = {}, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        let p;
        try {
          p = open();
        } catch (e) {
          reject(e);
          return;
        }
        const id = `m${++seq}`;
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new HostTimeout(`host did not answer ${type} within ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, { resolve, reject, timer });
        try {
          p.postMessage({ v: PROTOCOL_VERSION, id, type, ...fields });
        } catch (e) {
          pending.delete(id);
          clearTimeout(timer);
          if (port === p) port = null;
          setState('down', String(e?.message || e));
          reject(new HostDown(String(e?.message || e)));
        }
      });
    },
  };
}
