// engine.js turns a site's selector data into an adapter of the one shape
// every site has:
//
//   { id, matches(url), observe(doc, emit) → stop }
//
// observe() emits, in order of a prompt's life:
//   {type: 'status', composer: bool}            when the composer appears or goes
//   {type: 'draft', text}                       on each edit of the composer
//   {type: 'send', capture, resend} → boolean   when the person sends; return true to hold
//                                                the send (the page never sees it), then call
//                                                resend() to let it through
//   {type: 'answer', id, chars, ms}             when that prompt's answer has finished
//
// The engine reads the page and never writes to it.

/**
 * Selector data, one object per site (see sites/*.js):
 *   composer:   selectors for the prompt box (textarea or contenteditable), tried in order
 *   send:       the send button
 *   stop:       the button shown while the answer streams
 *   answer:     one element per assistant message; the last one is the answer
 *   model:      where the page shows the model's name (optional)
 *   attachment: one element per attached file, shown near the composer (optional)
 *   imageMode, videoMode, thinking, deepResearch, webSearch: present when that mode is on (optional)
 */

const first = (doc, sels) => {
  for (const s of sels || []) {
    const el = doc.querySelector(s);
    if (el) return el;
  }
  return null;
};
const any = (doc, sels) => (sels || []).some((s) => doc.querySelector(s));
const count = (doc, sels) => (sels || []).reduce((n, s) => n + doc.querySelectorAll(s).length, 0);
const closestAny = (el, sels) => {
  for (const s of sels || []) {
    const m = el.closest?.(s);
    if (m) return m;
  }
  return null;
};

/** textOf returns the text of a composer, textarea or contenteditable. */
export function textOf(el) {
  if (!el) return '';
  if ('value' in el && (el.tagName === 'TEXTAREA' || el.tagName === 'INPUT')) return el.value;
  return el.innerText ?? el.textContent ?? '';
}

/** charCount counts code points, not UTF-16 units. */
export const charCount = (s) => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

const newId = () => globalThis.crypto?.randomUUID?.() ??
  'id-' + Date.now().toString(36) + Math.random().toString(36).slice(2);

/**
 * makeAdapter builds a site adapter from its data.
 * def: {id, hosts, selectors, quietMs?, maxAnswerMs?}
 */
