// selectors.js: the selector table on the extension side. The host sends the
// table in use when it connects ({type: 'selectors', v: 1, version, source,
// table, rejected?, reason?}); the worker checks it with the same rules as
// the Go side (tracker/capture/table.go), keeps the last good one in
// chrome.storage.local, and forwards it to the content scripts. A table it
// refuses is never used: the last good one (or the built-in copy shipped in
// the extension) stays, and the reason is kept for the popup.

import { SELECTOR_SITE_IDS } from '../shared/defs.generated.js';

export const TABLE_KEY = 'selectors.v1'; // {table, version, source, at}
export const REJECTED_KEY = 'selectors.rejected.v1'; // {from, reason, at} | absent
export const MAX_TABLE_BYTES = 256 * 1024;
export const KNOWN_SITES = SELECTOR_SITE_IDS; // from the Go table (tracker/defs), as capture.KnownSites
// Every site needs these (selectors.schema.json, $defs.site.required).
export const REQUIRED_SITE_FIELDS = Object.freeze(['name', 'hosts', 'composer', 'send', 'answer']);
const HOST_RE = /^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?(:[0-9]{1,5})?$/;
const MAX_DEPTH = 8;
const MAX_STRING_BYTES = 512;
const MAX_LIST = 64;
const FORBIDDEN = ['{', '}', ';', '<', '>', '`', 'javascript:', 'expression(', 'url(', '@import'];

const utf8Length = (s) => new TextEncoder().encode(s).length;

// balanced: [ ] and ( ) nest and quotes close, outside quoted parts, as in a
// CSS selector (a backslash escapes one character).
function balanced(s) {
  const stack = [];
  let quote = '';
  let esc = false;
  for (const c of s) {
    if (esc) esc = false;
    else if (c === '\\') esc = true;
    else if (quote) { if (c === quote) quote = ''; }
    else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '(') stack.push(c);
    else if (c === ']' || c === ')') {
      if (stack.pop() !== (c === ']' ? '[' : '(')) return false;
    }
  }
  return !quote && !esc && stack.length === 0;
}

function checkString(path, s) {
  if (utf8Length(s) > MAX_STRING_BYTES) return `${path}: a string over ${MAX_STRING_BYTES} bytes`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(s)) return `${path}: control character in ${JSON.stringify(s)}`;
  const low = s.toLowerCase();
  for (const f of FORBIDDEN) {
    if (low.includes(f)) return `${path}: ${JSON.stringify(s)} contains ${JSON.stringify(f)} (data only, no code)`;
  }
  if (!balanced(s)) return `${path}: ${JSON.stringify(s)} has unbalanced brackets, parentheses or quotes`;
  if (path.endsWith('.path')) {
    try {
      new RegExp(s);
    } catch {
      return `${path}: ${JSON.stringify(s)} is not a valid regular expression`;
    }
  }
  return '';
}

function checkValue(path, v, depth) {
  if (depth > MAX_DEPTH) return `${path}: nested more than ${MAX_DEPTH} deep`;
  if (v === null) return `${path}: null is not allowed`;
  if (Array.isArray(v)) {
    if (v.length > MAX_LIST) return `${path}: ${v.length} entries, over the limit of ${MAX_LIST}`;
    for (let i = 0; i < v.length; i++) {
      if (v[i] === '') return `${path}[${i}]: empty string`;
      const why = checkValue(`${path}[${i}]`, v[i], depth + 1);
      if (why) return why;
    }
    return '';
  }
  switch (typeof v) {
    case 'object':
      for (const k of Object.keys(v).sort()) {
        const p = path ? `${path}.${k}` : k;
        const why = checkString(path ? `${path}.(key)` : '(key)', k) || checkValue(p, v[k], depth + 1);
        if (why) return why;
      }
      return '';
    case 'string':
      return checkString(path, v);
    case 'number':
      return Number.isFinite(v) ? '' : `${path}: bad number`;
    case 'boolean':
      return '';
    default:
      return `${path}: unexpected value`;
  }
}

