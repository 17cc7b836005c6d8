// capture.js: the popup's capture part: sites whose capture is degraded, a
// refused selector table, and "Track this site" for a chat page none of the
// adapters knows (the generic detector, off until the person asks).
import { MSG, SITE_HOSTS } from '../shared/messages.js';
import { SITE_ALIASES, SITE_NAMES } from '../shared/defs.generated.js';
import { t } from '../shared/i18n.js';
import { originOf, patternFor } from '../background/track.js';

/** siteName is how a health key is shown: a site's name (an older id such as mistral too), or the host of a generic one. */
export function siteName(key) {
  if (key.startsWith('generic:')) return key.slice(8);
  const id = SITE_NAMES[key] ? key : Object.keys(SITE_ALIASES).find((s) => SITE_ALIASES[s].includes(key));
  return SITE_NAMES[id] || key;
}

/**
 * renderCapture fills #degraded, #table-rejected and #track, in the
 * browser's language (_locales, as the rest of the popup). state is the
 * worker's capture state ({degraded, selectors, rejected}); knownSite says
 * the tab is one of the supported sites (no "Track this site" there).
 */
export async function renderCapture({ doc, api, state, knownSite, rerender = () => {} }) {
  const $ = (id) => doc.getElementById(id);
  const degraded = state?.degraded || [];
  $('degraded').hidden = !degraded.length;
  $('degraded').textContent = degraded.length ? t('captureDegraded', degraded.map(siteName).join(', ')) : '';
  const rej = state?.rejected;
  $('table-rejected').hidden = !rej;
  $('table-rejected').textContent = !rej ? '' : rej.from === 'file' ? t('tableRefusedFile', rej.path, rej.reason) : t('tableRefusedApp', rej.reason);

  const btn = $('track');
  btn.hidden = true;
  if (knownSite) return;
  let tab;
  try {
    [tab] = await api.tabs.query({ active: true, currentWindow: true });
  } catch {
    return;
  }
  const origin = originOf(tab?.url || '', Object.values(SITE_HOSTS).flat());
  if (!origin) return;
  const st = await api.runtime.sendMessage({ type: MSG.POPUP_TO_BG_TRACKED, url: tab.url });
  btn.hidden = false;
  btn.textContent = st?.tracked ? t('untrackSite') : t('trackSite');
  btn.onclick = async () => {
    btn.disabled = true;
    try {
      if (st?.tracked) {
        await api.runtime.sendMessage({ type: MSG.POPUP_TO_BG_UNTRACK, url: tab.url });
      } else {
        // Called first, in the click itself: a permission request needs
        // the person's gesture.
        const granted = await api.permissions.request({ origins: [patternFor(origin)] });
        if (!granted) {
          btn.textContent = t('trackDenied');
          return;
        }
        const r = await api.runtime.sendMessage({ type: MSG.POPUP_TO_BG_TRACK, url: tab.url, tabId: tab.id });
        if (r?.error) {
          btn.textContent = t('trackFailed', r.error);
          return;
        }
      }
      await rerender();
    } finally {
      btn.disabled = false;
    }
  };
}
