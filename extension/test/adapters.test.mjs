import { test } from 'node:test';
import assert from 'node:assert/strict';
import adapters from '../src/content/sites/index.js';
import { fixture, trusted, setText, sleep } from './helpers.mjs';

// What each fixture shows besides the prompt.
const cases = {
  chatgpt: { host: 'chatgpt.com', model: 'ChatGPT 4o', attachments: 1, kind: 'text', reasoning: '', web: false,
    answer: (d) => { const a = d.createElement('div'); a.setAttribute('data-message-author-role', 'assistant'); return a; } },
  claude: { host: 'claude.ai', model: 'Claude Sonnet 4', attachments: 1, kind: 'text', reasoning: '', web: false,
    answer: (d) => { const a = d.createElement('div'); a.setAttribute('data-is-streaming', 'false'); return a; } },
  gemini: { host: 'gemini.google.com', model: '2.5 Flash', attachments: 1, kind: 'text', reasoning: '', web: false,
    answer: (d) => { const a = d.createElement('model-response'); const m = d.createElement('message-content'); a.append(m); return [a, m]; } },
  copilot: { host: 'copilot.microsoft.com', model: 'Smart', attachments: 0, kind: 'text', reasoning: '', web: false,
    answer: (d) => { const a = d.createElement('div'); a.setAttribute('data-content', 'ai-message'); return a; } },
  lechat: { host: 'chat.mistral.ai', model: 'Mistral Medium', attachments: 0, kind: 'image', reasoning: '', web: false,
    answer: (d) => { const a = d.createElement('div'); a.setAttribute('data-message-author-role', 'assistant'); return a; } },
  perplexity: { host: 'www.perplexity.ai', model: 'Best', attachments: 0, kind: 'text', reasoning: '', web: true,
    answer: (d) => { const a = d.createElement('div'); a.id = 'markdown-content-1'; a.className = 'prose'; return a; } },
  deepseek: { host: 'chat.deepseek.com', model: '', attachments: 0, kind: 'text', reasoning: 'thinking', web: false,
    answer: (d) => { const a = d.createElement('div'); a.className = 'ds-markdown'; return a; } },
};

test('there is one adapter per site, each of the one shape', () => {
  assert.deepEqual(adapters.map((a) => a.id).sort(), Object.keys(cases).sort());
  for (const a of adapters) {
    assert.deepEqual(Object.keys(a).sort(), ['id', 'matches', 'observe']);
    assert.ok(a.matches(new URL(`https://${cases[a.id].host}/c/1`)), `${a.id} matches its host`);
    assert.ok(!a.matches(new URL('https://example.com/')), `${a.id} does not match example.com`);
  }
});

for (const a of adapters) {
  const c = cases[a.id];
  test(`${a.id}: finds the composer, sees drafts, a send and the end of the answer`, async () => {
    const { window, document } = fixture(a.id);
    const events = [];
    let hold = false;
    const stop = a.observe(document, (ev) => { events.push(ev); return ev.type === 'send' ? hold : undefined; }, { quietMs: 40 });
    assert.deepEqual(events.find((e) => e.type === 'status'), { type: 'status', composer: true });

    const composer = a.id === 'copilot' ? document.querySelector('#userInput')
      : document.querySelector('#prompt-textarea, .ProseMirror, .ql-editor, #ask-input, textarea');
    setText(window, composer, 'What is the weather in Lyon?');
    assert.deepEqual(events.at(-1), { type: 'draft', text: 'What is the weather in Lyon?' });

    // A held send: the page never sees the Enter.
    hold = true;
    const enter = trusted(window, 'keydown', { key: 'Enter' });
    composer.dispatchEvent(enter);
    const send = events.at(-1);
    assert.equal(send.type, 'send');
    assert.equal(enter.defaultPrevented, true, 'held Enter is prevented');
    const cap = send.capture;
    assert.equal(cap.text, 'What is the weather in Lyon?');
    assert.equal(cap.site, a.id);
    assert.equal(cap.model, c.model);
    assert.equal(cap.attachments, c.attachments);
    assert.equal(cap.kind, c.kind);
    assert.equal(cap.reasoning, c.reasoning);
    assert.equal(cap.web_search, c.web);
    assert.match(cap.id, /^[0-9a-f-]{36}$/);

    // Shift+Enter is a new line, not a send; a synthetic event is not a person's.
    const n = events.length;
    composer.dispatchEvent(trusted(window, 'keydown', { key: 'Enter', shiftKey: true }));
    composer.dispatchEvent(new window.Event('keydown', { bubbles: true }));
    assert.equal(events.length, n);

    // A send that goes through is not touched, and its answer is followed.
    await sleep(450); // past the one-send-per-gesture window
    hold = false;
    const btn = document.querySelector(a.id === 'gemini' ? 'button.send-button' : a.id === 'deepseek' ? 'div._7436101' :
      'button[data-testid="send-button"], button[aria-label="Send message"], button[data-testid="submit-button"], button[aria-label="Send question"]');
    const click = trusted(window, 'click');
    btn.dispatchEvent(click);
    assert.equal(events.at(-1).type, 'send');
    assert.equal(click.defaultPrevented, false, 'a send that is not held is untouched');
    const sent = events.at(-1).capture;
    let ans = c.answer(document);
    let outer = ans;
    if (Array.isArray(ans)) [outer, ans] = ans;
    document.body.append(outer);
    ans.append(document.createTextNode('Sunny, 21 °C.'));
    await sleep(20);
    ans.append(document.createTextNode(' Light wind.'));
    await sleep(150);
    const done = events.find((e) => e.type === 'answer');
    assert.ok(done, 'answer reported');
    assert.equal(done.id, sent.id);
    assert.equal(done.chars, 'Sunny, 21 °C. Light wind.'.length);
    assert.ok(done.ms >= 15, `streaming time ${done.ms} ms`);
    stop();
  });
}

test('a page without a composer says so', () => {
  const { document } = fixture('chatgpt');
  document.querySelector('#prompt-textarea').remove();
  const events = [];
  const stop = adapters[0].observe(document, (e) => events.push(e));
  assert.deepEqual(events[0], { type: 'status', composer: false });
  stop();
});
