import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { firefoxManifest, GECKO_ID } from '../build.mjs';
import { CHROMIUM_EXTENSION_ID, SITE_HOSTS } from '../src/shared/defs.generated.js';

const manifest = JSON.parse(readFileSync(new URL('../manifest.json', import.meta.url), 'utf8'));
// The ids and hosts come from the Go tables (tracker/defs) through the
// generated copy, which a Go test keeps current.
const HOSTS = Object.values(SITE_HOSTS).flat();

test('permissions are nativeMessaging, storage, alarms, webRequest and scripting, and the eight hosts only', () => {
  assert.deepEqual(manifest.permissions, ['nativeMessaging', 'storage', 'alarms', 'webRequest', 'scripting']);
  assert.deepEqual(manifest.host_permissions, HOSTS.map((h) => `https://${h}/*`));
  // Any other origin only when the person asks ("Track this site"), one at a time.
  assert.deepEqual(manifest.optional_host_permissions, ['https://*/*', 'http://*/*']);
  const all = JSON.stringify({ ...manifest, optional_host_permissions: [], web_accessible_resources: manifest.web_accessible_resources.slice(0, 1) });
  assert.ok(!all.includes('<all_urls>') && !all.includes('*://*/') && !all.includes('https://*/'), 'no broad match');
  // The generic adapter's modules load on a tracked origin only through the
  // per-session dynamic URL, so no page can probe for the extension.
  const generic = manifest.web_accessible_resources.find((w) => w.matches.includes('https://*/*'));
  assert.equal(generic.use_dynamic_url, true);
  assert.deepEqual(manifest.content_scripts[0].matches, manifest.host_permissions);
  assert.deepEqual(manifest.web_accessible_resources[0].matches, manifest.host_permissions);
});

test('the key fixes the extension id that the host manifests allow', () => {
  const der = Buffer.from(manifest.key, 'base64');
  const id = createHash('sha256').update(der).digest('hex').slice(0, 32)
    .replace(/[0-9a-f]/g, (c) => String.fromCharCode(97 + parseInt(c, 16)));
  assert.equal(id, CHROMIUM_EXTENSION_ID);
  assert.equal(GECKO_ID, 'frugal@frugal.app');
});

test('the Firefox manifest uses an event page, a gecko id and no key', () => {
  const f = firefoxManifest(manifest);
  assert.equal(f.key, undefined);
  assert.deepEqual(f.background, { scripts: ['src/background/main.js'], type: 'module' });
  assert.deepEqual(f.browser_specific_settings.gecko, {
    id: GECKO_ID,
    strict_min_version: '128.0',
    data_collection_permissions: { required: ['none'] },
  });
  assert.deepEqual(f.permissions, manifest.permissions);
  assert.ok(manifest.background.service_worker && manifest.key, 'the source manifest is untouched');
});

test('the build puts the selector table (tracker/capture/selectors.json) in both extensions, web-accessible', async () => {
  const { build } = await import('../build.mjs');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const out = mkdtempSync(join(tmpdir(), 'frugal-build-'));
  try {
    const want = readFileSync(new URL('../../tracker/capture/selectors.json', import.meta.url), 'utf8');
    for (const dir of build(out)) assert.equal(readFileSync(join(dir, 'src/content/selectors.json'), 'utf8'), want);
    assert.ok(manifest.web_accessible_resources[0].resources.includes('src/content/selectors.json'));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
