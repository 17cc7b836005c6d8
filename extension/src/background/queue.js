// queue.js keeps captured events until the host has them. Events are stored
// in chrome.storage.local under QUEUE_KEY, in capture order, and flushed in
// that order; each carries the id made at capture, and the host's inserts are
// idempotent on it, so a flush that is cut off and retried records each
// event once.
//
// Nothing is dropped but an event the host refuses as invalid (a 'refused'
// reply code: retrying would fail the same way). Anything else (the host
// missing, a full disk, an internal error) keeps the event, and the queue
// tries again later, forever, with a backoff that doubles up to MAX_BACKOFF_MS.
// When chrome.storage.local is full, the events already stored (the oldest)
// stay there, newer ones wait in the worker's memory, and stats() says so, so
// the popup can tell the person; nothing is dropped silently.
import { REPLY_CODES } from '../shared/defs.generated.js';

export const QUEUE_KEY = 'queue.v1';
export const MIN_BACKOFF_MS = 1000;
export const MAX_BACKOFF_MS = 5 * 60 * 1000;

// The one list is tracker/defs (REPLY_CODES in the generated copy).
export const BAD_MESSAGE_CODES = new Set(Object.keys(REPLY_CODES).filter((c) => REPLY_CODES[c] === 'refused'));

/**
 * disposition says what a host reply means for a queued event:
 * 'done' (ok, duplicate included), 'bad' (refused: drop it) or 'retry' (keep it).
 */
export function disposition(reply) {
  if (reply?.ok === true) return 'done';
  const code = reply?.error?.code;
  if (BAD_MESSAGE_CODES.has(code)) return 'bad';
  return 'retry';
}

/** backoffMs is the wait after n failures in a row (n ≥ 1): 1 s, 2 s, 4 s … 5 min. */
export function backoffMs(n) {
  return Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS * 2 ** Math.min(Math.max(n - 1, 0), 30));
}

/** isQuotaError tells chrome.storage's "quota exceeded" from other failures. */
export function isQuotaError(e) {
  return /quota/i.test(String(e?.message || e));
}

/**
 * createQueue returns the queue over a storage area with promise-returning
 * get(key) → {key: value} and set({key: value}) (chrome.storage.local's shape).
 * All changes go through one promise chain, so concurrent enqueues and a
 * flush never overwrite each other within a worker. now() is the clock.
 */
export function createQueue(area, { log = console, now = () => Date.now() } = {}) {
  let chain = Promise.resolve();
  const locked = (fn) => {
    const p = chain.then(fn);
    chain = p.catch(() => {});
    return p;
  };
  // Events that did not fit in storage, in capture order, after the stored ones.
  let overflow = [];
  let storageFull = false;
  const load = async () => {
    const v = (await area.get(QUEUE_KEY))[QUEUE_KEY];
    const q = v && Array.isArray(v.events) ? v : {};
    return { events: q.events || [], refused: q.refused || 0, failures: q.failures || 0, retryAt: q.retryAt || 0, why: q.why || '' };
  };
  // save writes q followed by the events waiting in memory and extra (a
  // new event). When that does not fit, q alone is written (the stored
  // events, the oldest, stay as they are) and the rest waits in memory.
  // q alone fits: it is the stored queue, shortened or with a counter changed.
  const save = async (q, extra = []) => {
    const pending = [...overflow, ...extra];
    try {
      await area.set({ [QUEUE_KEY]: { ...q, events: [...q.events, ...pending] } });
      overflow = [];
      storageFull = false;
      return;
    } catch (e) {
      if (!isQuotaError(e)) throw e;
    }
    storageFull = true;
    overflow = pending;
    log.warn?.(`Frugal: browser storage is full; ${overflow.length} event(s) wait in memory only`);
    await area.set({ [QUEUE_KEY]: q });
  };
  let flushing = null;

  const stats = async () => {
    const q = await load();
    return {
      length: q.events.length + overflow.length,
      unsaved: overflow.length, // waiting in memory only: lost if the browser quits
      storageFull,
      refused: q.refused,
      why: q.events.length + overflow.length ? q.why : '',
      retryAt: q.retryAt,
    };
  };

  return {
    /** enqueue adds an event at the end; it is always kept (in storage, or in memory when storage is full). */
    enqueue: (event) => locked(async () => {
      const q = await load();
      if (q.events.some((e) => e.qid === event.qid) || overflow.some((e) => e.qid === event.qid)) return true;
      await save(q, [{ ...event, attempts: 0 }]);
      return true;
    }),

    stats: () => locked(stats),

    /**
     * flush sends events in order with send(event) → Promise<reply>. It stops
     * at the first event that must be retried (or when send throws: the host
     * is gone), keeping it and everything after it, and sets the next try
     * after a backoff; a flush before then does nothing unless force is set
     * (the host just came up). Only one flush runs at a time; a second call
     * returns the running one.
     */
    flush(send, { force = false } = {}) {
      if (flushing) return flushing;
      flushing = (async () => {
        let sent = 0;
        if (!force) {
          const q = await locked(load);
          if (q.retryAt > now()) return { sent, left: q.events.length + overflow.length, waiting: true };
        }
        for (;;) {
          const head = await locked(async () => (await load()).events[0] || overflow[0]);
          if (!head) {
            await locked(async () => {
              const q = await load();
              if (q.failures || q.why) await save({ ...q, failures: 0, retryAt: 0, why: '' });
            });
            return { sent, left: 0 };
          }
          let reply, why;
          try {
            reply = await send(head);
          } catch (e) {
            why = 'host';
            log.info?.(`Frugal: host not reachable: ${String(e?.message || e)}`);
          }
          const d = why ? 'retry' : disposition(reply);
          if (d === 'retry') {
            why = why || reply?.error?.code || 'no_reply';
            return locked(async () => {
              const q = await load();
              q.failures++;
              q.retryAt = now() + backoffMs(q.failures);
              q.why = why;
              const i = q.events.findIndex((e) => e.qid === head.qid);
              if (i >= 0) q.events[i].attempts++;
              await save(q);
              return { sent, left: q.events.length + overflow.length, error: why };
            });
          }
          await locked(async () => {
            const q = await load();
            if (d === 'bad') {
              log.warn?.(`Frugal: the app refused event ${head.qid}: ${reply?.error?.code} ${reply?.error?.message || ''}`);
              q.refused++;
            } else {
              sent++;
            }
            q.failures = 0;
            q.retryAt = 0;
            q.why = '';
            const i = q.events.findIndex((e) => e.qid === head.qid);
            if (i >= 0) q.events.splice(i, 1);
            else overflow = overflow.filter((e) => e.qid !== head.qid);
            await save(q);
          });
        }
      })().finally(() => { flushing = null; });
      return flushing;
    },
  };
}
