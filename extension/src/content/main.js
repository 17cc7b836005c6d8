// main.js picks the adapter for this page, asks the worker for verdicts on
// drafts, holds a send behind its verdict (and a trivial one behind the
// nudge card), and forwards confirmed sends, finished answers and capture
// health to the worker. It never talks to the host.
//
// Messages it handles from the worker (besides the popup's status request):
//   {type: 'bg-cs-selectors', table}   a newer selector table: swapped in when valid
//                                      and its version is not lower than the one in use
//   {type: 'bg-cs-net', phase, site, url, at}  the site's completion request started / ended
// Messages it sends: cs-bg-draft, cs-bg-prompt, cs-bg-answer, cs-bg-nudge-off,
// cs-bg-health {site, event, what?, id?, at}, cs-bg-selectors {} → {table}.
//
// While it runs, <html data-frugal-capture> says whether the capture is ready
// on this page: "ready" once its handlers are in and the composer is found,
// "waiting" while there is no composer; gone once stopped. (End-to-end tests
// in Firefox, which cannot see the content script's world, wait for it.)
import { adaptersFrom, validateTable } from './sites/index.js';
import { makeGenericAdapter } from './generic.js';
import { showCard } from './card.js';
import { lang as browserLang } from './i18n.js';
import { MSG, MAX_DRAFT_CHARS, MAX_PROMPT_CHARS } from '../shared/messages.js';

const DEBOUNCE_MS = 250;
export const VERDICT_WAIT_MS = 150; // a send waits this long at most for its verdict
export const READY_ATTR = 'data-frugal-capture';

export const CAPTURE_MSG = Object.freeze({
  HEALTH: MSG.CS_TO_BG_HEALTH,
  SELECTORS_REQ: MSG.CS_TO_BG_SELECTORS,
  SELECTORS: MSG.BG_TO_CS_SELECTORS,
  NET: MSG.BG_TO_CS_NET,
});

const cssChecker = (doc) => {
  const frag = doc.createDocumentFragment();
  return (s) => {
    try {
      frag.querySelector(s);
      return true;
    } catch {
      return false;
    }
  };
};

/**
 * start runs the capture on this page. table: the built-in selector table
 * (main() fetches it). generic: use the generic adapter (injected by "Track
 * this site"). Returns {adapter, status, stop, swapTable(table) → '' | why,
 * onNet(msg)} or null when no adapter matches.
 */
