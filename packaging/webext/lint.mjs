// lint.mjs DIR runs `web-ext lint` (the version pinned in package.json) on
// the unpacked Firefox extension in DIR and fails on any error, and on any
// warning or notice but the accepted ones below. It prints the summary and
// every message.
//
// Accepted: the manifest declares gecko.data_collection_permissions (asked of
// every new add-on) while supporting Firefox 128 ESR, which predates that key
// (140; 142 on Android) and ignores it. The linter says so; it is on purpose.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dir = process.argv[2];
if (!dir) {
  console.error('usage: node lint.mjs DIR');
  process.exit(2);
}

const accepted = (m) =>
  /^KEY_FIREFOX(_ANDROID)?_UNSUPPORTED_BY_MIN_VERSION$/.test(m.code) &&
  /data_collection_permissions/.test(m.description);

const r = spawnSync(
  join(here, 'node_modules', '.bin', 'web-ext'),
  ['lint', '--source-dir', dir, '--output', 'json', '--no-config-discovery'],
  { encoding: 'utf8' },
);
let report;
try {
  report = JSON.parse(r.stdout);
} catch {
  console.error(`web-ext lint gave no JSON report (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  process.exit(1);
}
const s = report.summary;
console.log(`web-ext lint: ${s.errors} errors, ${s.warnings} warnings, ${s.notices} notices`);
let bad = 0;
for (const kind of ['errors', 'warnings', 'notices']) {
  for (const m of report[kind] || []) {
    const ok = kind !== 'errors' && accepted(m);
    if (!ok) bad++;
    console.log(`  ${ok ? 'accepted' : 'FAIL'} ${kind.slice(0, -1)} ${m.code}${m.file ? ` (${m.file})` : ''}: ${m.message}`);
  }
}
if (bad) {
  console.error(`web-ext lint: ${bad} message(s) not accepted`);
  process.exit(1);
}
