import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MSG, siteForHost, validateContentMessage, validateRequest } from '../src/shared/messages.js';

const good = () => ({ id: 'a1b2', site: 'claude', prompt: 'hi', prompt_chars: 2, attachments: 0, kind: 'text',
  reasoning: '', web_search: false, at: 1700000000000, outcome: 'sent' });

test('siteForHost knows the eight host names and nothing else', () => {
  assert.equal(siteForHost('chatgpt.com'), 'chatgpt');
  assert.equal(siteForHost('chat.openai.com'), 'chatgpt');
  assert.equal(siteForHost('www.perplexity.ai'), 'perplexity');
  assert.equal(siteForHost('perplexity.ai.evil.com'), '');
  assert.equal(siteForHost('claude.ai.example'), '');
});

test('a well-formed request passes', () => {
  assert.equal(validateRequest(good()), '');
  assert.equal(validateContentMessage({ type: MSG.CS_TO_BG_PROMPT, request: good() }, 'claude'), '');
});

test('malformed requests are refused', () => {
  const cases = {
    'unknown field': { ...good(), secret: 1 },
    'empty id': { ...good(), id: '' },
    'long id': { ...good(), id: 'x'.repeat(129) },
    'unknown site': { ...good(), site: 'bard' },
    'negative attachments': { ...good(), attachments: -1 },
    'fractional chars': { ...good(), prompt_chars: 1.5 },
    'bad outcome': { ...good(), outcome: 'maybe' },
    'bad kind': { ...good(), kind: 'hologram' },
    'bad category': { ...good(), category: 'gossip' },
    'string time': { ...good(), at: '2025-01-01' },
    'web_search not boolean': { ...good(), web_search: 'yes' },
  };
  for (const [name, r] of Object.entries(cases)) assert.notEqual(validateRequest(r), '', name);
  assert.notEqual(validateRequest(null), '');
  assert.notEqual(validateRequest([]), '');
});

test('a content script may only speak for its own site', () => {
  assert.match(validateContentMessage({ type: MSG.CS_TO_BG_PROMPT, request: good() }, 'chatgpt'), /site/);
  assert.match(validateContentMessage({ type: MSG.CS_TO_BG_DRAFT, text: 'x', lang: 'en' }, ''), /sender/);
});

test('drafts, answers and nudge-off messages are checked', () => {
  assert.equal(validateContentMessage({ type: MSG.CS_TO_BG_DRAFT, text: 'hello', lang: 'fr' }, 'gemini'), '');
  assert.notEqual(validateContentMessage({ type: MSG.CS_TO_BG_DRAFT, text: 'x'.repeat(20001), lang: 'fr' }, 'gemini'), '');
  assert.notEqual(validateContentMessage({ type: MSG.CS_TO_BG_DRAFT, text: 'x', lang: 'de' }, 'gemini'), '');
  assert.equal(validateContentMessage({ type: MSG.CS_TO_BG_ANSWER, answer: { id: 'a', answer_chars: 3, streaming_ms: 40 } }, 'gemini'), '');
  assert.notEqual(validateContentMessage({ type: MSG.CS_TO_BG_ANSWER, answer: { id: 'a', answer_chars: -3, streaming_ms: 40 } }, 'gemini'), '');
  assert.equal(validateContentMessage({ type: MSG.CS_TO_BG_NUDGE_OFF, category: 'weather' }, 'gemini'), '');
  assert.notEqual(validateContentMessage({ type: MSG.CS_TO_BG_NUDGE_OFF, category: 'none' }, 'gemini'), '');
  assert.notEqual(validateContentMessage({ type: 'popup-bg-set' }, 'gemini'), '');
});
