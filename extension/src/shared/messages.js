// Messages between the content scripts, the popup and the service worker.
// The direction is in the name: CS = content script, BG = background worker.

export const MSG = Object.freeze({
  CS_TO_BG_DRAFT: 'cs-bg-draft', // {text, lang} → {nudge, verdict} | {offline: true}
  CS_TO_BG_PROMPT: 'cs-bg-prompt', // {request} → {queued}
  CS_TO_BG_ANSWER: 'cs-bg-answer', // {answer: {id, answer_chars, streaming_ms}} → {queued}
  CS_TO_BG_NUDGE_OFF: 'cs-bg-nudge-off', // {category} → {ok}
  POPUP_TO_BG_STATE: 'popup-bg-state', // {} → {connection, today, queue, settings}
  POPUP_TO_BG_SET: 'popup-bg-set', // {settings: {paused_until_ms?, track_private?}} → {ok}
  POPUP_TO_CS_STATUS: 'popup-cs-status', // {} → {site, composer}
  // Capture platform (contract: tracker/capture/README_health.md).
  CS_TO_BG_HEALTH: 'cs-bg-health', // {site, event, what?, id?, at} → {ok}
  CS_TO_BG_SELECTORS: 'cs-bg-selectors', // {} → {table, version, source} | {}
  BG_TO_CS_SELECTORS: 'bg-cs-selectors', // {table}: a new selector table from the app
  BG_TO_CS_NET: 'bg-cs-net', // {phase: 'start'|'end', site, url, at, error?}
  POPUP_TO_BG_TRACK: 'popup-bg-track', // {url, tabId} → {ok, injected} | {error}
  POPUP_TO_BG_UNTRACK: 'popup-bg-untrack', // {url} → {ok, permissionRemoved} | {error}
  POPUP_TO_BG_TRACKED: 'popup-bg-tracked', // {url} → {tracked, origin} | {error}
});

// Sites and the host names their adapters run on (the manifest's matches)
// come from the Go tables (tracker/defs), through the generated copy.
import { CATEGORIES, KINDS, MAX_ID_BYTES, OUTCOMES, REASONING, SITE_HOSTS, SITE_IDS, SITE_NAMES } from './defs.generated.js';

export { SITE_HOSTS, SITE_NAMES };
export const SITES = SITE_IDS;

/** siteForHost returns the site id for a host name, or ''. */
export function siteForHost(hostname) {
  for (const [site, hosts] of Object.entries(SITE_HOSTS)) {
    if (hosts.includes(hostname)) return site;
  }
  return '';
}

export { OUTCOMES, KINDS, REASONING, CATEGORIES };

// Limits. A prompt's text is cut to MAX_PROMPT_CHARS before it is queued (its
// full length still goes in prompt_chars): the host refuses frames over 4 MiB
// and chrome.storage.local is not a place for books.
export const MAX_PROMPT_CHARS = 100_000;
export const MAX_DRAFT_CHARS = 20_000;
const MAX_ID = MAX_ID_BYTES; // ids are ASCII (crypto.randomUUID): length is bytes

const isStr = (v, max) => typeof v === 'string' && v.length <= max;
const isCount = (v) => Number.isSafeInteger(v) && v >= 0;

/**
 * validateRequest checks a captured request before it is queued. It returns
 * '' when it is fine, else what is wrong.
 */
export function validateRequest(r) {
  if (!r || typeof r !== 'object' || Array.isArray(r)) return 'request is not an object';
  const allowed = new Set(['id', 'site', 'model', 'prompt', 'prompt_chars', 'attachments', 'kind',
    'reasoning', 'web_search', 'at', 'outcome', 'category', 'tool']);
  for (const k of Object.keys(r)) if (!allowed.has(k)) return `unknown field ${k}`;
  if (!isStr(r.id, MAX_ID) || r.id === '') return 'bad id';
  if (!SITES.includes(r.site) && r.site !== 'generic') return 'unknown site'; // generic: a tracked origin
  if (r.model !== undefined && !isStr(r.model, 200)) return 'bad model';
  if (r.prompt !== undefined && !isStr(r.prompt, MAX_PROMPT_CHARS)) return 'bad prompt';
  if (!isCount(r.prompt_chars)) return 'bad prompt_chars';
  if (!isCount(r.attachments)) return 'bad attachments';
  if (!KINDS.includes(r.kind)) return 'bad kind';
  if (!REASONING.includes(r.reasoning)) return 'bad reasoning';
  if (typeof r.web_search !== 'boolean') return 'bad web_search';
  if (!isCount(r.at) || r.at === 0) return 'bad at';
  if (!OUTCOMES.includes(r.outcome)) return 'bad outcome';
  if (r.category !== undefined && r.category !== '' && !CATEGORIES.includes(r.category)) return 'bad category';
  if (r.tool !== undefined && !isStr(r.tool, 100)) return 'bad tool';
  return '';
}

/** validateAnswer checks an "answer finished" event. */
export function validateAnswer(a) {
  if (!a || typeof a !== 'object' || Array.isArray(a)) return 'answer is not an object';
  for (const k of Object.keys(a)) if (!['id', 'answer_chars', 'streaming_ms'].includes(k)) return `unknown field ${k}`;
  if (!isStr(a.id, MAX_ID) || a.id === '') return 'bad id';
  if (!isCount(a.answer_chars)) return 'bad answer_chars';
  if (!isCount(a.streaming_ms)) return 'bad streaming_ms';
  return '';
}

/**
 * validateContentMessage checks a message from a content script, given the
 * site its sender's page belongs to. It returns '' or the reason to refuse.
 */
export function validateContentMessage(msg, senderSite) {
  if (!msg || typeof msg !== 'object') return 'not an object';
  if (!senderSite) return 'sender is not one of the supported sites';
  switch (msg.type) {
    case MSG.CS_TO_BG_DRAFT:
      if (!isStr(msg.text, MAX_DRAFT_CHARS)) return 'bad draft text';
      if (!['fr', 'en', ''].includes(msg.lang)) return 'bad lang';
      return '';
    case MSG.CS_TO_BG_PROMPT: {
      const why = validateRequest(msg.request);
      if (why) return why;
      if (msg.request.site !== senderSite) return 'site does not match the sender';
      return '';
    }
    case MSG.CS_TO_BG_ANSWER:
      return validateAnswer(msg.answer);
    case MSG.CS_TO_BG_NUDGE_OFF:
      return CATEGORIES.includes(msg.category) && msg.category !== 'none' ? '' : 'bad category';
    default:
      return 'unknown message type';
  }
}
