// main.js picks the adapter for this page, asks the worker for verdicts on
// drafts, holds a trivial send behind the nudge card, and forwards captured
// prompts and finished answers to the worker. It never talks to the host.
import adapters from './sites/index.js';
import { showCard } from './card.js';
import { lang as browserLang } from './i18n.js';
import { MSG, MAX_DRAFT_CHARS, MAX_PROMPT_CHARS } from '../shared/messages.js';

const DEBOUNCE_MS = 250;

export function start({ doc = document, loc = location, runtime = chrome.runtime, lang = browserLang() } = {}) {
  const adapter = adapters.find((a) => a.matches(loc));
  if (!adapter) return null;
  const status = { site: adapter.id, composer: false };
  let verdict = null; // {text, nudge, verdict} for the latest classified draft
  let timer = 0;
  let seq = 0;
  let card = null;

  const send = (msg) => runtime.sendMessage(msg).catch(() => null);

  const classify = (text) => {
    const mine = ++seq;
    send({ type: MSG.CS_TO_BG_DRAFT, text: text.slice(0, MAX_DRAFT_CHARS), lang }).then((r) => {
      if (mine !== seq || !r || r.offline || r.error) return;
      verdict = { text, nudge: !!r.nudge, verdict: r.verdict || null };
    });
  };

  const record = (cap, outcome, v) => {
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

  const emit = (ev) => {
    switch (ev.type) {
      case 'status':
        status.composer = ev.composer;
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
        // Use the verdict only if it is for exactly this text: a send never
        // waits for a verdict.
        const v = verdict && verdict.text === cap.text ? verdict : null;
        if (!v?.nudge || card) {
          record(cap, 'sent', v?.verdict);
          return false;
        }
        card = showCard(doc, {
          verdict: v.verdict, lang, onAction: (action) => {
            card = null;
            if (action === 'nudge_off') {
              send({ type: MSG.CS_TO_BG_NUDGE_OFF, category: v.verdict.category });
              action = 'sent_anyway';
            }
            record(cap, action, v.verdict);
            if (action === 'sent_anyway') ev.resend();
          },
        });
        return true;
      }
      case 'answer':
        send({ type: MSG.CS_TO_BG_ANSWER, answer: { id: ev.id, answer_chars: ev.chars, streaming_ms: ev.ms } });
        return;
    }
  };

  const stop = adapter.observe(doc, emit);
  runtime.onMessage?.addListener((msg, sender, reply) => {
    if (sender.id !== runtime.id || msg?.type !== MSG.POPUP_TO_CS_STATUS) return false;
    reply({ ...status });
    return false;
  });
  return { adapter, status, stop };
}

if (globalThis.chrome?.runtime?.id && globalThis.document) start();
