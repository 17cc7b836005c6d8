// engine.js turns one site's entry of the selector table
// (tracker/capture/selectors.json, format in tracker/capture/README.md) into
// an adapter of the one shape every site has:
//
//   { id, matches(url), observe(doc, emit, opts) → stop }
//
// observe() emits, in order of a prompt's life:
//   {type: 'status', composer: bool}        when the composer appears or goes
//   {type: 'draft', text}                   on each edit of the composer
//   {type: 'send', capture, resend} → bool  at a person's send gesture, before the page sees it;
//                                           return true to hold it (the page never sees it), then
//                                           call resend() to let it through
//   {type: 'sent', capture, via}            the send was confirmed ('dom': the composer emptied and
//                                           a new user turn or answer appeared; 'net': the site's
//                                           completion request started); once per send
//   {type: 'answer', id, chars, ms, timedOut}  that send's answer has ended
//   {type: 'health', event, what?, id?}     for the capture-health counters: event 'send',
//                                           'net_only', 'answer', 'timeout', 'miss' (what: composer,
//                                           send, answer, stop)
//
// The returned stop() also has stop.net(msg) for the background's network
// signal ({phase: 'start'|'end'}) and stop.state() for tests.
//
// The engine reads the page and never writes to it.

const CHECK_MS = 200; // how often an open send or answer is looked at
const STOP_EVERY_MS = 1000; // how often the stop control is looked for while text changes
const WATCH_MS = 400; // how often a streaming answer is looked at
const NET_WINDOW_MS = 3000; // a network start this close to a DOM send is that send
const COMPOSER_MISS_MS = 10_000;
const EMPTY_ALONE_MS = 1000; // composer empty this long with no new turn: still a send

export const DEFAULT_TIMING = Object.freeze({ quiet_ms: 2000, stall_ms: 15_000, max_answer_ms: 600_000, confirm_ms: 5000 });

/** textOf returns the text of a composer, textarea or contenteditable. */
export function textOf(el) {
  if (!el) return '';
  if ('value' in el && (el.tagName === 'TEXTAREA' || el.tagName === 'INPUT')) return el.value;
  return el.innerText ?? el.textContent ?? '';
}

/** charCount counts code points, not UTF-16 units. */
export const charCount = (s) => s.length - (s.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length || 0);

const newId = () => globalThis.crypto?.randomUUID?.() ??
  'id-' + Date.now().toString(36) + Math.random().toString(36).slice(2);

