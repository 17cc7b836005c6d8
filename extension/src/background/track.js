// track.js: the generic detector, per origin, at the person's request. The
// popup asks for the origin's optional host permission (only a user gesture
// can), then the worker registers the generic content script for that
// origin (persisted across sessions and reloads) and injects it in the open
// tab. "Stop tracking this site" unregisters it and gives the permission
// back. Nothing runs on an origin without both the permission and the
// registration.

export const GENERIC_JS = Object.freeze(['src/generic/flag.js', 'src/content/loader.js']);
const PREFIX = 'frugal-generic:';

/**
 * originOf returns "https://host" for an http(s) page URL, or '' for
 * anything else (browser pages, files, the supported sites' own hosts are
 * handled by their adapters and need no tracking). The port is left out:
 * match patterns, and so permissions, cover every port of a host.
 */
export function originOf(url, siteHosts = []) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return '';
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return '';
  if (siteHosts.includes(u.hostname)) return '';
  return `${u.protocol}//${u.hostname}`;
}

/** originOfPattern turns "https://host/*" back into "https://host" ('' for a broader pattern). */
export function originOfPattern(p) {
  const m = /^(https?):\/\/([^/*]+)\/\*$/.exec(p);
  return m ? `${m[1]}://${m[2]}` : '';
}

/** patternFor is the match pattern of every page of an origin. */
export const patternFor = (origin) => {
  const u = new URL(origin);
  return `${u.protocol}//${u.hostname}/*`; // match patterns carry no port
};

export const scriptId = (origin) => PREFIX + origin;

/**
 * createTrack works with the chrome API given (chrome in the worker, a fake
 * in tests): permissions.contains/remove, scripting.registerContentScripts,
 * getRegisteredContentScripts, unregisterContentScripts, executeScript.
 */
export function createTrack(api) {
  const list = async () => (await api.scripting.getRegisteredContentScripts())
    .filter((s) => s.id.startsWith(PREFIX)).map((s) => s.id.slice(PREFIX.length));

  return {
    /** origins returns the origins being tracked. */
    origins: list,

    /** isTracked reports whether the page's origin is tracked (permission and registration both). */
    async isTracked(origin) {
      if (!origin) return false;
      if (!(await list()).includes(origin)) return false;
      return api.permissions.contains({ origins: [patternFor(origin)] });
    },

    /**
     * start registers the generic adapter for origin and injects it in tab
     * tabId. The permission must already be granted (by the popup).
     * Returns {ok} or {error}.
     */
    async start(origin, tabId) {
      if (!origin) return { error: 'not a web page' };
      const pattern = patternFor(origin);
      if (!(await api.permissions.contains({ origins: [pattern] }))) return { error: 'permission not granted' };
      const id = scriptId(origin);
      if (!(await list()).includes(origin)) {
        try {
          await api.scripting.registerContentScripts([{
            id, matches: [pattern], js: [...GENERIC_JS], runAt: 'document_idle', persistAcrossSessions: true,
          }]);
        } catch (e) {
          // The popup and permissions.onAdded may both get here: one wins.
          if (!(await list()).includes(origin)) throw e;
        }
      }
      if (Number.isInteger(tabId) && tabId >= 0) {
        try {
          await api.scripting.executeScript({ target: { tabId }, files: [...GENERIC_JS] });
        } catch (e) {
          // The registration stands: the page gets it at its next load.
          return { ok: true, injected: false, why: String(e?.message || e) };
        }
      }
      return { ok: true, injected: Number.isInteger(tabId) && tabId >= 0 };
    },

    /**
     * onAdded completes tracking when the browser grants an origin's
     * permission: Firefox closes the popup while it asks, so the popup may
     * never get to tell the worker. Permissions are only ever asked for
     * this, one origin at a time.
     */
    async onAdded(perms) {
      for (const p of perms?.origins || []) {
        const o = originOfPattern(p);
        if (o && !(await list()).includes(o)) await this.start(o, -1);
      }
    },

    /** onRemoved stops tracking an origin whose permission the person took back in the browser. */
    async onRemoved(perms) {
      for (const p of perms?.origins || []) {
        const o = originOfPattern(p);
        if (o && (await list()).includes(o)) await api.scripting.unregisterContentScripts({ ids: [scriptId(o)] });
      }
    },

    /** stop unregisters origin's script and removes its permission. */
    async stop(origin) {
      if (!origin) return { error: 'not a web page' };
      if ((await list()).includes(origin)) await api.scripting.unregisterContentScripts({ ids: [scriptId(origin)] });
      let removed = true;
      try {
        removed = await api.permissions.remove({ origins: [patternFor(origin)] });
      } catch {
        removed = false;
      }
      return { ok: true, permissionRemoved: removed };
    },
  };
}
