// The service worker (the event page in Firefox). Listeners are registered
// at the top level so a restarted worker gets the event that woke it. It uses
// neither DOM nor service-worker-only APIs, so the same file runs as
// Firefox's background script.
import { MSG, SITE_HOSTS, siteForHost, validateContentMessage } from '../shared/messages.js';
import { createHost, HOST_NAME } from './host.js';
import { BAD_MESSAGE_CODES, createQueue } from './queue.js';
import { t } from '../shared/i18n.js';
import { HOST_TYPES, SETTINGS_KEY } from '../shared/defs.generated.js';
import { attachNetwork } from './network.js';
import { createCapture } from './capture.js';

const ALARM = 'frugal-flush';
const BADGE_KEY = 'badge.v1';

const area = {
  get: (k) => chrome.storage.local.get(k),
  set: (o) => chrome.storage.local.set(o),
};
const queue = createQueue(area);

// Capture platform: selector table, capture health, network signal and the
// generic detector (capture.js). The built-in table is the copy build.mjs
// puts in the extension; none in an unbuilt source tree.
const capture = createCapture({
  api: chrome,
  area,
  builtin: () => fetch(chrome.runtime.getURL('src/content/selectors.json')).then((r) => (r.ok ? r.json() : null)).catch(() => null),
});
attachNetwork(chrome, capture.network);
chrome.permissions?.onAdded?.addListener((p) => { capture.track.onAdded(p).catch((e) => console.warn('Frugal:', e)); });
chrome.permissions?.onRemoved?.addListener((p) => { capture.track.onRemoved(p).catch((e) => console.warn('Frugal:', e)); });
// Codes that say a health batch will never be accepted: the queue's one rule
// (the codes tracker/defs marks 'refused').
const BAD_CODES = [...BAD_MESSAGE_CODES];

const host = createHost({
  connect: () => chrome.runtime.connectNative(HOST_NAME),
  lastError: () => chrome.runtime.lastError,
  onState: (state, why) => {
    setBadge(state);
    if (state === 'down') console.info('Frugal: host not reachable:', why);
    if (state === 'up') {
      flush({ force: true }); // the host is back: no need to wait for the backoff
      flushHealth();
    }
  },
  onPush: (msg) => { capture.onHostPush(msg).catch((e) => console.warn('Frugal:', e)); },
});

// setBadge shows "!" while the host is unreachable; it touches the badge
// only when the state differs from what it last showed (kept in storage, as
// the worker may have been restarted in between).
async function setBadge(state) {
  const shown = (await chrome.storage.local.get(BADGE_KEY))[BADGE_KEY];
  if (shown === state) return;
  await chrome.storage.local.set({ [BADGE_KEY]: state });
  if (state === 'down') {
    chrome.action.setBadgeBackgroundColor({ color: '#b3261e' });
    chrome.action.setBadgeText({ text: '!' });
    chrome.action.setTitle({ title: t('badgeDown') });
  } else {
    chrome.action.setBadgeText({ text: '' });
    chrome.action.setTitle({ title: 'Frugal' });
  }
}

const sendEvent = (ev) => ev.kind === 'record'
  ? host.request(HOST_TYPES.record, { request: ev.request }, 10000)
  : host.request(HOST_TYPES.update, { answer: ev.answer }, 10000);

// flush sends what waits; after a failure it waits for the queue's backoff
// (up to 5 minutes) unless forced.
function flush(opts) {
  return queue.flush(sendEvent, opts).catch((e) => console.warn('Frugal: flush:', e));
}

function flushHealth() {
  return capture.flushHealth((type, fields, ms) => host.request(type, fields, ms), BAD_CODES)
    .catch((e) => console.warn('Frugal: capture health:', e));
}

async function settings(refresh = false) {
  if (!refresh) {
    const s = (await chrome.storage.session.get(SETTINGS_KEY))[SETTINGS_KEY];
    if (s) return s;
  }
  const r = await host.request(HOST_TYPES.settings, {}, 3000);
  if (!r.ok) throw new Error(r.error?.code || 'settings');
  await chrome.storage.session.set({ [SETTINGS_KEY]: r.settings });
  return r.settings;
}

// tracked says whether events from this tab may be recorded: private
// (incognito) windows only when the person allowed it. When the setting
// can't be read, private windows are not tracked.
async function tracked(sender) {
  if (!sender.tab?.incognito) return true;
  try {
    return (await settings()).track_private === true;
  } catch {
    return false;
  }
}

function senderSite(sender) {
  if (sender.id !== chrome.runtime.id || !sender.tab || !sender.url) return '';
  try {
    const u = new URL(sender.url);
    return u.protocol === 'https:' ? siteForHost(u.hostname) : '';
  } catch {
    return '';
  }
}

