// network.js: the network signal. It watches, without blocking and without
// reading any body, the one request each site streams its answer over, and
// tells the tab's content script when such a request starts and ends:
//
//   {type: 'bg-cs-net', phase: 'start'|'end', site, url, at, error?}
//
// (url is the request's origin and path, never its query string.) The DOM
// stays the source of the text; this confirms sends the DOM missed and
// times answers. It keeps no state between events (the worker may be
// stopped at any time): each event is matched on its own.
import { MSG } from '../shared/messages.js';
import { SITE_HOSTS, SITE_IDS } from '../shared/defs.generated.js';

// NETWORK_FALLBACK is used until a selector table with `network` entries is
// known (a worker woken by the request itself sees it before the table is
// read): per site, its hosts (from tracker/defs) and the requests that stream
// an answer, a copy of the built-in table's `network` entries
// (tracker/capture/selectors.json; test/network.test.mjs fails when the two
// differ).
const FALLBACK_PATHS = {
  chatgpt: [
    { method: 'POST', path: '^/backend-api/f/conversation$' },
    { method: 'POST', path: '^/backend-anon/f/conversation$' },
    { method: 'POST', path: '^/backend-api/conversation$' },
  ],
  claude: [
    { method: 'POST', path: '^/api/organizations/[^/]+/chat_conversations/[^/]+/(retry_)?completion$' },
  ],
  gemini: [
    { method: 'POST', path: '^/_/BardChatUi/data/assistant\\.lamda\\.BardFrontendService/StreamGenerate$' },
  ],
  copilot: [
    { method: 'POST', path: '^/c/api/conversations$' },
    { method: 'GET', path: '^/c/api/chat$' },
  ],
  lechat: [
    { method: 'POST', path: '^/api/chat$' },
    { method: 'POST', path: '^/api/trpc/message\\.newChat$' },
  ],
  perplexity: [
    { method: 'POST', path: '^/rest/sse/perplexity_ask$' },
  ],
  deepseek: [
    { method: 'POST', path: '^/api/v0/chat/completion$' },
  ],
};
export const NETWORK_FALLBACK = deepFreeze(Object.fromEntries(SITE_IDS.map((id) =>
  [id, { hosts: [...SITE_HOSTS[id]], network: FALLBACK_PATHS[id] || [] }])));

function deepFreeze(v) {
  if (v && typeof v === 'object') for (const x of Object.values(v)) deepFreeze(x);
  return Object.freeze(v);
}

// WATCHED are the URL patterns given to webRequest: the sites' own hosts,
// which the extension has host permissions for. Which request on them counts
// is decided per event by compileEndpoints' rules, so a new table needs no
// new listener.
export const WATCHED = Object.freeze(SITE_IDS.flatMap((id) => SITE_HOSTS[id]).map((h) => `https://${h}/*`));

/**
 * compileEndpoints turns a selector table's sites ({hosts, network: [{method,
 * path}]}) into matchers; sites without hosts or network entries, and
 * entries whose path does not compile, are left out. Without a usable table,
 * NETWORK_FALLBACK is used.
 */
export function compileEndpoints(table) {
  const out = [];
  const add = (site, s) => {
    if (!Array.isArray(s?.hosts) || !Array.isArray(s?.network)) return;
    for (const e of s.network) {
      if (!e || typeof e.path !== 'string') continue;
      let re;
      try {
        re = new RegExp(e.path);
      } catch {
        continue;
      }
      const method = typeof e.method === 'string' ? e.method.toUpperCase() : 'POST';
      out.push({ site, hosts: s.hosts.filter((h) => typeof h === 'string'), method, re });
    }
  };
  for (const [site, s] of Object.entries(table?.sites || {})) add(site, s);
  if (out.length) return out;
  for (const [site, s] of Object.entries(NETWORK_FALLBACK)) add(site, s);
  return out;
}

/** matchRequest returns the site whose completion request this is, or ''. */
export function matchRequest(endpoints, details) {
  if (!details || details.tabId == null || details.tabId < 0) return ''; // not from a tab
  let u;
  try {
    u = new URL(details.url);
  } catch {
    return '';
  }
  if (u.protocol !== 'https:' && u.protocol !== 'wss:') return '';
  const method = (details.method || 'GET').toUpperCase();
  for (const e of endpoints) {
    if (e.method === method && e.hosts.includes(u.hostname) && e.re.test(u.pathname)) return e.site;
  }
  return '';
}

/**
 * createNetwork returns the three webRequest handlers. endpoints() gives the
 * current matchers (synchronously); send(tabId, frameId, msg) delivers to
 * the content script; now() is the clock.
 */
export function createNetwork({ endpoints, send, now = () => Date.now() }) {
  const tell = (phase) => (details) => {
    const site = matchRequest(endpoints(), details);
    if (!site) return;
    const u = new URL(details.url);
    const msg = { type: MSG.BG_TO_CS_NET, phase, site, url: u.origin + u.pathname, at: Math.round(details.timeStamp || now()) };
    if (details.error) msg.error = String(details.error).slice(0, 200);
    send(details.tabId, details.frameId ?? 0, msg);
  };
  return { onBeforeRequest: tell('start'), onCompleted: tell('end'), onErrorOccurred: tell('end') };
}

/**
 * attachNetwork registers the handlers on chrome.webRequest (non-blocking:
 * no 'blocking' or 'requestBody' option, so no body is ever read). Call it
 * at the top level of the worker, so a restarted worker gets the event that
 * woke it. It returns false when the browser has no webRequest.
 */
export function attachNetwork(api, handlers) {
  const wr = api?.webRequest;
  if (!wr?.onBeforeRequest) return false;
  const filter = { urls: [...WATCHED], types: ['xmlhttprequest', 'other', 'websocket'] };
  wr.onBeforeRequest.addListener(handlers.onBeforeRequest, filter);
  wr.onCompleted.addListener(handlers.onCompleted, filter);
  wr.onErrorOccurred.addListener(handlers.onErrorOccurred, filter);
  return true;
}