export function start({ doc = document, loc = location, runtime = chrome.runtime, lang = browserLang(), table,
  generic = false, observeOpts = {} } = {}) {
  let current = table;
  const pick = (t) => (generic ? makeGenericAdapter(t?.defaults || {}) : adaptersFrom(t).find((a) => a.matches(loc)));
  let adapter = pick(current);
  if (!adapter) return null;
  const status = { site: adapter.id, composer: false, table: current?.version ?? 0 };
  let verdict = null; // {text, nudge, verdict} for the latest classified draft
  let timer = 0;
  let seq = 0;
  let card = null;
  let holding = null; // text of a send waiting for its verdict
  const outcomes = new Map(); // capture id → outcome, for a send let through from the card
  const recorded = new Set();

  const send = (msg) => {
    try {
      return Promise.resolve(runtime.sendMessage(msg)).catch(() => null);
    } catch {
      return Promise.resolve(null);
    }
  };

  const classify = (text) => {
    const mine = ++seq;
    return send({ type: MSG.CS_TO_BG_DRAFT, text: text.slice(0, MAX_DRAFT_CHARS), lang }).then((r) => {
      if (mine !== seq || !r || r.offline || r.error) return null;
      verdict = { text, nudge: !!r.nudge, verdict: r.verdict || null };
      return verdict;
    });
  };

  const record = (cap, outcome, v) => {
    if (recorded.has(cap.id)) return; // one row per send, never two
    recorded.add(cap.id);
    const request = {
      id: cap.id, site: cap.site, prompt: cap.text.slice(0, MAX_PROMPT_CHARS), prompt_chars: [...cap.text].length,
      attachments: cap.attachments, kind: cap.kind, reasoning: cap.reasoning, web_search: cap.web_search,
      at: cap.at, outcome,
    };
    if (cap.model) request.model = cap.model;
    if (v?.category) request.category = v.category;
    if (v?.tool) request.tool = v.tool;
    send({ type: MSG.CS_TO_BG_PROMPT, request });
  };

  // nudgeOrLetGo decides a held send once its verdict is known (or not).
  const nudgeOrLetGo = (ev, v) => {
    if (!v?.nudge || card) {
      ev.resend();
      return;
    }
    card = showCard(doc, {
      verdict: v.verdict, lang, onAction: (action) => {
        card = null;
        if (action === 'nudge_off') {
          send({ type: MSG.CS_TO_BG_NUDGE_OFF, category: v.verdict.category });
          action = 'sent_anyway';
        }
        if (action === 'sent_anyway') {
          outcomes.set(ev.capture.id, { outcome: 'sent_anyway', verdict: v.verdict });
          ev.resend();
        } else {
          record(ev.capture, action, v.verdict); // followed / cancelled: nothing was sent
        }
      },
    });
  };

  const emit = (ev) => {
    switch (ev.type) {
      case 'status':
        status.composer = ev.composer;
        doc.documentElement?.setAttribute(READY_ATTR, ev.composer ? 'ready' : 'waiting');
        return;
      case 'draft':
        clearTimeout(timer);
        if (!ev.text) {
          seq++;
          verdict = null;
          return;
        }
        timer = setTimeout(() => classify(ev.text), DEBOUNCE_MS);
        return;
      case 'send': {
        const cap = ev.capture;
        if (card) return false; // the card is up: this one goes as it is
        if (holding === cap.text) return true; // already waiting for this one's verdict
        const v = verdict && verdict.text === cap.text ? verdict : null;
        if (v) {
          if (!v.nudge) {
            outcomes.set(cap.id, { outcome: 'sent', verdict: v.verdict });
            return false;
          }
          nudgeOrLetGo(ev, v);
          return true;
        }
        // No verdict yet for this text (Enter right after the last key): hold
        // the send for it, at most VERDICT_WAIT_MS, then nudge or let it go.
        holding = cap.text;
        clearTimeout(timer);
        let settled = false;
        const settle = (got) => {
          if (settled) return;
          settled = true;
          holding = null;
          if (got && !got.nudge) outcomes.set(cap.id, { outcome: 'sent', verdict: got.verdict });
          nudgeOrLetGo(ev, got);
        };
        setTimeout(() => settle(null), VERDICT_WAIT_MS);
        classify(cap.text).then((got) => settle(got && got.text === cap.text ? got : null));
        return true;
      }
      case 'sent': {
        const o = outcomes.get(ev.capture.id);
        outcomes.delete(ev.capture.id);
        record(ev.capture, o?.outcome || 'sent', o?.verdict);
        return;
      }
      case 'answer':
        if (!recorded.has(ev.id)) return;
        send({ type: MSG.CS_TO_BG_ANSWER, answer: { id: ev.id, answer_chars: ev.chars, streaming_ms: Math.round(ev.ms) } });
        return;
      case 'health': {
        const m = { type: CAPTURE_MSG.HEALTH, site: adapter.id, event: ev.event, at: Date.now() };
        if (ev.what) m.what = ev.what;
        if (ev.id) m.id = ev.id;
        send(m);
        return;
      }
    }
  };

  let stop = adapter.observe(doc, emit, observeOpts);

  // swapTable puts a newer selector table in use: the adapter is rebuilt
  // from it and the page observed again. It returns '' or why it was refused.
  const swapTable = (t) => {
    const why = validateTable(t, cssChecker(doc));
    if (why) return why;
    if (current && t.version < current.version) return `version ${t.version} is older than ${current.version}`;
    // The table in use again (the host sends its table when it starts, the
    // worker passes it on): nothing to redo, and a send or an answer being
    // followed is not cut off by observing the page afresh.
    if (current && JSON.stringify(t) === JSON.stringify(current)) return '';
    if (generic) {
      current = t;
      status.table = t.version;
      return '';
    }
    const next = adaptersFrom(t).find((a) => a.matches(loc));
    if (!next) return 'the new table has no adapter for this page';
    stop();
    current = t;
    adapter = next;
    status.site = next.id;
    status.table = t.version;
    stop = adapter.observe(doc, emit, observeOpts);
    return '';
  };

  const onNet = (msg) => stop.net?.(msg);

  runtime.onMessage?.addListener((msg, sender, reply) => {
    if (sender?.id !== runtime.id || !msg) return false;
    if (msg.type === MSG.POPUP_TO_CS_STATUS) {
      reply({ ...status });
    } else if (msg.type === CAPTURE_MSG.SELECTORS) {
      const why = swapTable(msg.table);
      if (why) console.info('Frugal: selector table not used:', why);
      reply?.({ ok: !why, error: why || undefined });
    } else if (msg.type === CAPTURE_MSG.NET) {
      onNet(msg);
    }
    return false;
  });
  // The worker may hold a newer table than the built-in one (sent by the host).
  send({ type: CAPTURE_MSG.SELECTORS_REQ }).then((r) => {
    if (r?.table && r.table.version > (current?.version ?? 0)) swapTable(r.table);
  });
  const stopAll = () => {
    stop();
    doc.documentElement?.removeAttribute(READY_ATTR);
  };
  return { adapter, status, stop: stopAll, swapTable, onNet, get adapterNow() { return adapter; } };
}

// main loads the built-in table shipped with the extension and starts.
async function main() {
  const table = await fetch(chrome.runtime.getURL('src/content/selectors.json')).then((r) => r.json());
  const generic = globalThis.frugalGeneric === true;
  const why = validateTable(table);
  if (why) throw new Error('built-in selector table: ' + why);
  globalThis.frugalCapture = start({ table, generic });
}

if (globalThis.chrome?.runtime?.id && globalThis.document && !globalThis.frugalCapture) {
  main().catch((e) => console.warn('Frugal: could not start capture:', e));
}
