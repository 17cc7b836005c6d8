import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { attachNetwork, compileEndpoints, createNetwork, matchRequest, NETWORK_FALLBACK, WATCHED } from '../src/background/network.js';

const table = JSON.parse(readFileSync(new URL('../../tracker/capture/selectors.json', import.meta.url), 'utf8'));

// The completion request of each site (tracker/capture/README_health.md, sites-2026).
const CASES = [
  ['chatgpt', 'POST', 'https://chatgpt.com/backend-api/f/conversation'],
  ['chatgpt', 'POST', 'https://chatgpt.com/backend-anon/f/conversation'],
  ['claude', 'POST', 'https://claude.ai/api/organizations/0a1b/chat_conversations/9f8e/completion'],
  ['claude', 'POST', 'https://claude.ai/api/organizations/0a1b/chat_conversations/9f8e/retry_completion'],
  ['gemini', 'POST', 'https://gemini.google.com/_/BardChatUi/data/assistant.lamda.BardFrontendService/StreamGenerate?bl=x&rt=c'],
  ['copilot', 'POST', 'https://copilot.microsoft.com/c/api/conversations'],
  ['lechat', 'POST', 'https://chat.mistral.ai/api/chat'],
  ['perplexity', 'POST', 'https://www.perplexity.ai/rest/sse/perplexity_ask'],
  ['deepseek', 'POST', 'https://chat.deepseek.com/api/v0/chat/completion'],
];
const NOT = [
  ['GET of a completion path', 'GET', 'https://chat.deepseek.com/api/v0/chat/completion'],
  ['another path', 'POST', 'https://claude.ai/api/organizations/0a1b/chat_conversations'],
  ['another host', 'POST', 'https://evil.example/api/v0/chat/completion'],
  ['a host that only ends like a site', 'POST', 'https://notclaude.ai/api/organizations/a/chat_conversations/b/completion'],
  ['plain http', 'POST', 'http://chat.deepseek.com/api/v0/chat/completion'],
];

for (const [name, eps] of [['fallback list', compileEndpoints(null)], ['selector table', compileEndpoints(table)]]) {
  test(`${name}: each site's completion request is recognised, and nothing else`, () => {
    for (const [site, method, url] of CASES) {
      assert.equal(matchRequest(eps, { tabId: 3, method, url }), site, url);
    }
    for (const [why, method, url] of NOT) {
      assert.equal(matchRequest(eps, { tabId: 3, method, url }), '', why);
    }
    assert.equal(matchRequest(eps, { tabId: -1, method: 'POST', url: CASES[0][2] }), '', 'not from a tab');
  });
}

test('the fallback list is the built-in table\'s network entries, for every site', () => {
  for (const [site, s] of Object.entries(table.sites)) {
    if (!s.network) continue;
    assert.deepEqual(NETWORK_FALLBACK[site]?.hosts, s.hosts, `${site} hosts`);
    assert.deepEqual(NETWORK_FALLBACK[site]?.network.map((e) => ({ method: e.method || 'POST', path: e.path })),
      s.network.map((e) => ({ method: e.method || 'POST', path: e.path })), `${site} network`);
  }
});

test('a table entry whose path does not compile is skipped; an unusable table falls back', () => {
  const eps = compileEndpoints({ sites: { claude: { hosts: ['claude.ai'], network: [{ method: 'POST', path: '^/a(' }, { method: 'POST', path: '^/ok$' }] } } });
  assert.equal(eps.length, 1);
  assert.equal(matchRequest(eps, { tabId: 1, method: 'POST', url: 'https://claude.ai/ok' }), 'claude');
  assert.ok(compileEndpoints({ sites: { claude: { composer: ['x'] } } }).length >= 7, 'no network entries: the fallback');
});

test('start and end are told to the tab and frame that made the request, without the query string', () => {
  const sent = [];
  const net = createNetwork({ endpoints: () => compileEndpoints(null), send: (tab, frame, msg) => sent.push([tab, frame, msg]), now: () => 5 });
  const url = 'https://gemini.google.com/_/BardChatUi/data/assistant.lamda.BardFrontendService/StreamGenerate?f.req=secret&rt=c';
  net.onBeforeRequest({ tabId: 7, frameId: 0, method: 'POST', url, timeStamp: 1000.4, requestBody: { raw: [] } });
  net.onCompleted({ tabId: 7, frameId: 0, method: 'POST', url, timeStamp: 4000 });
  net.onErrorOccurred({ tabId: 7, frameId: 2, method: 'POST', url, timeStamp: 4500, error: 'net::ERR_ABORTED' });
  net.onBeforeRequest({ tabId: 7, frameId: 0, method: 'GET', url: 'https://gemini.google.com/app' });
  const base = 'https://gemini.google.com/_/BardChatUi/data/assistant.lamda.BardFrontendService/StreamGenerate';
  assert.deepEqual(sent, [
    [7, 0, { type: 'bg-cs-net', phase: 'start', site: 'gemini', url: base, at: 1000 }],
    [7, 0, { type: 'bg-cs-net', phase: 'end', site: 'gemini', url: base, at: 4000 }],
    [7, 2, { type: 'bg-cs-net', phase: 'end', site: 'gemini', url: base, at: 4500, error: 'net::ERR_ABORTED' }],
  ]);
});

test('listeners are non-blocking, read no body, and cover every site host', () => {
  const added = [];
  const ev = (name) => ({ addListener: (f, filter, extra) => added.push({ name, f, filter, extra }) });
  const api = { webRequest: { onBeforeRequest: ev('before'), onCompleted: ev('completed'), onErrorOccurred: ev('error') } };
  const h = { onBeforeRequest() {}, onCompleted() {}, onErrorOccurred() {} };
  assert.equal(attachNetwork(api, h), true);
  assert.deepEqual(added.map((a) => a.name), ['before', 'completed', 'error']);
  for (const a of added) {
    assert.equal(a.extra, undefined, 'no blocking, no requestBody');
    assert.deepEqual(a.filter.urls, WATCHED);
  }
  const hosts = Object.values(NETWORK_FALLBACK).flatMap((s) => s.hosts);
  for (const s of Object.values(table.sites)) {
    for (const host of s.hosts || []) assert.ok(hosts.includes(host), `${host} of the table is watched`);
  }
  assert.equal(attachNetwork({}, h), false, 'a browser without webRequest');
});
