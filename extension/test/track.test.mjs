import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createTrack, GENERIC_JS, originOf, originOfPattern, patternFor, scriptId } from '../src/background/track.js';
import { createCapture } from '../src/background/capture.js';
import { HEALTH_KEY } from '../src/background/health.js';
import { memArea, fakeChrome } from './fakes.capture.mjs';

const SITE_HOSTS = ['claude.ai', 'chatgpt.com'];
const builtin = JSON.parse(readFileSync(new URL('../../tracker/capture/selectors.json', import.meta.url), 'utf8'));

test('originOf: http(s) pages other than the supported sites', () => {
  assert.equal(originOf('https://chat.example.org/c/123?x=1', SITE_HOSTS), 'https://chat.example.org');
  assert.equal(originOf('http://localhost:3000/', SITE_HOSTS), 'http://localhost', 'permissions cover every port');
  assert.equal(originOf('https://claude.ai/new', SITE_HOSTS), '', 'a supported site has its adapter');
  assert.equal(originOf('chrome://extensions', SITE_HOSTS), '');
  assert.equal(originOf('file:///tmp/a.html', SITE_HOSTS), '');
  assert.equal(originOf('not a url', SITE_HOSTS), '');
  assert.equal(patternFor('http://localhost:3000'), 'http://localhost/*');
  assert.equal(originOfPattern('https://chat.example.org/*'), 'https://chat.example.org');
  assert.equal(originOfPattern('https://*/*'), '');
});

test('track: nothing without the permission; registered for that origin only; stop removes both', async () => {
  const api = fakeChrome();
  const t = createTrack(api);
  const origin = 'https://chat.example.org';
  assert.deepEqual(await t.start(origin, 4), { error: 'permission not granted' });
  assert.equal(api.scripts.size, 0);

  await api.permissions.request({ origins: [patternFor(origin)] }); // what the popup does, in the click
  assert.deepEqual(await t.start(origin, 4), { ok: true, injected: true });
  assert.deepEqual([...api.scripts.values()], [{
    id: scriptId(origin), matches: ['https://chat.example.org/*'], js: GENERIC_JS, runAt: 'document_idle', persistAcrossSessions: true,
  }]);
  assert.deepEqual(api.injected, [{ target: { tabId: 4 }, files: GENERIC_JS }]);
  assert.equal(await t.isTracked(origin), true);
  assert.equal(await t.isTracked('https://other.example.org'), false);
  assert.deepEqual(await t.start(origin, 4), { ok: true, injected: true }, 'twice: registered once');
  assert.equal(api.scripts.size, 1);

  assert.deepEqual(await t.stop(origin), { ok: true, permissionRemoved: true });
  assert.equal(api.scripts.size, 0);
  assert.equal(api.perms.size, 0);
  assert.equal(await t.isTracked(origin), false);
});

test('a permission removed from the browser settings ends tracking even if the script is registered', async () => {
  const api = fakeChrome({ granted: ['https://chat.example.org/*'] });
  const t = createTrack(api);
  await t.start('https://chat.example.org', -1);
  api.perms.clear();
  assert.equal(await t.isTracked('https://chat.example.org'), false);
});

test('the generic scripts exist and the flag runs before the loader', async () => {
  for (const f of GENERIC_JS) await readFile(new URL(`../${f}`, import.meta.url));
  assert.match(await readFile(new URL(`../${GENERIC_JS[0]}`, import.meta.url), 'utf8'), /globalThis\.frugalGeneric = true/);
  assert.equal(GENERIC_JS[1], 'src/content/loader.js');
});

const sender = (url, tabId = 5) => ({ id: 'frugal-id', url, tab: { id: tabId } });

test('capture: health from a supported site and from a tracked origin; refused elsewhere', async () => {
  const api = fakeChrome({ granted: ['https://chat.example.org/*'] });
  const area = memArea();
  const c = createCapture({ api, area, builtin: async () => builtin, newId: () => 'b' });
  const at = Date.now();
  assert.deepEqual(await c.onContent({ type: 'cs-bg-health', site: 'claude', event: 'send', id: 'r1', at }, sender('https://claude.ai/chat/1')), { ok: true });
  assert.deepEqual(await c.onContent({ type: 'cs-bg-health', site: 'generic', event: 'send', at }, sender('https://chat.example.org/')), { error: 'refused' }, 'not tracked yet');
  await c.track.start('https://chat.example.org', -1);
  assert.deepEqual(await c.onContent({ type: 'cs-bg-health', site: 'generic', event: 'send', at }, sender('https://chat.example.org/')), { ok: true });
  assert.deepEqual(await c.onContent({ type: 'cs-bg-health', site: 'claude', event: 'send', at }, sender('https://evil.example/')), { error: 'refused' });
  assert.deepEqual(await c.onContent({ type: 'cs-bg-health', site: 'claude', event: 'send', at }, { ...sender('https://claude.ai/'), id: 'other-extension' }), { error: 'refused' });
  const keys = Object.values(area.data[HEALTH_KEY].pending).map((r) => r.site).sort();
  assert.deepEqual(keys, ['claude', 'generic:chat.example.org']);
});

