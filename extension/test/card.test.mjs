import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHTML } from 'linkedom';
import { showCard } from '../src/content/card.js';
import { lang } from '../src/content/i18n.js';

const verdict = { category: 'calculation', tool: 'calculator', url: 'https://duckduckgo.com/?q=17%25+of+240', answer: '40.8' };
const page = () => parseHTML('<!doctype html><html><body><p id="x">page</p></body></html>');

test('the card is ARIA labelled, in a shadow root, and each action ends it once', () => {
  for (const [sel, want] of [['[data-action="sent_anyway"]', 'sent_anyway'], ['[data-action="nudge_off"]', 'nudge_off'],
    ['[data-action="followed"]', 'followed'], ['[data-action="use-answer"]', 'followed'], ['[data-action="cancelled"]', 'cancelled']]) {
    const { document } = page();
    const got = [];
    showCard(document, { verdict, lang: 'en', onAction: (a) => got.push(a) });
    const host = document.querySelector('[data-frugal="card"]');
    const root = host.shadowRoot;
    const dialog = root.querySelector('[role="dialog"]');
    assert.equal(dialog.getAttribute('aria-labelledby'), 'frugal-title');
    assert.match(root.querySelector('#frugal-desc').textContent, /calculation/);
    assert.match(dialog.textContent, /40\.8/);
    root.querySelector(sel).click();
    root.querySelector(sel)?.click();
    assert.deepEqual(got, [want]);
    assert.equal(document.querySelector('[data-frugal="card"]'), null, 'card removed');
    assert.equal(document.querySelector('#x').textContent, 'page', 'page untouched');
  }
});

test('Escape cancels', () => {
  const { window, document } = page();
  const got = [];
  showCard(document, { verdict, lang: 'fr', onAction: (a) => got.push(a) });
  const root = document.querySelector('[data-frugal="card"]').shadowRoot;
  assert.match(root.querySelector('[role="dialog"]').textContent, /Envoyer quand même/);
  const e = new window.Event('keydown', { bubbles: true, cancelable: true });
  e.key = 'Escape';
  root.querySelector('[data-action="sent_anyway"]').dispatchEvent(e);
  assert.deepEqual(got, ['cancelled']);
});

test('the language follows the browser', () => {
  assert.equal(lang({ language: 'fr-CA' }), 'fr');
  assert.equal(lang({ language: 'en-GB' }), 'en');
  assert.equal(lang({ language: 'de' }), 'en');
});
