// capture.js: the popup's capture part: sites whose capture is degraded, a
// refused selector table, and "Track this site" for a chat page none of the
// adapters knows (the generic detector, off until the person asks).
import { MSG, SITE_HOSTS } from '../shared/messages.js';
import { originOf, patternFor } from '../background/track.js';

const NAMES = { chatgpt: 'ChatGPT', claude: 'Claude', gemini: 'Gemini', copilot: 'Copilot', lechat: 'Le Chat', mistral: 'Le Chat', perplexity: 'Perplexity', deepseek: 'DeepSeek' };

export const strings = (fr) => (fr ? {
  degraded: (s) => `capture dégradée sur ${s}`,
  hostRefused: (why) => `Table des sélecteurs envoyée par l'application refusée (${why}) ; la précédente reste utilisée`,
  fileRefused: (path, why) => `Frugal n'utilise pas ${path} : ${why}`,
  track: 'Suivre ce site',
  untrack: 'Ne plus suivre ce site',
  denied: "Autorisation refusée : ce site n'est pas suivi",
  failed: (why) => `Impossible de suivre ce site : ${why}`,
} : {
  degraded: (s) => `capture degraded on ${s}`,
  hostRefused: (why) => `Selector table from the app refused (${why}); the previous one is still used`,
  fileRefused: (path, why) => `Frugal does not use ${path}: ${why}`,
  track: 'Track this site',
  untrack: 'Stop tracking this site',
  denied: 'Permission refused: this site is not tracked',
  failed: (why) => `Could not track this site: ${why}`,
});

/** siteName is how a health key is shown: a site's name, or the host of a generic one. */
export const siteName = (key) => (key.startsWith('generic:') ? key.slice(8) : NAMES[key] || key);

/**
 * renderCapture fills #degraded, #table-rejected and #track. state is the
 * worker's capture state ({degraded, selectors, rejected}); knownSite says
 * the tab is one of the supported sites (no "Track this site" there).
 */
export async function renderCapture({ doc, api, state, fr, knownSite, rerender = () => {} }) {
  const T = strings(fr);
  const $ = (id) => doc.getElementById(id);
  const degraded = state?.degraded || [];
  $('degraded').hidden = !degraded.length;
  $('degraded').textContent = degraded.length ? T.degraded(degraded.map(siteName).join(', ')) : '';
  const rej = state?.rejected;
  $('table-rejected').hidden = !rej;
  $('table-rejected').textContent = !rej ? '' : rej.from === 'file' ? T.fileRefused(rej.path, rej.reason) : T.hostRefused(rej.reason);

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
  btn.textContent = st?.tracked ? T.untrack : T.track;
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
          btn.textContent = T.denied;
          return;
        }
        const r = await api.runtime.sendMessage({ type: MSG.POPUP_TO_BG_TRACK, url: tab.url, tabId: tab.id });
        if (r?.error) {
          btn.textContent = T.failed(r.error);
          return;
        }
      }
      await rerender();
    } finally {
      btn.disabled = false;
    }
  };
}
