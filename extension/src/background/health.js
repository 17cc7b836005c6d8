// health.js: capture health on the extension side. Content scripts report
// each send, answer, timeout, selector miss and network-only send
// (cs-bg-health, contract in tracker/capture/README_health.md); this module
// counts them per local day and site in chrome.storage.local, works out
// which sites are degraded (their last DEGRADED_AFTER closed sends had no
// answer), and cuts batches of deltas that the worker sends to the host
// ("health" message), each applied there once by its batch id.

import { HEALTH_DEGRADED_AFTER, HEALTH_MISSES } from '../shared/defs.generated.js';

export const HEALTH_KEY = 'health.v1';
export const DEGRADED_AFTER = HEALTH_DEGRADED_AFTER; // the Go side's capture.DegradedAfter (tracker/defs)
export const EVENTS = Object.freeze(['send', 'answer', 'timeout', 'miss', 'net_only']);
export const MISSES = HEALTH_MISSES;
const RECENT = 10; // sends remembered per site
const MAX_PENDING = 400; // day+site rows waiting; the oldest days go first beyond it
const MAX_ID = 128;

/**
 * validateHealth checks a cs-bg-health message. senderSite is the site of
 * the sender's page ('' when none): a known site's id, or 'generic' for an
 * origin the person chose to track. Returns '' or the reason to refuse.
 */
export function validateHealth(msg, senderSite) {
  if (!msg || typeof msg !== 'object') return 'not an object';
  const allowed = ['type', 'site', 'event', 'what', 'id', 'at'];
  for (const k of Object.keys(msg)) if (!allowed.includes(k)) return `unknown field ${k}`;
  if (!senderSite) return 'sender is not a tracked site';
  const same = msg.site === senderSite || (senderSite === 'lechat' && msg.site === 'mistral') || (senderSite === 'mistral' && msg.site === 'lechat');
  if (!same) return 'site does not match the sender';
  if (!EVENTS.includes(msg.event)) return 'bad event';
  if (msg.event === 'miss' ? !MISSES.includes(msg.what) : msg.what !== undefined) return 'bad what';
  if (msg.id !== undefined && (typeof msg.id !== 'string' || !msg.id || msg.id.length > MAX_ID)) return 'bad id';
  if (!Number.isSafeInteger(msg.at) || msg.at <= 0) return 'bad at';
  return '';
}

/** localDay is the YYYY-MM-DD of ms in the browser's time zone. */
export function localDay(ms) {
  const d = new Date(ms);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

const emptyRow = (day, site) => ({
  day, site, sends: 0, answers: 0, timeouts: 0, net_only: 0,
  miss_composer: 0, miss_send: 0, miss_answer: 0, miss_stop: 0, unanswered: 0,
});

/**
 * streak counts the closed sends at the end of a site's recent list that
 * had no answer (open sends, still waiting for their answer, are skipped).
 */
export function streak(recent) {
  let n = 0;
  for (let i = recent.length - 1; i >= 0; i--) {
    const s = recent[i];
    if (s.state === 'open') continue;
    if (s.state === 'answered') break;
    n++;
  }
  return n;
}

/**
 * createHealth: area is {get(key), set(obj)} (chrome.storage.local); now()
 * the clock; newId() makes batch ids. All changes go through one chain, so
 * messages arriving together don't overwrite each other's counts.
 */
export function createHealth({ area, now = () => Date.now(), newId = () => crypto.randomUUID() }) {
  let chain = Promise.resolve();
  const serial = (f) => {
    const p = chain.then(f);
    chain = p.catch(() => {});
    return p;
  };
  const load = async () => {
    const s = (await area.get(HEALTH_KEY))[HEALTH_KEY];
    return { pending: s?.pending || {}, recent: s?.recent || {}, batch: s?.batch || null };
  };
  const save = (s) => area.set({ [HEALTH_KEY]: s });

  return {
    /** record counts one validated event for site key (a site id or generic:<host>). */
    record(key, ev) {
      return serial(async () => {
        const s = await load();
        const day = localDay(ev.at);
        const rk = `${day}|${key}`;
        const row = s.pending[rk] || emptyRow(day, key);
        const recent = s.recent[key] || [];
        const find = () => (ev.id ? recent.findLast((r) => r.id === ev.id) : recent.findLast((r) => r.state === 'open'));
        switch (ev.event) {
          case 'send':
          case 'net_only':
            if (ev.event === 'send') row.sends++;
            else row.net_only++;
            row.last_send_ms = Math.max(row.last_send_ms || 0, ev.at);
            // The next send closes the ones still waiting: no answer came.
            for (const r of recent) if (r.state === 'open') r.state = 'unanswered';
            recent.push({ id: ev.id || '', state: 'open', at: ev.at });
            break;
          case 'answer': {
            row.answers++;
            row.last_answer_ms = Math.max(row.last_answer_ms || 0, ev.at);
            const r = find();
            if (r) r.state = 'answered';
            else recent.push({ id: ev.id || '', state: 'answered', at: ev.at });
            break;
          }
          case 'timeout': {
            row.timeouts++;
            const r = find();
            if (r && r.state === 'open') r.state = 'unanswered';
            break;
          }
          case 'miss':
            row[`miss_${ev.what}`]++;
            if (ev.at >= (row.last_miss_ms || 0)) {
              row.last_miss_ms = ev.at;
              row.last_miss = ev.what;
            }
            break;
        }
        while (recent.length > RECENT) recent.shift();
        s.recent[key] = recent;
        row.unanswered = streak(recent);
        s.pending[rk] = row;
        const keys = Object.keys(s.pending);
        if (keys.length > MAX_PENDING) {
          keys.sort();
          for (const k of keys.slice(0, keys.length - MAX_PENDING)) delete s.pending[k];
        }
        await save(s);
      });
    },

    /** degraded returns the site keys whose last DEGRADED_AFTER closed sends had no answer. */
    async degraded() {
      const s = await load();
      return Object.entries(s.recent).filter(([, r]) => streak(r) >= DEGRADED_AFTER).map(([k]) => k).sort();
    },

    /**
     * flush sends the batch in flight, or cuts a new one from the pending
     * counts, with send(health) → the host's reply. An ok reply (applied or
     * not) or a bad-message reply ends the batch; anything else (no host, a
     * timeout, disk full) keeps it for the next try, unchanged, so the host
     * can tell a retry by its id.
     */
    flush(send, badCodes = []) {
      return serial(async () => {
        const s = await load();
        if (!s.batch) {
          const rows = Object.values(s.pending);
          if (!rows.length) return { sent: false };
          s.batch = { batch: newId(), at: now(), rows };
          s.pending = {};
          await save(s);
        }
        let r;
        try {
          r = await send(s.batch);
        } catch (e) {
          return { sent: false, error: String(e?.message || e) };
        }
        const code = r?.error?.code;
        if (r?.ok || badCodes.includes(code)) {
          if (!r?.ok) console.warn('Frugal: the app refused capture health:', r?.error?.message);
          s.batch = null;
          await save(s);
          return { sent: !!r?.ok, dropped: !r?.ok };
        }
        return { sent: false, error: code || 'no reply' };
      });
    },
  };
}
