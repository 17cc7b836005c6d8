import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';

import { messages, useLocale } from './helpers.mjs';
const { plural, t } = await import('../src/shared/i18n.js');
const LOCALES = readdirSync(new URL('../_locales/', import.meta.url)).sort();

test('English and French have the same messages, and every counted one has _one and _other', () => {
  assert.deepEqual(LOCALES, ['en', 'fr']);
  const en = Object.keys(messages('en')).sort();
  assert.deepEqual(Object.keys(messages('fr')).sort(), en);
  for (const name of en) {
    const m = /^(.*)_(zero|one|two|few|many|other)$/.exec(name);
    if (m) for (const f of ['one', 'other']) assert.ok(en.includes(`${m[1]}_${f}`), `${m[1]}_${f}`);
  }
  for (const l of LOCALES) {
    for (const [name, v] of Object.entries(messages(l))) assert.match(name, /^[A-Za-z0-9_]+$/, `${l} ${name}`);
    for (const v of Object.values(messages(l))) assert.equal(typeof v.message, 'string');
  }
});

// Every counted string at 0, 1, 1.5 and 2 in both languages, as the popup shows it.
const counted = [...new Set(Object.keys(messages('en')).map((n) => /^(.*)_(?:one|other)$/.exec(n)?.[1]).filter(Boolean))].sort();
const expected = {
  en: {
    queued: ['0 requests waiting', '1 request waiting', '1.5 requests waiting', '2 requests waiting'],
    refused: ['0 refused by the app as invalid', '1 refused by the app as invalid', '1.5 refused by the app as invalid', '2 refused by the app as invalid'],
    requests: ['0 AI requests', '1 AI request', '1.5 AI requests', '2 AI requests'],
    retryIn: ['next try in 0 seconds', 'next try in 1 second', 'next try in 1.5 seconds', 'next try in 2 seconds'],
    storageFull: [
      'Browser storage is full: 0 requests are kept in memory only and are lost if the browser closes before the app takes them',
      'Browser storage is full: 1 request is kept in memory only and is lost if the browser closes before the app takes it',
      'Browser storage is full: 1.5 requests are kept in memory only and are lost if the browser closes before the app takes them',
      'Browser storage is full: 2 requests are kept in memory only and are lost if the browser closes before the app takes them'],
    trivial: ['0 of them trivial', '1 of them trivial', '1.5 of them trivial', '2 of them trivial'],
  },
  fr: {
    queued: ['0 requête en attente', '1 requête en attente', '1,5 requête en attente', '2 requêtes en attente'],
    refused: ["0 refusée par l'application (invalide)", "1 refusée par l'application (invalide)", "1,5 refusée par l'application (invalide)", "2 refusées par l'application (invalides)"],
    requests: ['0 requête IA', '1 requête IA', '1,5 requête IA', '2 requêtes IA'],
    retryIn: ['nouvel essai dans 0 seconde', 'nouvel essai dans 1 seconde', 'nouvel essai dans 1,5 seconde', 'nouvel essai dans 2 secondes'],
    storageFull: [
      "Stockage du navigateur plein : 0 requête n'est gardée qu'en mémoire et sera perdue si le navigateur se ferme avant que l'application la reçoive",
      "Stockage du navigateur plein : 1 requête n'est gardée qu'en mémoire et sera perdue si le navigateur se ferme avant que l'application la reçoive",
      "Stockage du navigateur plein : 1,5 requête n'est gardée qu'en mémoire et sera perdue si le navigateur se ferme avant que l'application la reçoive",
      "Stockage du navigateur plein : 2 requêtes ne sont gardées qu'en mémoire et seront perdues si le navigateur se ferme avant que l'application les reçoive"],
    trivial: ['dont 0 triviale', 'dont 1 triviale', 'dont 1,5 triviale', 'dont 2 triviales'],
  },
};

for (const l of ['en', 'fr']) {
  test(`${l}: every counted string at 0, 1, 1.5 and 2`, () => {
    useLocale(l);
    assert.deepEqual(counted, Object.keys(expected[l]).sort(), 'the list below covers every counted message');
    for (const name of counted) {
      assert.deepEqual([0, 1, 1.5, 2].map((n) => plural(name, n)), expected[l][name], name);
    }
  });
}

test('a plain message is filled, an unknown one shows its name', () => {
  useLocale('fr');
  assert.equal(t('siteOk', 'Le Chat'), 'Le Chat : zone de saisie trouvée');
  assert.equal(t('nope'), 'nope');
});

test('the popup says how many wait, why, when the next try is, and when storage is full', async () => {
  useLocale('en');
  globalThis.document = undefined;
  const { queueText } = await import('../src/popup/popup.js');
  assert.equal(queueText({ length: 0, refused: 0 }), '');
  assert.equal(queueText({ length: 3, why: 'disk_full', retryAt: 61_000, refused: 0 }, 1_000),
    '3 requests waiting (the disk is full) — next try in 60 seconds');
  assert.equal(queueText({ length: 1, why: 'host', retryAt: 0, storageFull: true, unsaved: 1, refused: 2 }, 0),
    '1 request waiting (the app does not answer). Browser storage is full: 1 request is kept in memory only and is lost if the browser closes before the app takes it. 2 refused by the app as invalid');
});