test('capture: a table pushed by the host is kept and forwarded to every tab; a bad one is not', async () => {
  const api = fakeChrome({ tabs: [{ id: 1 }, { id: 2 }] });
  const area = memArea();
  const c = createCapture({ api, area, builtin: async () => builtin });
  const newer = { ...structuredClone(builtin), version: builtin.version + 1 };
  await c.onHostPush({ type: 'selectors', v: 1, version: newer.version, source: 'builtin', table: newer });
  assert.deepEqual(api.sentToTabs.map((s) => [s.tabId, s.msg.type, s.msg.table.version]), [[1, 'bg-cs-selectors', newer.version], [2, 'bg-cs-selectors', newer.version]]);
  const r = await c.onContent({ type: 'cs-bg-selectors' }, sender('https://claude.ai/'));
  assert.equal(r.version, newer.version);

  api.sentToTabs.length = 0;
  const bad = structuredClone(newer);
  bad.version++;
  bad.sites.gemini = 'not an object';
  await c.onHostPush({ type: 'selectors', v: 1, version: bad.version, source: 'builtin', table: bad });
  assert.equal(api.sentToTabs.length, 0);
  const st = await c.popupState();
  assert.equal(st.selectors.version, newer.version);
  assert.equal(st.rejected.from, 'host');
  assert.match(st.rejected.reason, /sites\.gemini: not an object/);
});

test('capture: popup track / untrack messages act on the tab origin', async () => {
  const api = fakeChrome();
  const c = createCapture({ api, area: memArea(), builtin: async () => null });
  assert.deepEqual(await c.onPopup({ type: 'popup-bg-tracked', url: 'https://claude.ai/' }, SITE_HOSTS), { error: 'not a web page' });
  assert.deepEqual(await c.onPopup({ type: 'popup-bg-tracked', url: 'https://chat.example.org/x' }, SITE_HOSTS), { tracked: false, origin: 'https://chat.example.org' });
  await api.permissions.request({ origins: ['https://chat.example.org/*'] });
  assert.equal((await c.onPopup({ type: 'popup-bg-track', url: 'https://chat.example.org/x', tabId: 3 }, SITE_HOSTS)).ok, true);
  assert.equal((await c.onPopup({ type: 'popup-bg-tracked', url: 'https://chat.example.org/y' }, SITE_HOSTS)).tracked, true);
  assert.equal((await c.onPopup({ type: 'popup-bg-untrack', url: 'https://chat.example.org/' }, SITE_HOSTS)).ok, true);
  assert.equal((await c.onPopup({ type: 'popup-bg-tracked', url: 'https://chat.example.org/y' }, SITE_HOSTS)).tracked, false);
});

test('a permission granted while the popup was closed (Firefox) still starts tracking; one taken back stops it', async () => {
  const api = fakeChrome();
  const t = createTrack(api);
  await api.permissions.request({ origins: ['https://chat.example.org/*'] });
  await t.onAdded({ origins: ['https://chat.example.org/*'] });
  assert.equal(await t.isTracked('https://chat.example.org'), true);
  await t.onAdded({ origins: ['https://chat.example.org/*'] }); // the popup's own call, or a repeat: still one
  assert.equal(api.scripts.size, 1);
  api.perms.clear();
  await t.onRemoved({ origins: ['https://chat.example.org/*'] });
  assert.equal(api.scripts.size, 0);
});

test('the popup and permissions.onAdded starting the same origin at once register it once', async () => {
  const api = fakeChrome({ granted: ['https://chat.example.org/*'] });
  const t = createTrack(api);
  const rs = await Promise.all([t.start('https://chat.example.org', 3), t.onAdded({ origins: ['https://chat.example.org/*'] })]);
  assert.equal(rs[0].ok, true);
  assert.equal(api.scripts.size, 1);
});
