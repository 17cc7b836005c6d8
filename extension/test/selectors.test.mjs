import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createSelectors, REJECTED_KEY, TABLE_KEY, validateTable } from '../src/background/selectors.js';
import { memArea } from './fakes.capture.mjs';

const builtin = JSON.parse(readFileSync(new URL('../../tracker/capture/selectors.json', import.meta.url), 'utf8'));

test('the built-in table (the file the Go side embeds) is valid', () => {
  assert.equal(validateTable(builtin), '');
});

test('bad tables are refused with the reason (the same rules as tracker/capture)', () => {
  const min = { name: 'Claude', hosts: ['claude.ai'], composer: ['x'], send: ['button'], answer: ['article'] };
  const site = (s) => ({ version: 2, sites: { claude: { ...min, ...s } } });
  const cases = [
    ['not an object', [1], 'not a JSON object'],
    ['no version', { sites: { claude: {} } }, 'version'],
    ['version zero', { version: 0, sites: { claude: {} } }, 'version'],
    ['version a string', { version: '2', sites: { claude: {} } }, 'version'],
    ['no sites', { version: 1 }, 'sites: missing'],
    ['no site', { version: 1, sites: {} }, 'no site'],
    ['unknown site', { version: 1, sites: { bard: {} } }, 'unknown site "bard"'],
    ['site not an object', { version: 1, sites: { claude: ['x'] } }, 'sites.claude: not an object'],
    ['minimal site', site({}), ''],
    ['no name', { version: 1, sites: { claude: { ...min, name: undefined } } }, 'sites.claude: no "name"'],
    ['empty composer', site({ composer: [] }), 'sites.claude.composer: not a non-empty list'],
    ['a URL for a host', site({ hosts: ['https://claude.ai/'] }), 'sites.claude.hosts: not host names'],
    ['null', site({ model: null }), 'null is not allowed'],
    ['empty selector', site({ composer: [''] }), 'empty string'],
    ['markup', site({ composer: ['<img src=x onerror=alert(1)>'] }), 'contains "<"'],
    ['javascript url', site({ link: 'javascript:alert(1)' }), 'contains "javascript:"'],
    ['css block', site({ composer: ['a{color:red}'] }), 'contains "{"'],
    ['statement', site({ composer: ['a; b'] }), 'contains ";"'],
    ['control character', site({ composer: ['a\u0007'] }), 'control character'],
    ['unbalanced', site({ composer: ['a[data-x="1"'] }), 'unbalanced'],
    ['bad regexp', site({ network: [{ method: 'POST', path: '^/a(?<)$' }] }), 'contains "<"'],
    ['regexp that does not compile', site({ network: [{ method: 'POST', path: '^/a[b-a]$' }] }), 'not a valid regular expression'],
    ['too deep', site({ a: [[[[[[[[['x']]]]]]]]] }), 'nested more than'],
    ['long list', site({ composer: Array(65).fill('a') }), '65 entries'],
    ['long string', site({ composer: ['a'.repeat(513)] }), 'over 512 bytes'],
    ['oversized', site({ pad: Array(60).fill('a'.repeat(500)).map((s, i) => s + i), more: Array(60).fill('b'.repeat(500)), more2: Array(60).fill('c'.repeat(500)), more3: Array(60).fill('d'.repeat(500)), more4: Array(60).fill('e'.repeat(500)), more5: Array(60).fill('f'.repeat(500)), more6: Array(60).fill('g'.repeat(500)), more7: Array(60).fill('h'.repeat(500)), more8: Array(60).fill('i'.repeat(500)), more9: Array(60).fill('j'.repeat(500)) }), 'over the 262144-byte limit'],
  ];
  for (const [name, t, why] of cases) {
    const got = validateTable(JSON.parse(JSON.stringify(t)));
    if (!why) assert.equal(got, '', name);
    else assert.ok(got.includes(why), `${name}: got ${JSON.stringify(got)}, want …${why}…`);
  }
});

test('a good table from the host is kept and used; a bad one is refused and the last good one stays', async () => {
  const area = memArea();
  const s = createSelectors({ area, builtin: async () => builtin, now: () => 42 });
  assert.equal((await s.current()).source, 'extension', 'nothing from the host yet: the built-in copy');
  const newer = structuredClone(builtin);
  newer.version = builtin.version + 1;
  let r = await s.accept({ type: 'selectors', v: 1, version: newer.version, source: 'builtin', table: newer });
  assert.equal(r.ok, true);
  assert.equal(r.changed, true);
  assert.equal((await s.current()).version, newer.version);
  assert.equal(await s.rejected(), null);
  r = await s.accept({ type: 'selectors', v: 1, version: newer.version, source: 'builtin', table: newer });
  assert.equal(r.changed, false, 'the same table again changes nothing');

  const bad = structuredClone(newer);
  bad.version++;
  bad.sites.claude.composer = ['<script>'];
  r = await s.accept({ type: 'selectors', v: 1, version: bad.version, source: '/data/selectors.json', table: bad });
  assert.equal(r.ok, false);
  assert.match(r.reason, /contains "<"/);
  assert.equal((await s.current()).version, newer.version, 'the last good table stays');
  assert.deepEqual(await s.rejected(), { from: 'host', reason: r.reason, at: 42 });
  assert.equal((await s.accept({ type: 'selectors', v: 2, table: newer })).ok, false, 'an unknown message version');

  // The host says it did not use a file in the data folder: shown too.
  r = await s.accept({ type: 'selectors', v: 1, version: newer.version, source: 'builtin', table: newer, rejected: '/d/selectors.json', reason: 'invalid selector table: not valid JSON' });
  assert.equal(r.ok, true);
  assert.deepEqual(await s.rejected(), { from: 'file', path: '/d/selectors.json', reason: 'invalid selector table: not valid JSON', at: 42 });
});

test('a damaged stored table is not used: the built-in copy is', async () => {
  const area = memArea({ [TABLE_KEY]: { table: { version: 9, sites: { claude: { composer: ['a{'] } } }, version: 9 } });
  const s = createSelectors({ area, builtin: async () => builtin });
  assert.equal((await s.current()).source, 'extension');
  assert.equal(area.data[REJECTED_KEY], undefined);
});

test('the shared table cases: the same verdicts as tracker/capture.Parse', async () => {
  const { readdirSync } = await import('node:fs');
  for (const dir of ['good', 'bad']) {
    const base = new URL(`../../tracker/capture/testdata/${dir}/`, import.meta.url);
    const files = readdirSync(base).filter((f) => f.endsWith('.json'));
    assert.ok(files.length > 0);
    for (const f of files) {
      let why;
      try {
        why = validateTable(JSON.parse(readFileSync(new URL(f, base), 'utf8')));
      } catch {
        why = 'not JSON';
      }
      assert.equal(why === '', dir === 'good', `${dir}/${f}: ${why || 'accepted'}`);
    }
  }
});