/** validateTable returns '' when t is a usable selector table, else why not. */
export function validateTable(t) {
  if (!t || typeof t !== 'object' || Array.isArray(t)) return 'not a JSON object';
  let size;
  try {
    size = utf8Length(JSON.stringify(t));
  } catch {
    return 'not JSON data';
  }
  if (size > MAX_TABLE_BYTES) return `${size} bytes, over the ${MAX_TABLE_BYTES}-byte limit`;
  if (!Number.isSafeInteger(t.version) || t.version < 1) return 'version: missing or not an integer ≥ 1';
  if (!t.sites || typeof t.sites !== 'object' || Array.isArray(t.sites)) return 'sites: missing or not an object';
  const ids = Object.keys(t.sites);
  if (!ids.length) return 'sites: no site';
  for (const id of ids) {
    if (!KNOWN_SITES.includes(id)) return `sites: unknown site ${JSON.stringify(id)}`;
    const s = t.sites[id];
    if (!s || typeof s !== 'object' || Array.isArray(s)) return `sites.${id}: not an object`;
    for (const f of REQUIRED_SITE_FIELDS) {
      const v = s[f];
      if (v === undefined) return `sites.${id}: no ${JSON.stringify(f)}`;
      if (f === 'name' ? typeof v !== 'string' || !v : !Array.isArray(v) || !v.length) return `sites.${id}.${f}: ${f === 'name' ? 'not a non-empty string' : 'not a non-empty list'}`;
      if (f === 'hosts' && !v.every((h) => typeof h === 'string' && HOST_RE.test(h))) return `sites.${id}.hosts: not host names`;
    }
  }
  return checkValue('', t, 0);
}

/**
 * createSelectors keeps the table in use. area: {get(key), set(obj)}
 * (chrome.storage.local); builtin(): the copy shipped in the extension, or
 * null; now(): the clock.
 */
export function createSelectors({ area, builtin = async () => null, now = () => Date.now() }) {
  return {
    /**
     * accept takes the host's "selectors" message. It returns {ok: true,
     * table} when the table is now in use, or {ok: false, reason}.
     */
    async accept(msg) {
      let reason = '';
      if (!msg || msg.type !== 'selectors' || msg.v !== 1) reason = 'not a version 1 selectors message';
      else reason = validateTable(msg.table);
      if (!reason && msg.version !== undefined && msg.version !== msg.table.version) reason = 'version does not match the table';
      if (reason) {
        await area.set({ [REJECTED_KEY]: { from: 'host', reason, at: now() } });
        return { ok: false, reason };
      }
      const kept = (await area.get(TABLE_KEY))[TABLE_KEY];
      const source = typeof msg.source === 'string' ? msg.source.slice(0, 1000) : 'builtin';
      const hostNote = msg.rejected ? { from: 'file', path: String(msg.rejected).slice(0, 1000), reason: String(msg.reason || '').slice(0, 1000), at: now() } : null;
      await area.set({
        [TABLE_KEY]: { table: msg.table, version: msg.table.version, source, at: now() },
        [REJECTED_KEY]: hostNote,
      });
      const changed = !kept || JSON.stringify(kept.table) !== JSON.stringify(msg.table);
      return { ok: true, table: msg.table, changed };
    },
    /** current returns {table, version, source} in use: the host's last good table, else the built-in copy. */
    async current() {
      const kept = (await area.get(TABLE_KEY))[TABLE_KEY];
      if (kept?.table && !validateTable(kept.table)) return kept;
      const b = await builtin();
      if (b && !validateTable(b)) return { table: b, version: b.version, source: 'extension' };
      return null;
    },
    /** rejected returns the last refusal ({from: 'host'|'file', reason, path?, at}) or null. */
    async rejected() {
      return (await area.get(REJECTED_KEY))[REJECTED_KEY] || null;
    },
  };
}
