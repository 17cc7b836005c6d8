// Small fakes of the chrome APIs the capture platform uses (tests only).

/** memArea is chrome.storage.local in memory, copying values as the browser does. */
export function memArea(init = {}) {
  const data = structuredClone(init);
  return {
    data,
    async get(k) {
      return k in data ? { [k]: structuredClone(data[k]) } : {};
    },
    async set(o) {
      for (const [k, v] of Object.entries(structuredClone(o))) data[k] = v;
    },
  };
}

/** fakeChrome has the permissions, scripting, tabs and runtime parts capture.js uses. */
export function fakeChrome({ granted = [], tabs = [] } = {}) {
  const scripts = new Map();
  const perms = new Set(granted);
  const api = {
    sentToTabs: [],
    injected: [],
    runtime: { id: 'frugal-id', getURL: (p) => `chrome-extension://frugal-id/${p}` },
    permissions: {
      contains: async ({ origins }) => origins.every((o) => perms.has(o)),
      request: async ({ origins }) => { origins.forEach((o) => perms.add(o)); return true; },
      remove: async ({ origins }) => { let any = false; origins.forEach((o) => { any = perms.delete(o) || any; }); return any; },
    },
    scripting: {
      registerContentScripts: async (list) => {
        for (const s of list) {
          if (scripts.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
          scripts.set(s.id, structuredClone(s));
        }
      },
      getRegisteredContentScripts: async () => [...scripts.values()].map((s) => structuredClone(s)),
      unregisterContentScripts: async ({ ids }) => { for (const id of ids) scripts.delete(id); },
      executeScript: async (opts) => { api.injected.push(opts); return []; },
    },
    tabs: {
      query: async () => tabs,
      sendMessage: async (tabId, msg, opts) => { api.sentToTabs.push({ tabId, msg, opts }); },
    },
    perms,
    scripts,
  };
  return api;
}
