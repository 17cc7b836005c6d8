// The popup: today's requests and footprint range, trivial ones, the
// connection to the app, whether this site's composer was found, what waits
// in the queue and why, and pause. Strings: _locales through shared/i18n.js.
import { MSG, SITE_NAMES } from '../shared/messages.js';
import { number, plural, t, uiLang } from '../shared/i18n.js';
import { renderCapture } from './capture.js';

const $ = (id) => document.getElementById(id);
const CONNECTION = { up: 'connUp', down: 'connDown', unknown: 'connUnknown' };
const WHY = { host: 'whyHost', disk_full: 'whyDiskFull', internal: 'whyInternal', no_reply: 'whyNoReply' };

async function siteStatus() {
  try {
    const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
    if (!tab?.id) return null;
    return await chrome.tabs.sendMessage(tab.id, { type: MSG.POPUP_TO_CS_STATUS });
  } catch {
    return null; // no content script in this tab: not one of our sites
  }
}

/**
 * queueText says how many events wait and why, when the next try is, what
 * the app refused, and whether browser storage is full.
 */
export function queueText(q, now = Date.now()) {
  if (!q) return '';
  const parts = [];
  if (q.length) {
    let s = plural('queued', q.length);
    if (q.why) s += ` (${WHY[q.why] ? t(WHY[q.why]) : q.why})`;
    const wait = Math.ceil(((q.retryAt || 0) - now) / 1000);
    if (wait > 0) s += ` — ${plural('retryIn', wait)}`;
    parts.push(s);
  }
  if (q.storageFull) parts.push(plural('storageFull', q.unsaved));
  if (q.refused) parts.push(plural('refused', q.refused));
  return parts.join('. ');
}

async function render() {
  const [st, site] = await Promise.all([chrome.runtime.sendMessage({ type: MSG.POPUP_TO_BG_STATE }), siteStatus()]);
  const today = st?.today;
  $('count').textContent = today ? plural('requests', today.count) : '–';
  $('trivial').textContent = today ? plural('trivial', today.trivial) : '';
  const fp = today?.footprint;
  $('footprint').textContent = fp ? t('footprint', number(fp.energy_wh.low), number(fp.energy_wh.high)) : (today ? t('notEstimated') : '');
  $('connection').textContent = t(CONNECTION[st?.connection] || 'connUnknown');
  $('connection').className = st?.connection === 'down' ? 'bad' : '';
  if (site?.site) {
    const name = SITE_NAMES[site.site] || site.site;
    $('site').textContent = site.composer ? t('siteOk', name) : t('siteMissing', name);
    $('site').className = site.composer ? '' : 'bad';
  } else {
    $('site').textContent = t('noSite');
  }
  $('queue').textContent = queueText(st?.queue);
  $('queue').className = st?.queue?.storageFull ? 'bad' : '';
  const s = st?.settings;
  const pausedUntil = s?.paused_until_ms || 0;
  const paused = pausedUntil > Date.now();
  $('pause').textContent = paused ? t('resume') : t('pause');
  $('pause').disabled = !s;
  $('pause').onclick = async () => {
    await chrome.runtime.sendMessage({ type: MSG.POPUP_TO_BG_SET, settings: { paused_until_ms: paused ? 0 : Date.now() + 3600_000 } });
    render();
  };
  if (paused) $('count').textContent += ' — ' + t('pausedUntil', new Date(pausedUntil).toLocaleTimeString());
  $('private').checked = !!s?.track_private;
  $('private').disabled = !s;
  $('private').onchange = async (e) => {
    await chrome.runtime.sendMessage({ type: MSG.POPUP_TO_BG_SET, settings: { track_private: e.target.checked } });
    render();
  };
  await renderCapture({ doc: document, api: chrome, state: st?.capture, knownSite: !!site?.site && site.site !== 'generic', rerender: render });
}

// Unit tests import queueText without a page.
if (globalThis.document?.getElementById('count')) {
  document.documentElement.lang = uiLang().slice(0, 2);
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  render();
}