export function makeAdapter(def) {
  const sel = def.selectors;
  return {
    id: def.id,
    matches: (url) => def.hosts.includes(url.hostname),
    observe(doc, emit, opts = {}) {
      const win = doc.defaultView;
      const now = opts.now || (() => Date.now());
      const quietMs = opts.quietMs ?? def.quietMs ?? 1200;
      const maxAnswerMs = opts.maxAnswerMs ?? def.maxAnswerMs ?? 10 * 60_000;
      const stops = [];
      let lastSendAt = -Infinity;
      let bypassUntil = -Infinity;
      let watch = null; // the answer being watched

      const composer = () => first(doc, sel.composer);
      const inComposer = (t) => {
        const c = composer();
        return !!(c && t && (c === t || c.contains(t)));
      };

      // capture reads what is being sent, before the page clears the composer.
      const capture = () => {
        const text = textOf(composer()).trim();
        let kind = 'text';
        if (any(doc, sel.imageMode)) kind = 'image';
        else if (any(doc, sel.videoMode)) kind = 'video';
        let reasoning = '';
        if (any(doc, sel.deepResearch)) reasoning = 'deep_research';
        else if (any(doc, sel.thinking)) reasoning = 'thinking';
        const modelEl = first(doc, sel.model);
        return {
          id: newId(),
          site: def.id,
          text,
          model: (modelEl?.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 200),
          attachments: count(doc, sel.attachment),
          kind,
          reasoning,
          web_search: any(doc, sel.webSearch),
          at: now(),
          answersBefore: doc.querySelectorAll((sel.answer || []).join(',') || ':not(*)').length,
        };
      };

      const finishWatch = (w) => {
        if (watch !== w) return;
        watch = null;
        w.observer.disconnect();
        clearTimeout(w.timer);
        clearTimeout(w.deadline);
        if (w.el) emit({ type: 'answer', id: w.id, chars: charCount(textOf(w.el).trim()), ms: Math.max(0, w.lastChange - w.sentAt) });
      };

      // watchAnswer follows the answer to a sent prompt: a new assistant
      // message appears and changes while it streams; it has finished when
      // the stop button is gone and nothing changed for quietMs.
      const watchAnswer = (cap) => {
        if (watch) finishWatch(watch);
        const answerSel = (sel.answer || []).join(',');
        if (!answerSel) return;
        const w = { id: cap.id, sentAt: now(), lastChange: now(), el: null, timer: 0, deadline: 0, observer: null };
        const check = () => {
          const all = doc.querySelectorAll(answerSel);
          if (all.length > cap.answersBefore) w.el = all[all.length - 1];
        };
        const settle = () => {
          clearTimeout(w.timer);
          w.timer = win.setTimeout(() => {
            check();
            if (!w.el || any(doc, sel.stop)) return settle();
            finishWatch(w);
          }, quietMs);
        };
        w.observer = new win.MutationObserver((records) => {
          check();
          if (w.el && records.some((r) => w.el.contains(r.target) || r.target.contains?.(w.el))) w.lastChange = now();
          settle();
        });
        w.observer.observe(doc.body, { childList: true, subtree: true, characterData: true });
        w.deadline = win.setTimeout(() => finishWatch(w), maxAnswerMs);
        watch = w;
        settle();
      };

      const resendFor = (cap, trigger) => () => {
        bypassUntil = now() + 400;
        const btn = first(doc, sel.send);
        if (btn && !btn.disabled && btn.getAttribute('aria-disabled') !== 'true') {
          btn.click();
        } else {
          const c = composer();
          const form = c?.closest('form');
          if (trigger === 'submit' && form?.requestSubmit) form.requestSubmit();
          else c?.dispatchEvent(new win.KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', keyCode: 13, which: 13, bubbles: true, cancelable: true }));
        }
        watchAnswer(cap);
      };

      const onSend = (e, trigger) => {
        // Only a person's own gestures count; the page's synthetic events and
        // our own re-sent ones do not.
        if (!e.isTrusted || now() < bypassUntil) return;
        if (now() - lastSendAt < 400) return; // one send seen as click + submit
        const cap = capture();
        if (!cap.text) return;
        lastSendAt = now();
        const held = emit({ type: 'send', capture: cap, resend: resendFor(cap, trigger) }) === true;
        if (held) {
          e.preventDefault();
          e.stopImmediatePropagation();
        } else {
          watchAnswer(cap);
        }
      };

      const onKeydown = (e) => {
        if (e.key !== 'Enter' || e.shiftKey || e.isComposing || e.altKey || e.ctrlKey || e.metaKey) return;
        if (!inComposer(e.target)) return;
        onSend(e, 'enter');
      };
      const onClick = (e) => {
        const btn = closestAny(e.target, sel.send);
        if (!btn || btn.disabled) return;
        onSend(e, 'click');
      };
      const onSubmit = (e) => {
        const c = composer();
        if (c && e.target?.contains?.(c)) onSend(e, 'submit');
      };
      let draftText = null;
      const onInput = (e) => {
        if (!inComposer(e.target)) return;
        const text = textOf(composer()).trim();
        if (text === draftText) return;
        draftText = text;
        emit({ type: 'draft', text });
      };

      // The loader (content/loader.js) registers capture listeners on
      // window synchronously at document_start, before any page script, and
      // forwards to these handlers; without it (unit tests), listen here.
      const hooks = { keydown: onKeydown, click: onClick, submit: onSubmit, input: onInput };
      const intercept = win.frugalIntercept;
      if (intercept) {
        Object.assign(intercept, hooks);
        stops.push(() => Object.keys(hooks).forEach((k) => { intercept[k] = null; }));
      } else {
        for (const [type, fn] of Object.entries(hooks)) {
          win.addEventListener(type, fn, true);
          stops.push(() => win.removeEventListener(type, fn, true));
        }
      }

      // Composer status, checked at most twice a second while the page changes.
      let found = null;
      let pending = 0;
      const report = () => {
        pending = 0;
        const f = !!composer();
        if (f !== found) {
          found = f;
          emit({ type: 'status', composer: f });
        }
      };
      const statusObserver = new win.MutationObserver(() => {
        if (!pending) pending = win.setTimeout(report, 500);
      });
      statusObserver.observe(doc.documentElement, { childList: true, subtree: true });
      report();
      stops.push(() => { statusObserver.disconnect(); clearTimeout(pending); });

      return () => {
        stops.forEach((f) => f());
        if (watch) finishWatch(watch);
      };
    },
  };
}
