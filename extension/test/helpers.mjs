import { parseHTML } from 'linkedom';
import { readFileSync } from 'node:fs';

export const fixture = (site) => parseHTML(readFileSync(new URL(`./fixtures/${site}.html`, import.meta.url), 'utf8'));

/** The selector table the extension is built with (tracker/capture/selectors.json). */
export const TABLE = JSON.parse(readFileSync(new URL('../../tracker/capture/selectors.json', import.meta.url), 'utf8'));

/** trusted makes an event that looks like a person's own (isTrusted). */
export function trusted(window, type, props = {}) {
  const e = new window.Event(type, { bubbles: true, cancelable: true });
  Object.defineProperty(e, 'isTrusted', { value: true });
  Object.assign(e, props);
  return e;
}

/** setText puts text in a composer, textarea or contenteditable, and fires input. */
export function setText(window, el, text) {
  if (el.tagName === 'TEXTAREA') el.value = text;
  else {
    el.innerHTML = '';
    const p = el.ownerDocument.createElement('p');
    p.textContent = text;
    el.append(p);
  }
  el.dispatchEvent(trusted(window, 'input'));
}

/** messages is one _locales folder's messages.json. */
export const messages = (l) => JSON.parse(readFileSync(new URL(`../_locales/${l}/messages.json`, import.meta.url), 'utf8'));

/**
 * useLocale makes globalThis.chrome.i18n serve one _locales folder:
 * getMessage fills $1…$9 as the browsers do, and returns '' for an unknown name.
 */
export function useLocale(l) {
  const m = messages(l);
  globalThis.chrome = {
    i18n: {
      getUILanguage: () => l,
      getMessage: (name, subs = []) => (m[name] ? m[name].message.replace(/\$(\d)/g, (_, i) => subs[i - 1] ?? '') : ''),
    },
  };
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const microtasks = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

/**
 * fakeClock is a clock the engine can be given (opts.clock): time moves
 * only when the test calls advance(ms), which runs the timers due, in
 * order, letting the DOM's mutation callbacks (microtasks) run in between.
 */
export function fakeClock(start = 1_000_000) {
  let t = start;
  let seq = 0;
  const timers = new Map();
  const clock = {
    now: () => t,
    setTimeout: (f, ms) => { const id = ++seq; timers.set(id, { at: t + Math.max(0, ms || 0), f }); return id; },
    clearTimeout: (id) => { timers.delete(id); },
    async advance(ms) {
      const end = t + ms;
      await microtasks();
      for (;;) {
        let next = null;
        for (const [id, x] of timers) if (x.at <= end && (!next || x.at < next[1].at)) next = [id, x];
        if (!next) break;
        timers.delete(next[0]);
        t = next[1].at;
        next[1].f();
        await microtasks();
      }
      t = end;
      await microtasks();
    },
  };
  return clock;
}
