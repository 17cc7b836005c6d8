// The popup: today's requests and footprint range, trivial ones, the
// connection to the app, whether this site's composer was found, and pause.
import { MSG, SITE_NAMES } from '../shared/messages.js';

const fr = (navigator.language || '').toLowerCase().startsWith('fr');
const T = fr ? {
  today: "Aujourd'hui", status: 'État', private: 'Suivre les fenêtres privées',
  requests: (n) => `${n} requête${n > 1 ? 's' : ''} IA`, trivial: (n) => `dont ${n} triviale${n > 1 ? 's' : ''}`,
  notEstimated: 'Empreinte : non estimée', footprint: (lo, hi) => `Énergie : ${lo} – ${hi} Wh`,
  up: "Connecté à l'application Frugal", down: "Application Frugal injoignable (les requêtes sont gardées et seront envoyées plus tard)",
  unknown: 'Connexion…', siteOk: (s) => `${s} : zone de saisie trouvée`, siteMissing: (s) => `${s} : zone de saisie introuvable — ce site a peut-être changé, Frugal ne voit pas vos requêtes ici`,
  noSite: "Cet onglet n'est pas un assistant IA suivi", queued: (n) => `${n} en attente`,
  why: { host: "l'application ne répond pas", disk_full: 'disque plein', internal: "erreur interne de l'application", no_reply: "pas de réponse de l'application" },
  retry: (s) => `nouvel essai dans ${s} s`, refused: (n) => `${n} refusée(s) par l'application (invalide)`,
  storageFull: (n) => `Stockage du navigateur plein : ${n} en mémoire seulement, perdue(s) si le navigateur se ferme avant l'envoi`,
  pause: 'Suspendre le suivi 1 h', resume: 'Reprendre le suivi', paused: (t) => `Suivi suspendu jusqu'à ${t}`,
} : {
  today: 'Today', status: 'Status', private: 'Track private windows',
  requests: (n) => `${n} AI request${n === 1 ? '' : 's'}`, trivial: (n) => `${n} of them trivial`,
  notEstimated: 'Footprint: not estimated', footprint: (lo, hi) => `Energy: ${lo} – ${hi} Wh`,
  up: 'Connected to the Frugal app', down: 'Frugal app not reachable (requests are kept and sent later)',
  unknown: 'Connecting…', siteOk: (s) => `${s}: composer found`, siteMissing: (s) => `${s}: composer not found — this site may have changed; Frugal can't see your requests here`,
  noSite: 'This tab is not a tracked AI assistant', queued: (n) => `${n} waiting`,
  why: { host: 'the app does not answer', disk_full: 'disk full', internal: 'internal error in the app', no_reply: 'no reply from the app' },
  retry: (s) => `next try in ${s} s`, refused: (n) => `${n} refused by the app (invalid)`,
  storageFull: (n) => `Browser storage is full: ${n} kept in memory only, lost if the browser closes before they are sent`,
  pause: 'Pause tracking for 1 h', resume: 'Resume tracking', paused: (t) => `Tracking paused until ${t}`,
};
document.documentElement.lang = fr ? 'fr' : 'en';
for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = T[el.dataset.i18n];

const $ = (id) => document.getElementById(id);
const num = (x) => (x < 10 ? x.toFixed(2) : x.toFixed(1));
const NAMES = SITE_NAMES;

async function siteStatus() {
  try {
    const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
    if (!tab?.id) return null;
    return await chrome.tabs.sendMessage(tab.id, { type: MSG.POPUP_TO_CS_STATUS });
  } catch {
    return null; // no content script in this tab: not one of our sites
  }
}

// queueText says how many events wait and why, when the next try is, what
// the app refused, and whether browser storage is full.
function queueText(q) {
  if (!q) return '';
  const parts = [];
  if (q.length) {
    let s = T.queued(q.length);
    if (q.why) s += ` (${T.why[q.why] || q.why})`;
    const wait = Math.ceil(((q.retryAt || 0) - Date.now()) / 1000);
    if (wait > 0) s += ` — ${T.retry(wait)}`;
    parts.push(s);
  }
  if (q.storageFull) parts.push(T.storageFull(q.unsaved));
  if (q.refused) parts.push(T.refused(q.refused));
  return parts.join('. ');
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
  $('queue').textContent = queueText(st?.queue);
  $('queue').className = st?.queue?.storageFull ? 'bad' : '';
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
}

render();
