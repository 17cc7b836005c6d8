// The service worker (the event page in Firefox). Listeners are registered
// at the top level so a restarted worker gets the event that woke it. It uses
// neither DOM nor service-worker-only APIs, so the same file runs as
// Firefox's background script.
import { MSG, siteForHost, validateContentMessage } from '../shared/messages.js';
import { createHost, HOST_NAME } from './host.js';
import { createQueue } from './queue.js';
import { t } from '../shared/i18n.js';
import { HOST_TYPES, SETTINGS_KEY } from '../shared/defs.generated.js';

const ALARM = 'frugal-flush';
const BADGE_KEY = 'badge.v1';

const area = {
  get: (k) => chrome.storage.local.get(k),
  set: (o) => chrome.storage.local.set(o),
};
const queue = createQueue(area);

const host = createHost({
  connect: () => chrome.runtime.connectNative(HOST_NAME),
  lastError: () => chrome.runtime.lastError,
  onState: (state, why) => {
    setBadge(state);
    if (state === 'down') console.info('Frugal: host not reachable:', why);
    if (state === 'up') flush({ force: true }); // the host is back: no need to wait for the backoff
  },
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

const fromPopup = (sender) => sender.id === chrome.runtime.id && !sender.tab &&
  typeof sender.url === 'string' && sender.url.startsWith(chrome.runtime.getURL('src/popup/'));

async function handleContent(msg, sender) {
  const why = validateContentMessage(msg, senderSite(sender));
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
      const out = { connection: host.state(), queue: await queue.stats(), today: null, settings: null, firstConnectMs: host.firstConnectMs() };
      try {
        const t = await host.request(HOST_TYPES.today, {}, 3000);
        if (t.ok) out.today = t;
        out.settings = await settings(true);
      } catch { /* shown as not connected */ }
      out.connection = host.state();
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
  if (a.name === ALARM) flush();
});
chrome.runtime.onInstalled.addListener(() => chrome.alarms.create(ALARM, { periodInMinutes: 1 }));
chrome.runtime.onStartup.addListener(() => chrome.alarms.create(ALARM, { periodInMinutes: 1 }));

// On wake-up: send what was left from last time, if anything.
queue.stats().then((s) => { if (s.length) flush(); });