// The popup's own page, shown as the action popup or opened in a tab (the
// e2e tests do): no web page or content script has an extension URL.
const fromPopup = (sender) => sender.id === chrome.runtime.id &&
  typeof sender.url === 'string' && sender.url.startsWith(chrome.runtime.getURL('src/popup/'));

async function handleContent(msg, sender) {
  if (capture.handles(msg)) {
    // Private windows leave no trace, not even counts, unless allowed.
    if (msg.type === MSG.CS_TO_BG_HEALTH && !(await tracked(sender))) return { ignored: true };
    return capture.onContent(msg, sender);
  }
  // A page of an origin the person chose to track runs the generic adapter.
  const site = senderSite(sender) || (await capture.senderGeneric(sender));
  const why = validateContentMessage(msg, site);
  if (why) {
    console.warn('Frugal: refused a content message:', why);
    return { error: 'refused' };
  }
  switch (msg.type) {
    case MSG.CS_TO_BG_DRAFT: {
      if (host.state() === 'down') flush(); // a chance to reconnect and catch up
      try {
        const r = await host.request(HOST_TYPES.classify, { text: msg.text, lang: msg.lang }, 2000);
        return r.ok ? { nudge: r.nudge, verdict: r.verdict } : { error: r.error?.code };
      } catch {
        return { offline: true };
      }
    }
    case MSG.CS_TO_BG_PROMPT:
      if (!(await tracked(sender))) return { ignored: true };
      await queue.enqueue({ qid: msg.request.id, kind: 'record', request: msg.request });
      flush();
      return { queued: true };
    case MSG.CS_TO_BG_ANSWER:
      if (!(await tracked(sender))) return { ignored: true };
      await queue.enqueue({ qid: 'answer:' + msg.answer.id, kind: 'update', answer: msg.answer });
      flush();
      return { queued: true };
    case MSG.CS_TO_BG_NUDGE_OFF:
      try {
        const r = await host.request(HOST_TYPES.set_settings, { settings: { nudges_off: { [msg.category]: true } } });
        if (r.ok) await chrome.storage.session.set({ [SETTINGS_KEY]: r.settings });
        return { ok: !!r.ok };
      } catch {
        return { offline: true };
      }
  }
  return { error: 'refused' };
}

async function handlePopup(msg) {
  switch (msg.type) {
    case MSG.POPUP_TO_BG_STATE: {
      flush();
      flushHealth();
      const out = { connection: host.state(), queue: await queue.stats(), today: null, settings: null, firstConnectMs: host.firstConnectMs() };
      try {
        const t = await host.request(HOST_TYPES.today, {}, 3000);
        if (t.ok) out.today = t;
        out.settings = await settings(true);
      } catch { /* shown as not connected */ }
      out.connection = host.state();
      out.capture = await capture.popupState();
      return out;
    }
    case MSG.POPUP_TO_BG_SET: {
      const s = msg.settings || {};
      const patch = {};
      if (Number.isSafeInteger(s.paused_until_ms) && s.paused_until_ms >= 0) patch.paused_until_ms = s.paused_until_ms;
      if (typeof s.track_private === 'boolean') patch.track_private = s.track_private;
      try {
        const r = await host.request(HOST_TYPES.set_settings, { settings: patch });
        if (r.ok) await chrome.storage.session.set({ [SETTINGS_KEY]: r.settings });
        return { ok: !!r.ok, settings: r.settings };
      } catch {
        return { offline: true };
      }
    }
    case MSG.POPUP_TO_BG_TRACK:
    case MSG.POPUP_TO_BG_UNTRACK:
    case MSG.POPUP_TO_BG_TRACKED:
      return capture.onPopup(msg, Object.values(SITE_HOSTS).flat());
  }
  return { error: 'refused' };
}

chrome.runtime.onMessage.addListener((msg, sender, reply) => {
  const h = fromPopup(sender) ? handlePopup(msg) : handleContent(msg, sender);
  h.then(reply, (e) => {
    console.warn('Frugal:', e);
    reply({ error: 'internal' });
  });
  return true; // reply asynchronously
});

chrome.alarms.onAlarm.addListener((a) => {
  if (a.name === ALARM) {
    flush();
    flushHealth();
  }
});
chrome.runtime.onInstalled.addListener(() => chrome.alarms.create(ALARM, { periodInMinutes: 1 }));
chrome.runtime.onStartup.addListener(() => chrome.alarms.create(ALARM, { periodInMinutes: 1 }));

// On wake-up: send what was left from last time, if anything.
queue.stats().then((s) => { if (s.length) flush(); });