const attrQuote = (v) => '"' + String(v).replace(/["\\]/g, '\\$&') + '"';

const qsa = (root, sel) => {
  try {
    return root.querySelectorAll(sel);
  } catch {
    return [];
  }
};
const qs = (root, sel) => {
  try {
    return root.querySelector(sel);
  } catch {
    return null;
  }
};
const closest = (el, sel) => {
  try {
    return el?.closest?.(sel) || null;
  } catch {
    return null;
  }
};

/**
 * visible says whether a person can see el: not in [hidden] or
 * [aria-hidden="true"], and, where the browser lays the page out, not of
 * zero size (display: none included), not visibility: hidden and not under
 * an ancestor of opacity 0. Without layout (unit tests on linkedom) inline
 * styles stand in for the computed ones.
 */
export function visible(el) {
  if (!el || el.isConnected === false) return false;
  if (closest(el, '[hidden],[aria-hidden="true"]')) return false;
  const win = el.ownerDocument?.defaultView;
  if (typeof el.offsetParent !== 'undefined' && typeof win?.getComputedStyle === 'function') {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    if (win.getComputedStyle(el).visibility === 'hidden') return false;
    for (let e = el, i = 0; e && e.nodeType === 1 && i < 12; e = e.parentElement, i++) {
      if (win.getComputedStyle(e).opacity === '0') return false;
    }
    return true;
  }
  for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
    const s = e.getAttribute('style') || '';
    if (/display:\s*none|visibility:\s*hidden|opacity:\s*0(?![.\d])/.test(s)) return false;
    if (e === el && /(^|;)\s*width:\s*0(px)?\s*(;|$)/.test(s) && /(^|;)\s*height:\s*0(px)?\s*(;|$)/.test(s)) return false;
  }
  return true;
}

const disabled = (el) => !!(el.disabled || closest(el, '[aria-disabled="true"],[disabled]'));

/**
 * resolve returns the elements one matcher designates (see the README):
 * a CSS string, {css, has, not_has, attr_equals, attr_differs, enabled}, or
 * {near_composer, levels, pick}.
 */
export function resolve(doc, m, composerEl) {
  if (typeof m === 'string') return [...qsa(doc, m)];
  if (!m || typeof m !== 'object') return [];
  if (m.near_composer) {
    if (!composerEl) return [];
    let a = composerEl.parentElement;
    for (let i = 0; a && i < (m.levels || 4); i++, a = a.parentElement) {
      const found = [...qsa(a, m.near_composer)].filter((b) => !composerEl.contains(b));
      if (found.length) return [m.pick === 'first' ? found[0] : found[found.length - 1]];
    }
    return [];
  }
  return [...qsa(doc, m.css)].filter((el) => {
    if (m.has && !qs(el, m.has)) return false;
    if (m.not_has && qs(el, m.not_has)) return false;
    if (m.attr_equals && el.getAttribute(m.attr_equals[0]) !== el.getAttribute(m.attr_equals[1])) return false;
    if (m.attr_differs && el.getAttribute(m.attr_differs[0]) === el.getAttribute(m.attr_differs[1])) return false;
    if (m.enabled && disabled(el)) return false;
    return true;
  });
}

const firstVisible = (doc, list, composerEl) => {
  for (const m of list || []) {
    for (const el of resolve(doc, m, composerEl)) if (visible(el)) return el;
  }
  return null;
};
const anyMatch = (doc, list) => (list || []).some((s) => qs(doc, s));
const countAll = (doc, list) => (list || []).reduce((n, s) => n + qsa(doc, s).length, 0);

/**
 * answerText is an answer's text as shown: its answer_text parts (or the
 * whole answer) without the answer_exclude parts (reasoning), white space
 * collapsed.
 */
function answerRoots(el, site) {
  let roots = [];
  for (const s of site.answer_text || []) {
    try {
      if (el.matches(s)) roots.push(el);
    } catch { /* bad selector: skip */ }
    roots.push(...qsa(el, s));
  }
  roots = roots.filter((r, i) => roots.indexOf(r) === i && !roots.some((o) => o !== r && o.contains(r)));
  if (!roots.length) roots = [el];
  return roots;
}

/**
 * answerSize is a cheap measure of an answer's text (no layout, no walk in
 * script): the length of its text parts without the excluded ones. It
 * changes when the text does; answerText gives the text itself.
 */
export function answerSize(el, site) {
  if (!el) return 0;
  const ex = (site.answer_exclude || []).join(',');
  let n = 0;
  for (const root of answerRoots(el, site)) {
    n += root.textContent.length;
    if (ex) for (const x of qsa(root, ex)) n -= x.textContent.length;
  }
  return n;
}

export function answerText(el, site) {
  if (!el) return '';
  const roots = answerRoots(el, site);
  const ex = (site.answer_exclude || []).join(',');
  let out = '';
  for (const root of roots) {
    const doc = root.ownerDocument;
    const walker = doc.createTreeWalker(root, 4 /* SHOW_TEXT */);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (ex && closest(n.parentElement, ex)) continue;
      out += n.data;
    }
    out += ' ';
  }
  return out.replace(/\s+/g, ' ').trim();
}

/**
 * makeAdapter builds the adapter of one site.
 * id: the site id; site: its entry in the table; defaults: the table's
 * defaults. site.generic (set only by generic.js) turns on the generic
 * composer and answer rules.
 */
export function makeAdapter(id, site, defaults = {}) {
  const timing = { ...DEFAULT_TIMING, ...defaults };
  for (const k of Object.keys(DEFAULT_TIMING)) if (Number.isFinite(site[k])) timing[k] = site[k];
  const hosts = site.hosts || [];
  return {
    id,
    name: site.name || id,
    matches: (url) => site.matchAll === true || hosts.includes(url.hostname),
    observe: (doc, emit, opts = {}) => observe(id, site, { ...timing, ...(opts.timing || {}) }, doc, emit, opts),
  };
}

