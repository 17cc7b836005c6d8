// The site adapters are data: one entry per site in the selector table
// (tracker/capture/selectors.json, copied to src/content/selectors.json by
// build.mjs; format in tracker/capture/README.md). This module checks a table
// and turns it into adapters.
import { makeAdapter } from '../engine.js';

export const MAX_TABLE_BYTES = 256 * 1024;
const MATCHER_LISTS = ['composer', 'send', 'stop'];
const SELECTOR_LISTS = ['answer', 'answer_text', 'answer_exclude', 'turn', 'done', 'user_turn', 'model', 'attachment',
  'image_mode', 'video_mode', 'thinking', 'deep_research', 'web_search'];
const SITE_KEYS = new Set(['name', 'hosts', 'dom_date', 'quiet_ms', 'stall_ms', 'max_answer_ms', 'confirm_ms',
  ...MATCHER_LISTS, ...SELECTOR_LISTS, 'answer_id', 'web_search_always', 'network']);
const ATTR = /^[a-zA-Z_:][-a-zA-Z0-9_:.]{0,63}$/;

/**
 * validateTable returns '' when table is a usable selector table, else what
 * is wrong with it. checkCss(s) → bool, when given, also parses each selector.
 */
export function validateTable(table, checkCss) {
  if (!table || typeof table !== 'object' || Array.isArray(table)) return 'the table is not an object';
  let size = 0;
  try {
    size = JSON.stringify(table).length;
  } catch {
    return 'the table is not JSON';
  }
  if (size > MAX_TABLE_BYTES) return `the table is too large (${size} bytes, at most ${MAX_TABLE_BYTES})`;
  if (!Number.isSafeInteger(table.version) || table.version < 1) return 'bad version';
  const sites = table.sites;
  if (!sites || typeof sites !== 'object' || Array.isArray(sites)) return 'no sites';
  const ids = Object.keys(sites);
  if (!ids.length || ids.length > 64) return 'bad number of sites';
  const css = (s, where) => {
    if (typeof s !== 'string' || !s || s.length > 400) return `${where}: bad selector`;
    if (checkCss && !checkCss(s)) return `${where}: selector does not parse: ${s}`;
    return '';
  };
  for (const id of ids) {
    if (!/^[a-z][a-z0-9_]{1,31}$/.test(id) || id === 'generic') return `bad site id ${id}`;
    const s = sites[id];
    if (!s || typeof s !== 'object' || Array.isArray(s)) return `${id}: not an object`;
    for (const k of Object.keys(s)) if (!SITE_KEYS.has(k)) return `${id}: unknown field ${k}`;
    if (typeof s.name !== 'string' || !s.name) return `${id}: no name`;
    if (!Array.isArray(s.hosts) || !s.hosts.length || !s.hosts.every((h) => typeof h === 'string' && /^[a-z0-9.-]+$/.test(h))) return `${id}: bad hosts`;
    for (const k of ['composer', 'send', 'answer']) if (!Array.isArray(s[k]) || !s[k].length) return `${id}: no ${k}`;
    for (const k of MATCHER_LISTS) {
      if (s[k] === undefined) continue;
      if (!Array.isArray(s[k]) || s[k].length > 16) return `${id}.${k}: not a list`;
      for (const m of s[k]) {
        if (typeof m === 'string') {
          const why = css(m, `${id}.${k}`);
          if (why) return why;
          continue;
        }
        if (!m || typeof m !== 'object') return `${id}.${k}: bad matcher`;
        const keys = Object.keys(m);
        if (m.near_composer !== undefined) {
          if (!keys.every((x) => ['near_composer', 'levels', 'pick'].includes(x))) return `${id}.${k}: bad matcher`;
          const why = css(m.near_composer, `${id}.${k}`);
          if (why) return why;
          continue;
        }
        if (!keys.every((x) => ['css', 'has', 'not_has', 'attr_equals', 'attr_differs', 'enabled'].includes(x))) return `${id}.${k}: bad matcher`;
        for (const x of ['css', 'has', 'not_has']) {
          if (m[x] === undefined && x !== 'css') continue;
          const why = css(m[x], `${id}.${k}`);
          if (why) return why;
        }
        for (const x of ['attr_equals', 'attr_differs']) {
          if (m[x] !== undefined && !(Array.isArray(m[x]) && m[x].length === 2 && m[x].every((a) => typeof a === 'string' && ATTR.test(a)))) return `${id}.${k}: bad ${x}`;
        }
      }
    }
    for (const k of SELECTOR_LISTS) {
      if (s[k] === undefined) continue;
      if (!Array.isArray(s[k]) || s[k].length > 16) return `${id}.${k}: not a list`;
      for (const m of s[k]) {
        const why = css(m, `${id}.${k}`);
        if (why) return why;
      }
    }
    if (s.answer_id !== undefined && !(Array.isArray(s.answer_id) && s.answer_id.every((a) => typeof a === 'string' && ATTR.test(a)))) return `${id}: bad answer_id`;
  }
  return '';
}

/** adaptersFrom builds one adapter per site of a (valid) table. */
export function adaptersFrom(table) {
  return Object.entries(table.sites).map(([id, site]) => makeAdapter(id, site, table.defaults || {}));
}
