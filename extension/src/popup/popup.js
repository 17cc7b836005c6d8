// The popup: today's requests and footprint range, trivial ones, the
// connection to the app, whether this site's composer was found, and pause.
import { MSG } from '../shared/messages.js';
import { renderCapture } from './capture.js';

const fr = (navigator.language || '').toLowerCase().startsWith('fr');
const T = fr ? {
  today: "Aujourd'hui", status: 'État', private: 'Suivre les fenêtres privées',
  requests: (n) => `${n} requête${n > 1 ? 's' : ''} IA`, trivial: (n) => `dont ${n} triviale${n > 1 ? 's' : ''}`,
  notEstimated: 'Empreinte : non estimée', footprint: (lo, hi) => `Énergie : ${lo} – ${hi} Wh`,
  up: "Connecté à l'application Frugal", down: "Application Frugal injoignable (les requêtes sont gardées et seront envoyées plus tard)",
  unknown: 'Connexion…', siteOk: (s) => `${s} : zone de saisie trouvée`, siteMissing: (s) => `${s} : zone de saisie introuvable — ce site a peut-être changé, Frugal ne voit pas vos requêtes ici`,
  noSite: "Cet onglet n'est pas un assistant IA suivi", queued: (n, d) => `${n} en attente${d ? `, ${d} perdue(s)` : ''}`,
  pause: 'Suspendre le suivi 1 h', resume: 'Reprendre le suivi', paused: (t) => `Suivi suspendu jusqu'à ${t}`,
} : {
  today: 'Today', status: 'Status', private: 'Track private windows',
  requests: (n) => `${n} AI request${n === 1 ? '' : 's'}`, trivial: (n) => `${n} of them trivial`,
  notEstimated: 'Footprint: not estimated', footprint: (lo, hi) => `Energy: ${lo} – ${hi} Wh`,
  up: 'Connected to the Frugal app', down: 'Frugal app not reachable (requests are kept and sent later)',
  unknown: 'Connecting…', siteOk: (s) => `${s}: composer found`, siteMissing: (s) => `${s}: composer not found — this site may have changed; Frugal can't see your requests here`,
  noSite: 'This tab is not a tracked AI assistant', queued: (n, d) => `${n} waiting${d ? `, ${d} dropped` : ''}`,
  pause: 'Pause tracking for 1 h', resume: 'Resume tracking', paused: (t) => `Tracking paused until ${t}`,
};
document.documentElement.lang = fr ? 'fr' : 'en';
for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = T[el.dataset.i18n];

const $ = (id) => document.getElementById(id);
const num = (x) => (x < 10 ? x.toFixed(2) : x.toFixed(1));
const NAMES = { chatgpt: 'ChatGPT', claude: 'Claude', gemini: 'Gemini', copilot: 'Copilot', mistral: 'Le Chat', perplexity: 'Perplexity', deepseek: 'DeepSeek' };

async function siteStatus() {
  try {
    const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
    if (!tab?.id) return null;
    return await chrome.tabs.sendMessage(tab.id, { type: MSG.POPUP_TO_CS_STATUS });
  } catch {
    return null; // no content script in this tab: not one of our sites
  }
}

async function render() {
  const [st, site] = await Promise.all([chrome.runtime.sendMessage({ type: MSG.POPUP_TO_BG_STATE }), siteStatus()]);
  const today = st?.today;
  $('count').textContent = today ? T.requests(today.count) : '–';
  $('trivial').textContent = today ? T.trivial(today.trivial) : '';
  const fp = today?.footprint;
  $('footprint').textContent = fp ? T.footprint(num(fp.energy_wh.low), num(fp.energy_wh.high)) : (today ? T.notEstimated : '');
  $('connection').textContent = T[st?.connection || 'unknown'];
  $('connection').className = st?.connection === 'down' ? 'bad' : '';
  if (site?.site) {
    $('site').textContent = site.composer ? T.siteOk(NAMES[site.site]) : T.siteMissing(NAMES[site.site]);
    $('site').className = site.composer ? '' : 'bad';
  } else {
    $('site').textContent = T.noSite;
  }
  $('queue').textContent = st?.queue?.length || st?.queue?.dropped ? T.queued(st.queue.length, st.queue.dropped) : '';
  const s = st?.settings;
  const pausedUntil = s?.paused_until_ms || 0;
  const paused = pausedUntil > Date.now();
  $('pause').textContent = paused ? T.resume : T.pause;
  $('pause').disabled = !s;
  $('pause').onclick = async () => {
    await chrome.runtime.sendMessage({ type: MSG.POPUP_TO_BG_SET, settings: { paused_until_ms: paused ? 0 : Date.now() + 3600_000 } });
    render();
  };
  if (paused) $('count').textContent += ' — ' + T.paused(new Date(pausedUntil).toLocaleTimeString());
  $('private').checked = !!s?.track_private;
  $('private').disabled = !s;
  $('private').onchange = async (e) => {
    await chrome.runtime.sendMessage({ type: MSG.POPUP_TO_BG_SET, settings: { track_private: e.target.checked } });
    render();
  };
  await renderCapture({ doc: document, api: chrome, state: st?.capture, fr, knownSite: !!site?.site && site.site !== 'generic', rerender: render });
}

render();
