// capture.js: the worker's side of the capture platform, wired by main.js:
// the selector table from the host, capture health from the content
// scripts, the network signal, and the generic detector per origin. Every
// piece of state lives in chrome.storage.local (see selectors.js,
// health.js) or in the browser (registered scripts, permissions).
import { MSG, siteForHost } from '../shared/messages.js';
import { HOST_TYPES } from '../shared/defs.generated.js';
import { compileEndpoints, createNetwork } from './network.js';
import { createSelectors } from './selectors.js';
import { createHealth, validateHealth } from './health.js';
import { createTrack, originOf } from './track.js';

/**
 * createCapture: api is the chrome namespace (or a fake); area is
 * chrome.storage.local's {get, set}; builtin() loads the selector table
 * shipped in the extension.
 */
export function createCapture({ api, area, builtin, now = () => Date.now(), newId }) {
  const selectors = createSelectors({ area, builtin, now });
  const health = createHealth({ area, now, newId });
  const track = createTrack(api);
  let endpoints = compileEndpoints(null);
  selectors.current().then((c) => { if (c?.table) endpoints = compileEndpoints(c.table); }).catch(() => {});

  const network = createNetwork({
    endpoints: () => endpoints,
    now,
    send: (tabId, frameId, msg) => {
      api.tabs.sendMessage(tabId, msg, { frameId })?.catch?.(() => {}); // no content script there: nothing to tell
    },
  });

  // siteOfSender is the sender's site: a supported site's id, 'generic'
  // for a tracked origin, else ''. hostKey is what health is kept under.
  async function siteOfSender(sender) {
    if (sender.id !== api.runtime.id || !sender.tab || !sender.url) return { site: '' };
    let u;
    try {
      u = new URL(sender.url);
    } catch {
      return { site: '' };
    }
    const known = u.protocol === 'https:' ? siteForHost(u.hostname) : '';
    if (known) return { site: known, key: known };
    if (await track.isTracked(originOf(sender.url))) return { site: 'generic', key: `generic:${u.hostname}` };
    return { site: '' };
  }

  async function forwardTable(table) {
    let tabs = [];
    try {
      tabs = await api.tabs.query({});
    } catch {
      return;
    }
    for (const t of tabs) {
      if (t.id == null || t.id < 0) continue;
      api.tabs.sendMessage(t.id, { type: MSG.BG_TO_CS_SELECTORS, table })?.catch?.(() => {});
    }
  }

  return {
    network,
    health,
    selectors,
    track,

    /** senderGeneric returns 'generic' when the sender's page is of a tracked origin, else ''. */
    async senderGeneric(sender) {
      const { site } = await siteOfSender(sender);
      return site === 'generic' ? 'generic' : '';
    },

    /** handles reports whether a content-script message is one of ours. */
    handles: (msg) => msg?.type === MSG.CS_TO_BG_HEALTH || msg?.type === MSG.CS_TO_BG_SELECTORS,

    /** onContent answers cs-bg-health and cs-bg-selectors. */
    async onContent(msg, sender) {
      const { site, key } = await siteOfSender(sender);
      if (msg.type === MSG.CS_TO_BG_SELECTORS) {
        if (!site) return { error: 'refused' };
        const c = await selectors.current();
        return c ? { table: c.table, version: c.version, source: c.source } : {};
      }
      const why = validateHealth(msg, site);
      if (why) {
        console.warn('Frugal: refused a health message:', why);
        return { error: 'refused' };
      }
      await health.record(key, msg);
      return { ok: true };
    },

    /** onHostPush takes a frame the host sent unasked (the selector table). */
    async onHostPush(msg) {
      if (msg?.type !== HOST_TYPES.selectors) return;
      const r = await selectors.accept(msg);
      if (!r.ok) {
        console.warn('Frugal: refused the selector table from the app:', r.reason);
        return;
      }
      endpoints = compileEndpoints(r.table);
      if (r.changed) await forwardTable(r.table);
    },

    /** flushHealth sends pending capture health to the host. */
    flushHealth: (request, badCodes) => health.flush((batch) => request(HOST_TYPES.health, { health: batch }, 10000), badCodes),

    /** popupState is what the popup shows about capture. */
    async popupState() {
      const c = await selectors.current();
      return {
        degraded: await health.degraded(),
        selectors: c ? { version: c.version, source: c.source } : null,
        rejected: await selectors.rejected(),
      };
    },

    /** onPopup handles track / untrack for the origin of the popup's tab. */
    async onPopup(msg, siteHosts) {
      const origin = originOf(msg.url, siteHosts);
      if (!origin) return { error: 'not a web page' };
      if (msg.type === MSG.POPUP_TO_BG_TRACK) return track.start(origin, msg.tabId);
      if (msg.type === MSG.POPUP_TO_BG_UNTRACK) return track.stop(origin);
      if (msg.type === MSG.POPUP_TO_BG_TRACKED) return { tracked: await track.isTracked(origin), origin };
      return { error: 'refused' };
    },
  };
}
