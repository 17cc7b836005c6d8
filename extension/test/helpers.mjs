import { parseHTML } from 'linkedom';
import { readFileSync } from 'node:fs';

export const fixture = (site) => parseHTML(readFileSync(new URL(`./fixtures/${site}.html`, import.meta.url), 'utf8'));

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

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
