// card.js shows the nudge card in a shadow root, so the page's styles and
// scripts neither change it nor are changed by it.
import { strings } from './i18n.js';

const CSS = `
:host { all: initial; }
.card { position: fixed; right: 16px; bottom: 96px; z-index: 2147483647; max-width: 360px;
  font: 14px/1.4 system-ui, sans-serif; color: #1b1b1b; background: #fff; border: 1px solid #9aa;
  border-radius: 10px; box-shadow: 0 6px 24px rgba(0,0,0,.18); padding: 14px 16px; }
h2 { font-size: 15px; margin: 0 0 6px; }
p { margin: 4px 0; }
.answer { font-weight: 600; }
.row { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 10px; }
button, a { font: inherit; border-radius: 6px; padding: 6px 10px; border: 1px solid #577; background: #f3f7f6;
  color: #123; cursor: pointer; text-decoration: none; }
a.primary { background: #1f6f5c; color: #fff; border-color: #1f6f5c; }
button:focus-visible, a:focus-visible { outline: 3px solid #1a73e8; outline-offset: 2px; }
.x { position: absolute; top: 6px; right: 6px; border: none; background: none; font-size: 18px; padding: 2px 6px; }
@media (prefers-color-scheme: dark) {
  .card { background: #1e2323; color: #eee; border-color: #566; }
  button, a { background: #2a3131; color: #eee; border-color: #6a7; }
}`;

/**
 * showCard shows the card for a held send. onAction receives one of
 * 'followed', 'sent_anyway', 'nudge_off', 'cancelled', exactly once.
 * It returns a function that removes the card without an action.
 */
export function showCard(doc, { verdict, lang, onAction }) {
  const t = strings(lang);
  const host = doc.createElement('div');
  host.setAttribute('data-frugal', 'card');
  const root = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = CSS;
  const card = doc.createElement('div');
  card.className = 'card';
  card.setAttribute('role', 'dialog');
  card.setAttribute('aria-modal', 'false');
  card.setAttribute('aria-labelledby', 'frugal-title');
  card.setAttribute('aria-describedby', 'frugal-desc');
  const el = (tag, props = {}, text = '') => {
    const e = doc.createElement(tag);
    for (const [k, v] of Object.entries(props)) e.setAttribute(k, v);
    if (text) e.textContent = text;
    return e;
  };
  const title = el('h2', { id: 'frugal-title' }, t.title);
  const desc = el('p', { id: 'frugal-desc' }, t.looksLike(t.categories[verdict.category] || verdict.category));
  card.append(title, desc);
  if (verdict.answer) {
    card.append(el('p', { class: 'answer', 'data-action': 'answer' }, `${t.answer}: ${verdict.answer}`));
  }
  if (verdict.note) card.append(el('p', {}, verdict.note));
  const row = el('div', { class: 'row' });
  let done = false;
  const finish = (action) => {
    if (done) return;
    done = true;
    host.remove();
    onAction(action);
  };
  const buttons = [];
  if (verdict.url && /^https:\/\//.test(verdict.url)) {
    const a = el('a', { href: verdict.url, target: '_blank', rel: 'noopener noreferrer', class: 'primary', 'data-action': 'followed' },
      t.open(verdict.tool || verdict.url));
    a.addEventListener('click', () => finish('followed'));
    buttons.push(a);
  }
  if (verdict.answer) {
    const b = el('button', { type: 'button', 'data-action': 'use-answer' }, t.useAnswer);
    b.addEventListener('click', () => finish('followed'));
    buttons.push(b);
  }
  const anyway = el('button', { type: 'button', 'data-action': 'sent_anyway' }, t.sendAnyway);
  anyway.addEventListener('click', () => finish('sent_anyway'));
  const off = el('button', { type: 'button', 'data-action': 'nudge_off' }, t.dontSuggest);
  off.addEventListener('click', () => finish('nudge_off'));
  buttons.push(anyway, off);
  row.append(...buttons);
  const x = el('button', { type: 'button', class: 'x', 'aria-label': t.close, 'data-action': 'cancelled' }, '×');
  x.addEventListener('click', () => finish('cancelled'));
  card.append(row, x);
  card.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      finish('cancelled');
    }
  });
  root.append(style, card);
  doc.documentElement.append(host);
  (buttons[0] || anyway).focus();
  return () => {
    done = true;
    host.remove();
  };
}