function observe(siteId, site, timing, doc, emit, opts) {
  const win = doc.defaultView;
  const clock = opts.clock || {
    now: () => Date.now(),
    setTimeout: (f, ms) => win.setTimeout(f, ms),
    clearTimeout: (t) => win.clearTimeout(t),
  };
  const now = () => clock.now();
  const answerSel = (site.answer || []).join(',');
  const userSel = (site.user_turn || []).join(',');
  const stops = [];
  const health = (event, what, id) => emit({ type: 'health', event, ...(what ? { what } : {}), ...(id ? { id } : {}) });

  let focusedEditor = null; // generic: the last large editor the person used
  let composerCache = null;
  const composer = () => {
    if (site.generic) return genericComposer(doc, focusedEditor);
    composerCache = firstVisible(doc, site.composer);
    return composerCache;
  };
  // cheapComposer: the composer found last while it stays in the page (no
  // layout), for the status report.
  const cheapComposer = () => (composerCache?.isConnected ? composerCache : composer());
  const inComposer = (t) => {
    const c = cheapComposer();
    if (c && t && (c === t || c.contains(t))) return true;
    const f = composer(); // the page may have swapped composers
    return !!(f && f !== c && t && (f === t || f.contains(t)));
  };
  // The send controls, never one that is the stop control right now (on
  // several sites the same button is both).
  const sendControls = (c) => {
    const out = [];
    for (const m of site.send || []) out.push(...resolve(doc, m, c));
    if (!out.length) return out;
    const stopsNow = [];
    for (const m of site.stop || []) stopsNow.push(...resolve(doc, m, c));
    return out.filter((b) => !stopsNow.some((x) => x === b || b.contains(x) || x.contains(b)));
  };

  // capture reads what is being sent, before the page clears the composer.
  const capture = (text, sendFound) => {
    let kind = 'text';
    if (anyMatch(doc, site.image_mode)) kind = 'image';
    else if (anyMatch(doc, site.video_mode)) kind = 'video';
    let reasoning = '';
    if (anyMatch(doc, site.deep_research)) reasoning = 'deep_research';
    else if (anyMatch(doc, site.thinking)) reasoning = 'thinking';
    let modelEl = null;
    for (const s of site.model || []) if ((modelEl = qs(doc, s))) break;
    return {
      id: newId(),
      site: siteId,
      text,
      model: (modelEl?.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 200),
      attachments: countAll(doc, site.attachment),
      kind,
      reasoning,
      web_search: site.web_search_always === true || anyMatch(doc, site.web_search),
      at: now(),
      sendFound,
    };
  };

  // Identity of answers: an answer element's id is the first answer_id
  // attribute found on it, on a descendant, or on an ancestor (not for the
  // plain id attribute, which the page's containers have too).
  const idOf = (el) => {
    for (const a of site.answer_id || []) {
      const v = el.getAttribute?.(a) || qs(el, `[${a}]`)?.getAttribute(a) ||
        (a !== 'id' ? closest(el.parentElement, `[${a}]`)?.getAttribute(a) : '');
      if (v) return a + '=' + v;
    }
    return '';
  };
  const findById = (key) => {
    const i = key.indexOf('=');
    const attr = key.slice(0, i);
    const el = qs(doc, `[${attr}=${attrQuote(key.slice(i + 1))}]`);
    if (!el) return null;
    if (closest(el, answerSel)) return closest(el, answerSel);
    return qs(el, answerSel) || null;
  };
  const snapshotAnswers = () => {
    const els = new Map();
    const ids = new Set();
    if (answerSel) {
      for (const el of qsa(doc, answerSel)) {
        els.set(el, el.textContent);
        const i = idOf(el);
        if (i) ids.add(i);
      }
    }
    return { els, ids };
  };
  // newAnswer is the lowest answer element that was not there at the send
  // (or whose id was not: a recycled node).
  const newAnswer = (snap) => {
    if (!answerSel) return null;
    const all = qsa(doc, answerSel);
    for (let k = all.length - 1; k >= 0; k--) {
      const el = all[k];
      const i = idOf(el);
      if (i ? !snap.ids.has(i) : !snap.els.has(el) || snap.els.get(el) !== el.textContent) return el;
    }
    return null;
  };
  const snapshotUsers = () => {
    const m = new Map();
    if (userSel) for (const el of qsa(doc, userSel)) m.set(el, el.textContent);
    return m;
  };
  const newUserTurn = (snap) => {
    if (!userSel) return false;
    for (const el of qsa(doc, userSel)) {
      if (!snap.has(el) || snap.get(el) !== el.textContent) return true;
    }
    return false;
  };

  let tickTimer = 0;
  let mutAt = now();
  let mutFirst = 0; // the first mutation since the last tick
  let pending = null; // a send gesture waiting to be confirmed
  let watch = null; // the answer being followed
  let lastConfirmAt = -Infinity;
  let lastDraft = '';
  let draftSnap = null; // the answers there when the current draft was started
  let bypassUntil = -Infinity;
  let stopped = false;
  let collected = null; // generic: elements added since the send

  const schedule = () => {
    if (stopped || tickTimer || (!pending && !watch)) return;
    tickTimer = clock.setTimeout(tick, pending ? CHECK_MS : WATCH_MS);
  };

  // ---- sends -------------------------------------------------------------

  const startPending = (cap) => {
    pending = { cap, at: now(), users: snapshotUsers(), answers: snapshotAnswers(), emptySince: 0 };
    mutFirst = 0;
    if (site.generic) collected = [];
    schedule();
  };

  const confirm = (p, via) => {
    if (pending !== p) return;
    pending = null;
    lastConfirmAt = now();
    lastDraft = '';
    draftSnap = null;
    emit({ type: 'sent', capture: p.cap, via });
    health(via === 'net' && p.netOnly ? 'net_only' : 'send', '', p.cap.id);
    if (!p.netOnly && !p.cap.sendFound) health('miss', 'send', p.cap.id);
    startWatch(p.cap, p.answers);
  };

  const checkPending = () => {
    const p = pending;
    if (!p) return;
    const c = composer();
    const empty = !c || textOf(c).trim() === '';
    if (empty) {
      if (!p.emptySince) p.emptySince = now();
      if (site.generic || newUserTurn(p.users) || newAnswer(p.answers)) return confirm(p, 'dom');
      if (now() - p.emptySince >= EMPTY_ALONE_MS) return confirm(p, 'dom');
    } else p.emptySince = 0;
    if (now() - p.at > timing.confirm_ms) pending = null; // blocked: not a send
  };

  const resendFor = (cap, trigger) => () => {
    if (stopped) return;
    bypassUntil = now() + 400;
    const c = composer();
    const btn = sendControls(c).find((b) => visible(b) && !disabled(b));
    startPending(cap);
    if (btn) {
      btn.click();
    } else {
      const form = c?.closest('form');
      if (trigger === 'submit' && form?.requestSubmit) form.requestSubmit();
      else {
        const mod = trigger === 'ctrl-enter' ? { ctrlKey: true } : trigger === 'cmd-enter' ? { metaKey: true } : {};
        c?.dispatchEvent(new win.KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', keyCode: 13, which: 13, bubbles: true, cancelable: true, ...mod }));
      }
    }
    checkPending();
  };

  const onGesture = (e, trigger, sendFound) => {
    // Only a person's own gestures count; the page's synthetic events and
    // our own re-sent ones do not (the network signal catches the rest).
    if (!e.isTrusted || now() < bypassUntil) return;
    const c = composer();
    const text = textOf(c).trim();
    if (!text) return;
    if (pending && pending.cap.text === text) return; // the same send seen twice (click + submit)
    const cap = capture(text, sendFound);
    cap.trigger = trigger;
    const held = emit({ type: 'send', capture: cap, resend: resendFor(cap, trigger) }) === true;
    if (held) {
      e.preventDefault();
      e.stopImmediatePropagation();
    } else {
      startPending(cap);
    }
  };

  const onKeydown = (e) => {
    if (e.key !== 'Enter' || e.shiftKey || e.altKey || e.isComposing || e.keyCode === 229) return;
    if (!inComposer(e.target)) return;
    const trigger = e.ctrlKey ? 'ctrl-enter' : e.metaKey ? 'cmd-enter' : 'enter';
    const c = composer();
    onGesture(e, trigger, sendControls(c).some((b) => visible(b)));
  };
  const onClick = (e) => {
    const t = e.target;
    if (!t || t.nodeType !== 1 && t.nodeType !== 3) return;
    const btn = sendControls(composer()).find((b) => b === t || b.contains(t));
    if (!btn || disabled(btn)) return;
    onGesture(e, 'click', true);
  };
  const onSubmit = (e) => {
    const c = composer();
    if (c && e.target?.contains?.(c)) onGesture(e, 'submit', true);
  };
  const onInput = (e) => {
    if (site.generic && isEditor(e.target)) focusedEditor = editorOf(e.target);
    if (!inComposer(e.target)) return;
    const text = textOf(cheapComposer()).trim();
    if (text && !lastDraft) draftSnap = snapshotAnswers(); // the thread before this prompt
    if (text) lastDraft = text;
    emit({ type: 'draft', text });
  };
  const onFocusIn = (e) => {
    if (site.generic && isEditor(e.target)) focusedEditor = editorOf(e.target);
  };

  // ---- answers -----------------------------------------------------------

  const startWatch = (cap, answers) => {
    if (watch) finish(watch, false);
    watch = {
      id: cap.id, text: '', size: 0, el: null, gone: null, key: '', startedAt: now(), firstChange: 0, lastChange: 0,
      stopSeen: false, stopCheckedAt: -Infinity, netEnded: false, answers, prompt: cap.text,
      added: site.generic ? (collected || (collected = [])) : null,
    };
    mutFirst = 0;
    schedule();
  };

  // locate keeps hold of the watched answer: the new element, re-found by
  // its id when the site re-renders or recycles it, kept as last seen when
  // it leaves the DOM (an old turn scrolled away).
  const locate = (w) => {
    if (site.generic) return genericAnswer(w);
    if (w.el) {
      if (w.key) {
        if (w.el.isConnected && idOf(w.el) === w.key) return w.el;
        if (!w.el.isConnected && idOf(w.el) === w.key) w.gone = w.el; // unmounted, text intact
        w.el = findById(w.key);
        if (w.el) w.gone = null;
        return w.el;
      }
      if (w.el.isConnected) return w.el;
      w.gone = w.el;
      w.el = null;
    }
    const el = newAnswer(w.answers);
    if (el) {
      w.el = el;
      w.key = idOf(el);
    }
    return w.el;
  };

  const genericAnswer = (w) => {
    let best = null;
    let bestLen = 0;
    const c = composer();
    const p = w.prompt.replace(/\s+/g, ' ').trim();
    for (const el of w.added) {
      if (!el.isConnected || (c && (el.contains(c) || c.contains(el)))) continue;
      // the text beyond the prompt's own (a block holding the user turn too)
      const t = el.textContent.replace(/\s+/g, ' ');
      const len = t.length - (p && t.includes(p) ? p.length : 0);
      if (len > bestLen) { best = el; bestLen = len; }
    }
    w.el = best;
    return best;
  };
  const genericText = (w, el) => {
    let t = answerText(el, site);
    const p = w.prompt.replace(/\s+/g, ' ').trim();
    if (p && t.includes(p)) t = t.replace(p, '').trim();
    return t;
  };

  const doneMarker = (w) => {
    if (!w.el || !(site.done || []).length) return false;
    const done = site.done.join(',');
    if (closest(w.el, done)) return true;
    let turn = null;
    for (const s of site.turn || []) if ((turn = closest(w.el, s))) break;
    return !!qs(turn || w.el, done);
  };
  const stopVisible = () => firstVisible(doc, site.stop, composer()) !== null;

  const finish = (w, timedOut) => {
    if (watch !== w) return;
    watch = null;
    if (!pending) collected = null;
    if (!w.size && !w.el && !w.gone) {
      health('miss', 'answer', w.id);
      health('timeout', '', w.id);
      return;
    }
    const src = w.el || w.gone;
    if (src) {
      const t = site.generic ? genericText(w, src) : answerText(src, site);
      if (t) w.text = t;
    }
    emit({ type: 'answer', id: w.id, chars: charCount(w.text), ms: Math.max(0, w.lastChange - w.firstChange), timedOut });
    health(timedOut ? 'timeout' : 'answer', '', w.id);
    if (!w.stopSeen && (site.stop || []).length && !timedOut) health('miss', 'stop', w.id);
  };

  const checkWatch = () => {
    const w = watch;
    if (!w) return;
    const t = now();
    const el = locate(w);
    if (el) {
      // While it streams, only the size of the text is read (cheap); the
      // text itself at the end (from the detached node if it unmounted).
      const size = site.generic ? genericText(w, el).length : answerSize(el, site);
      if (size !== w.size && (size || !w.size)) {
        w.size = size;
        if (size) {
          if (!w.firstChange) w.firstChange = Math.min(mutFirst || mutAt, mutAt, t);
          w.lastChange = Math.max(mutAt, w.firstChange);
        }
      }
    }
    if (t - w.startedAt > timing.max_answer_ms) return finish(w, true);
    if (!w.size) return;
    const quiet = t - w.lastChange >= timing.quiet_ms;
    if (!quiet) {
      // Seen at all (no layout while the page streams); visibility is
      // checked once the text is quiet.
      if (!w.stopSeen && t - w.stopCheckedAt >= STOP_EVERY_MS) {
        w.stopCheckedAt = t;
        if ((site.stop || []).some((m) => resolve(doc, m, composerCache).length)) w.stopSeen = true;
      }
      return;
    }
    const stop = stopVisible();
    if (stop) w.stopSeen = true;
    if (!stop || doneMarker(w) || w.netEnded) finish(w, false);
  };

  function tick() {
    tickTimer = 0;
    if (stopped) return;
    checkPending();
    checkWatch();
    mutFirst = 0;
    schedule();
  }

  // ---- the network signal (background/network.js) ------------------------

  const onNet = (msg) => {
    if (stopped || !msg) return;
    if (msg.phase === 'start') {
      if (pending) return confirm(pending, 'net');
      if (now() - lastConfirmAt < NET_WINDOW_MS) return; // the DOM has it already
      // A send the DOM missed (the site's own shortcut, a synthetic event):
      // recorded once, with the last draft seen.
      const cap = capture(lastDraft, false);
      cap.trigger = 'net';
      pending = { cap, at: now(), users: snapshotUsers(), answers: draftSnap || snapshotAnswers(), netOnly: true };
      draftSnap = null;
      confirm(pending, 'net');
    } else if (msg.phase === 'end') {
      if (watch) {
        watch.netEnded = true;
        schedule();
      }
    }
  };

  // ---- listeners ---------------------------------------------------------

  // The loader (content/loader.js) registers capture listeners on window
  // synchronously at document_start, before any page script, and forwards
  // to these handlers; without it (unit tests, generic injection), listen here.
  const hooks = { keydown: onKeydown, click: onClick, submit: onSubmit, input: onInput, focusin: onFocusIn };
  const intercept = opts.intercept === false ? null : win.frugalIntercept;
  if (intercept) {
    Object.assign(intercept, hooks);
    stops.push(() => Object.keys(hooks).forEach((k) => { intercept[k] = null; }));
  } else {
    for (const [type, fn] of Object.entries(hooks)) {
      win.addEventListener(type, fn, true);
      stops.push(() => win.removeEventListener(type, fn, true));
    }
  }

  // One observer for the whole page; its callback only notes the time (and,
  // for the generic adapter, new blocks): the work is done by tick().
  let found = null;
  let statusTimer = 0;
  const report = () => {
    statusTimer = 0;
    const f = !!cheapComposer();
    if (f !== found) {
      found = f;
      emit({ type: 'status', composer: f });
    }
  };
  const observer = new win.MutationObserver((records) => {
    mutAt = now();
    if (!mutFirst) mutFirst = mutAt;
    if (collected) {
      for (const r of records) {
        for (const n of r.addedNodes) if (n.nodeType === 1 && collected.length < 500) collected.push(n);
      }
    }
    if (pending || watch) schedule();
    if (!statusTimer) statusTimer = clock.setTimeout(report, 500);
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true, attributes: true,
    attributeFilter: ['data-is-streaming', 'aria-label', 'aria-disabled', 'aria-hidden', 'hidden', 'disabled', 'data-message-id'] });
  report();
  const missTimer = clock.setTimeout(() => { if (!composer()) health('miss', 'composer'); }, COMPOSER_MISS_MS);
  stops.push(() => {
    observer.disconnect();
    clock.clearTimeout(statusTimer);
    clock.clearTimeout(missTimer);
    clock.clearTimeout(tickTimer);
  });

  const stop = () => {
    if (watch) finish(watch, false);
    stopped = true;
    stops.forEach((f) => f());
  };
  stop.net = onNet;
  stop.state = () => ({ pending: !!pending, watching: !!watch, answerEl: watch?.el || null });
  return stop;
}

// ---- the generic adapter's composer ---------------------------------------

const EDITOR = 'textarea, [contenteditable=""], [contenteditable="true"], [contenteditable="plaintext-only"]';
const isEditor = (el) => !!(el && el.nodeType === 1 && closest(el, EDITOR));
const editorOf = (el) => closest(el, EDITOR);
const bigEnough = (el) => {
  if (typeof el.offsetParent === 'undefined') return true; // no layout (unit tests)
  const r = el.getBoundingClientRect();
  return r.width >= 200 && r.height >= 20;
};

/** genericComposer: the large editor last used, or the largest visible one. */
export function genericComposer(doc, focused) {
  if (focused && focused.isConnected && visible(focused)) return focused;
  let best = null;
  let area = -1;
  for (const el of qsa(doc, EDITOR)) {
    if (!visible(el) || !bigEnough(el)) continue;
    const r = typeof el.offsetParent === 'undefined' ? { width: 1, height: 1 } : el.getBoundingClientRect();
    if (r.width * r.height > area) { best = el; area = r.width * r.height; }
  }
  return best;
}
