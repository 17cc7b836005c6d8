// build.mjs writes dist/chromium and dist/firefox from manifest.json and src/.
// No bundler: the sources are plain ES modules. Firefox (≥ 128) differs in
// its manifest only: an event page (background.scripts) instead of a service
// worker, a fixed gecko id, and no "key" (Chromium's way of fixing the id).
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export { GECKO_ID } from './src/shared/defs.generated.js';
import { GECKO_ID } from './src/shared/defs.generated.js';
const here = dirname(fileURLToPath(import.meta.url));
export const SELECTORS = join(here, '..', 'tracker', 'capture', 'selectors.json');

export function firefoxManifest(m) {
  const f = structuredClone(m);
  delete f.key;
  delete f.minimum_chrome_version;
  f.background = { scripts: [m.background.service_worker], type: 'module' };
  // Firefox asks every new add-on to declare what it sends to its developer
  // or third parties (gecko.data_collection_permissions): nothing, here; the
  // records go to the local frugal host only. Firefox before 140 ignores it.
  f.browser_specific_settings = {
    gecko: { id: GECKO_ID, strict_min_version: '128.0', data_collection_permissions: { required: ['none'] } },
  };
  return f;
}

export function build(out = join(here, 'dist')) {
  const manifest = JSON.parse(readFileSync(join(here, 'manifest.json'), 'utf8'));
  const targets = { chromium: manifest, firefox: firefoxManifest(manifest) };
  for (const [name, m] of Object.entries(targets)) {
    const dir = join(out, name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    cpSync(join(here, 'src'), join(dir, 'src'), { recursive: true });
    cpSync(join(here, '_locales'), join(dir, '_locales'), { recursive: true });
    // The built-in selector table: the same file the Go side embeds.
    cpSync(SELECTORS, join(dir, 'src', 'content', 'selectors.json'));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m, null, 2) + '\n');
  }
  return Object.keys(targets).map((n) => join(out, n));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const d of build()) console.log('built', d);
}
