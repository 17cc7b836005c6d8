import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHTML } from 'linkedom';
import { readFileSync } from 'node:fs';
import { renderCapture, siteName } from '../src/popup/capture.js';
import { useLocale } from './helpers.mjs';

const html = readFileSync(new URL('../src/popup/popup.html', import.meta.url), 'utf8');

function setup({ url = 'https://chat.example.org/c/1', tracked = false, grant = true } = {}) {
  const { document } = parseHTML(html);
  const calls = [];
  const api = {
    tabs: { query: async () => [{ id: 9, url }] },
    permissions: { request: async (p) => { calls.push(['request', p]); return grant; } },
    runtime: {
      sendMessage: async (m) => {
        calls.push([m.type, m]);
        if (m.type === 'popup-bg-tracked') return { tracked, origin: new URL(url).origin };
        return { ok: true };
      },
    },
  };
  return { document, api, calls };
}

test('degraded sites and a refused table are shown, in English and French', async () => {
  for (const [l, degraded, refused] of [
    ['en', 'capture degraded on Claude, chat.example.org', 'Frugal does not use /d/selectors.json: bad'],
    ['fr', 'capture dégradée sur Claude, chat.example.org', "Frugal n'utilise pas /d/selectors.json : bad"],
  ]) {
    useLocale(l);
    const { document, api } = setup();
    const state = { degraded: ['claude', 'generic:chat.example.org'], rejected: { from: 'file', path: '/d/selectors.json', reason: 'bad' } };
    await renderCapture({ doc: document, api, state, knownSite: true });
    assert.equal(document.getElementById('degraded').hidden, false);
    assert.equal(document.getElementById('degraded').textContent, degraded);
    assert.equal(document.getElementById('table-rejected').textContent, refused);
    assert.equal(document.getElementById('track').hidden, true, 'a supported site needs no tracking');
  }
  useLocale('en');
  const { document, api } = setup();
  await renderCapture({ doc: document, api, state: { degraded: [], rejected: null }, knownSite: true });
  assert.equal(document.getElementById('degraded').hidden, true);
  assert.equal(document.getElementById('table-rejected').hidden, true);
});

test('Track this site asks for that one origin first, then tells the worker', async () => {
  useLocale('en');
  const { document, api, calls } = setup();
  let rerendered = 0;
  await renderCapture({ doc: document, api, state: {}, knownSite: false, rerender: () => rerendered++ });
  const btn = document.getElementById('track');
  assert.equal(btn.hidden, false);
  assert.equal(btn.textContent, 'Track this site');
  calls.length = 0;
  await btn.onclick();
  assert.deepEqual(calls.map((c) => c[0]), ['request', 'popup-bg-track']);
  assert.deepEqual(calls[0][1], { origins: ['https://chat.example.org/*'] });
  assert.deepEqual(calls[1][1], { type: 'popup-bg-track', url: 'https://chat.example.org/c/1', tabId: 9 });
  assert.equal(rerendered, 1);
});

test('a refused permission tracks nothing', async () => {
  useLocale('fr');
  const { document, api, calls } = setup({ grant: false });
  await renderCapture({ doc: document, api, state: {}, knownSite: false });
  calls.length = 0;
  await document.getElementById('track').onclick();
  assert.deepEqual(calls.map((c) => c[0]), ['request']);
  assert.equal(document.getElementById('track').textContent, "Autorisation refusée : ce site n'est pas suivi");
});

test('Stop tracking this site on a tracked origin; nothing on browser pages', async () => {
  useLocale('en');
  const { document, api, calls } = setup({ tracked: true });
  await renderCapture({ doc: document, api, state: {}, knownSite: false });
  const btn = document.getElementById('track');
  assert.equal(btn.textContent, 'Stop tracking this site');
  calls.length = 0;
  await btn.onclick();
  assert.deepEqual(calls.map((c) => c[0]), ['popup-bg-untrack']);
  const other = setup({ url: 'chrome://extensions/' });
  await renderCapture({ doc: other.document, api: other.api, state: {}, knownSite: false });
  assert.equal(other.document.getElementById('track').hidden, true);
});

test('a health key is shown by the site\'s name from defs, an older id too', () => {
  assert.equal(siteName('lechat'), 'Le Chat');
  assert.equal(siteName('mistral'), 'Le Chat');
  assert.equal(siteName('generic:chat.example.org'), 'chat.example.org');
  assert.equal(siteName('other'), 'other');
});
