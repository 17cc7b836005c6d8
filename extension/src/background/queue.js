// queue.js keeps captured events until the host has them. Events are stored
// in chrome.storage.local under QUEUE_KEY, in capture order, and flushed in
// that order; each carries the id made at capture, and the host's inserts are
// idempotent on it, so a flush that is cut off and retried records each
// event once.

import { REPLY_CODES } from '../shared/defs.generated.js';

export const QUEUE_KEY = 'queue.v1';
export const QUEUE_CAP = 1000;
export const MAX_ATTEMPTS = 5;

// Reply codes that mean "this event will never be accepted": drop and log.
// The one list is tracker/defs (REPLY_CODES in the generated copy).
export const BAD_MESSAGE_CODES = new Set(Object.keys(REPLY_CODES).filter((c) => REPLY_CODES[c] === 'refused'));

/**
 * disposition says what a host reply means for a queued event:
 * 'done' (ok, duplicate included), 'bad' (drop it) or 'retry' (keep it).
 */
export function disposition(reply) {
  if (reply?.ok === true) return 'done';
  const code = reply?.error?.code;
  if (BAD_MESSAGE_CODES.has(code)) return 'bad';
  return 'retry';
}

/**
 * createQueue returns the queue over a storage area with promise-returning
 * get(key) → {key: value} and set({key: value}) (chrome.storage.local's shape).
 * All changes go through one promise chain, so concurrent enqueues and a
 * flush never overwrite each other within a worker.
 */
export function createQueue(area, { cap = QUEUE_CAP, log = console } = {}) {
  let chain = Promise.resolve();
  const locked = (fn) => {
    const p = chain.then(fn);
    chain = p.catch(() => {});
    return p;
  };
  const load = async () => {
    const v = (await area.get(QUEUE_KEY))[QUEUE_KEY];
    return v && Array.isArray(v.events) ? v : { events: [], dropped: 0 };
  };
  const save = (q) => area.set({ [QUEUE_KEY]: q });
  let flushing = null;

  return {
    /** enqueue adds an event; when the queue is full the new event is dropped and counted. */
    enqueue: (event) => locked(async () => {
      const q = await load();
      if (q.events.some((e) => e.qid === event.qid)) return true; // already queued
      if (q.events.length >= cap) {
        q.dropped++;
        await save(q);
        log.warn?.(`Frugal: queue full (${cap}); event dropped`);
        return false;
      }
      q.events.push({ ...event, attempts: 0 });
      await save(q);
      return true;
    }),

    stats: () => locked(async () => {
      const q = await load();
      return { length: q.events.length, dropped: q.dropped };
    }),

    /**
     * flush sends events in order with send(event) → Promise<reply>. It stops
     * at the first event that must be retried (or when send throws: the host
     * is gone), keeping it and everything after it. Only one flush runs at a
     * time; a second call returns the running one.
     */
    flush(send) {
      if (flushing) return flushing;
      flushing = (async () => {
        let sent = 0;
        for (;;) {
          const head = await locked(async () => (await load()).events[0]);
          if (!head) return { sent, left: 0 };
          let reply;
          try {
            reply = await send(head);
          } catch (e) {
            const left = await locked(async () => (await load()).events.length);
            return { sent, left, error: String(e?.message || e) };
          }
          const d = disposition(reply);
          const stop = await locked(async () => {
            const q = await load();
            const i = q.events.findIndex((e) => e.qid === head.qid);
            if (i < 0) return false;
            if (d === 'retry') {
              q.events[i].attempts++;
              if (q.events[i].attempts < MAX_ATTEMPTS) {
                await save(q);
                return true;
              }
              log.warn?.(`Frugal: giving up on event ${head.qid} after ${MAX_ATTEMPTS} attempts: ${reply?.error?.code}`);
              q.dropped++;
            } else if (d === 'bad') {
              log.warn?.(`Frugal: host refused event ${head.qid}: ${reply?.error?.code} ${reply?.error?.message}`);
            }
            q.events.splice(i, 1);
            await save(q);
            return false;
          });
          if (stop) {
            const left = await locked(async () => (await load()).events.length);
            return { sent, left, error: reply?.error?.code || 'retry' };
          }
          if (d === 'done') sent++;
        }
      })().finally(() => { flushing = null; });
      return flushing;
    },
  };
}
