// The engine's rules, one test each, on Frugal's fixture pages with a fake
// clock (the real thresholds: 2 s of stable text, 15 s stall, 10 min limit).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adaptersFrom } from '../src/content/sites/index.js';
import { fixture, trusted, setText, fakeClock, TABLE } from './helpers.mjs';

const adapter = (id) => adaptersFrom(TABLE).find((a) => a.id === id);

// page opens a fixture with the adapter observing it on a fake clock.
function page(site = 'chatgpt') {
  const { window, document } = fixture(site);
  const clock = fakeClock();
  const events = [];
  const stop = adapter(site).observe(document, (ev) => { events.push(ev); return false; }, { clock });
  const $ = (s) => document.querySelector(s);
  const thread = $('[data-sim="thread"]');
  const of = (type) => events.filter((e) => e.type === type);
  return { window, document, clock, events, stop, $, thread, of, health: () => of('health').map((e) => e.event + (e.what ? ':' + e.what : '')) };
}

// ChatGPT-shaped turns.
let nextId = 100;
function chatgptSend(p, text = 'Explain how tides work', { key = {}, empty = true, user = true } = {}) {
  const c = p.$('#prompt-textarea');
  setText(p.window, c, text);
  c.dispatchEvent(trusted(p.window, 'keydown', { key: 'Enter', ...key }));
  if (empty) setText(p.window, c, '');
  if (user) {
    const s = p.document.createElement('section');
    s.innerHTML = `<div data-message-author-role="user" data-message-id="u-${nextId}"><div>${text}</div></div>`;
    p.thread.append(s);
  }
}
function chatgptAnswer(p, id = `a-${nextId++}`) {
  const s = p.document.createElement('section');
  s.innerHTML = `<div data-message-author-role="assistant" data-message-id="${id}"><div class="markdown"></div></div>`;
  p.thread.append(s);
  return { section: s, md: s.querySelector('.markdown'), el: s.firstChild };
}
const streaming = (p, on) => p.$('#composer-submit-button').setAttribute('data-testid', on ? 'stop-button' : 'send-button');

test('end: a 15 s stall with the stop control visible does not end the answer; once stop is hidden, 2 s of stable text do', async () => {
  const p = page();
  chatgptSend(p);
  streaming(p, true);
  const a = chatgptAnswer(p);
  await p.clock.advance(200);
  a.md.append('First half, ');
  await p.clock.advance(15_000); // a tool call, a search, thinking
  assert.equal(p.of('answer').length, 0);
  a.md.append('second half.');
  await p.clock.advance(500);
  // A stop control hidden by aria-hidden counts as gone.
  p.$('#composer-submit-button').setAttribute('aria-hidden', 'true');
  await p.clock.advance(1400);
  assert.equal(p.of('answer').length, 0, 'not before 2 s of stable text');
  await p.clock.advance(400);
  const [ans] = p.of('answer');
  assert.ok(ans);
  assert.equal(ans.chars, 'First half, second half.'.length);
  assert.equal(ans.ms, 15_000);
  assert.equal(ans.timedOut, false);
  p.stop();
});

test('end: a stop control of zero size (Gemini\'s hidden "Stop response") does not hold the answer open', async () => {
  const p = page('gemini');
  const c = p.$('.ql-editor');
  setText(p.window, c, 'Plan a three-day trip to Lyon');
  c.dispatchEvent(trusted(p.window, 'keydown', { key: 'Enter' }));
  setText(p.window, c, '');
  const r = p.document.createElement('model-response');
  r.innerHTML = '<message-content id="message-content-id-r_9"></message-content>';
  p.thread.append(r);
  await p.clock.advance(200);
  r.firstChild.append('Day one: the old town.');
  assert.ok(p.$('button[aria-label="Stop response"]'), 'the hidden stop button is there');
  await p.clock.advance(2200);
  assert.equal(p.of('answer').length, 1);
  assert.equal(p.of('answer')[0].chars, 'Day one: the old town.'.length);
  p.stop();
});

test('end: the done marker ends the answer even when a stop control stays visible', async () => {
  const p = page();
  chatgptSend(p);
  streaming(p, true);
  const a = chatgptAnswer(p);
  await p.clock.advance(200);
  a.md.append('All done.');
  await p.clock.advance(5000);
  assert.equal(p.of('answer').length, 0, 'stop visible, no done marker');
  a.section.insertAdjacentHTML('beforeend', '<div><button data-testid="copy-turn-action-button"></button></div>');
  await p.clock.advance(400);
  assert.equal(p.of('answer').length, 1);
  p.stop();
});

test('end: without any stop control, a 1.9 s pause is not the end, 2 s of quiet are', async () => {
  const p = page('deepseek');
  const c = p.$('#chat-input');
  setText(p.window, c, 'Summarise the causes of the French Revolution');
  c.dispatchEvent(trusted(p.window, 'keydown', { key: 'Enter' }));
  setText(p.window, c, '');
  p.thread.insertAdjacentHTML('beforeend', '<div data-virtual-list-item-key="9"><div class="ds-assistant-message-main-content"><div class="ds-markdown ds-markdown--think">hmm</div><div class="ds-markdown"></div></div></div>');
  const md = p.document.querySelectorAll('.ds-markdown:not(.ds-markdown--think)');
  const m = md[md.length - 1];
  await p.clock.advance(200);
  m.append('Debt, ');
  await p.clock.advance(1800);
  m.append('bread prices, ');
  await p.clock.advance(1800);
  m.append('ideas.');
  await p.clock.advance(1900);
  assert.equal(p.of('answer').length, 0);
  await p.clock.advance(300);
  const [ans] = p.of('answer');
  assert.equal(ans.chars, 'Debt, bread prices, ideas.'.length, 'reasoning is not counted');
  assert.equal(ans.ms, 3600);
  assert.ok(p.health().includes('miss:stop'), 'the stop control was never seen');
  p.stop();
});

test('end: the end of the completion request (network signal) counts as the done marker', async () => {
  const p = page();
  chatgptSend(p);
  streaming(p, true);
  const a = chatgptAnswer(p);
  await p.clock.advance(200);
  a.md.append('Answer.');
  await p.clock.advance(3000);
  assert.equal(p.of('answer').length, 0);
  p.stop.net({ phase: 'end' });
  await p.clock.advance(300);
  assert.equal(p.of('answer').length, 1);
  p.stop();
});

test('end: an answer still streaming after 10 minutes is reported as timed out', async () => {
  const p = page();
  chatgptSend(p);
  streaming(p, true);
  const a = chatgptAnswer(p);
  await p.clock.advance(200);
  a.md.append('Stuck.');
  await p.clock.advance(599_000);
  assert.equal(p.of('answer').length, 0);
  await p.clock.advance(1_500);
  const [ans] = p.of('answer');
  assert.equal(ans.timedOut, true);
  assert.ok(p.health().includes('timeout'));
  p.stop();
});

test('end: no answer element ever appears: a miss and a timeout, no answer', async () => {
  const p = page();
  chatgptSend(p);
  await p.clock.advance(601_000);
  assert.equal(p.of('answer').length, 0);
  assert.deepEqual(p.health(), ['send', 'miss:answer', 'timeout']);
  p.stop();
});

test('identity: a virtualized thread (old turns unmount, the count falls) still gives the new answer', async () => {
  const p = page();
  for (let i = 0; i < 3; i++) chatgptAnswer(p).md.append(`old ${i}`);
  await p.clock.advance(100);
  chatgptSend(p);
  // The site unmounts the three oldest turns as the new one mounts.
  for (const s of [...p.thread.querySelectorAll('section')].slice(0, 4)) s.remove();
  const a = chatgptAnswer(p);
  await p.clock.advance(200);
  a.md.append('The new answer.');
  await p.clock.advance(2200);
  assert.equal(p.of('answer')[0].chars, 'The new answer.'.length);
  p.stop();
});

test('identity: a recycled node (an old answer element reused for the new one) is followed by its new id', async () => {
  const p = page();
  const old = chatgptAnswer(p, 'a-old');
  old.md.append('An old answer that scrolled away.');
  await p.clock.advance(100);
  chatgptSend(p);
  // The virtual list moves the old node to the bottom, with the new id.
  old.section.remove();
  old.el.setAttribute('data-message-id', 'a-new');
  old.md.textContent = '';
  p.thread.append(old.section);
  await p.clock.advance(200);
  old.md.append('Fresh text.');
  await p.clock.advance(2200);
  assert.equal(p.of('answer')[0].chars, 'Fresh text.'.length);
  p.stop();
});

test('identity: a node recycled without any id (Claude) is seen by its changed text', async () => {
  const p = page('claude');
  const c = p.$('.composer-box [data-testid="chat-input"]');
  const old = p.$('[data-is-streaming]');
  setText(p.window, c, 'Write a haiku about rain');
  c.dispatchEvent(trusted(p.window, 'keydown', { key: 'Enter' }));
  setText(p.window, c, '');
  old.remove();
  old.setAttribute('data-is-streaming', 'true');
  old.innerHTML = '<div class="font-claude-response"></div>';
  p.thread.append(old);
  await p.clock.advance(200);
  old.firstChild.append('Rain on the tin roof');
  await p.clock.advance(3000);
  assert.equal(p.of('answer').length, 0, 'data-is-streaming="true"');
  old.setAttribute('data-is-streaming', 'false');
  await p.clock.advance(400);
  assert.equal(p.of('answer')[0].chars, 'Rain on the tin roof'.length);
  p.stop();
});

test('identity: an answer re-rendered into a new node mid-stream is re-found by its id', async () => {
  const p = page();
  chatgptSend(p);
  streaming(p, true);
  const a = chatgptAnswer(p, 'a-rr');
  await p.clock.advance(200);
  a.md.append('Part one. ');
  await p.clock.advance(500);
  // React replaces the whole turn with new nodes holding the same id.
  const again = chatgptAnswer(p, 'a-rr');
  a.section.remove();
  again.md.append('Part one. Part two.');
  await p.clock.advance(500);
  streaming(p, false);
  await p.clock.advance(2200);
  assert.equal(p.of('answer')[0].chars, 'Part one. Part two.'.length);
  assert.equal(p.of('answer')[0].ms, 500);
  p.stop();
});

test('identity: an answer unmounted after it was written keeps its last text', async () => {
  const p = page();
  chatgptSend(p);
  const a = chatgptAnswer(p);
  await p.clock.advance(200);
  a.md.append('Kept.');
  await p.clock.advance(400);
  a.section.remove(); // the person scrolled up a long thread
  await p.clock.advance(2200);
  assert.equal(p.of('answer')[0].chars, 'Kept.'.length);
  p.stop();
});

for (const [name, key] of [['Enter', {}], ['Ctrl+Enter', { ctrlKey: true }], ['Cmd+Enter', { metaKey: true }]]) {
  test(`send: ${name} is one send, confirmed once the composer empties and the user turn appears`, async () => {
    const p = page();
    chatgptSend(p, 'Tell me about whales', { key, empty: false, user: false });
    assert.equal(p.of('send').length, 1);
    assert.equal(p.of('send')[0].capture.trigger, { Enter: 'enter', 'Ctrl+Enter': 'ctrl-enter', 'Cmd+Enter': 'cmd-enter' }[name]);
    await p.clock.advance(400);
    assert.equal(p.of('sent').length, 0, 'not before the composer empties');
    setText(p.window, p.$('#prompt-textarea'), '');
    p.thread.insertAdjacentHTML('beforeend', '<section><div data-message-author-role="user" data-message-id="u-w">Tell me about whales</div></section>');
    await p.clock.advance(200);
    assert.equal(p.of('sent').length, 1);
    assert.equal(p.of('sent')[0].via, 'dom');
    p.stop();
  });
}

test('send: a click on the send control and the form submit it causes are one send', async () => {
  const p = page();
  const c = p.$('#prompt-textarea');
  setText(p.window, c, 'Compare two laptops');
  p.$('#composer-submit-button').dispatchEvent(trusted(p.window, 'click'));
  p.$('form').dispatchEvent(trusted(p.window, 'submit'));
  setText(p.window, c, '');
  chatgptAnswer(p).md.append('x');
  await p.clock.advance(400);
  assert.equal(p.of('send').length, 1);
  assert.equal(p.of('sent').length, 1);
  p.stop();
});

test('send: Shift+Enter, IME composition and synthetic events are not sends; a blocked send records nothing', async () => {
  const p = page();
  const c = p.$('#prompt-textarea');
  setText(p.window, c, 'Une question en japonais');
  c.dispatchEvent(trusted(p.window, 'keydown', { key: 'Enter', shiftKey: true }));
  c.dispatchEvent(trusted(p.window, 'keydown', { key: 'Enter', isComposing: true }));
  c.dispatchEvent(trusted(p.window, 'keydown', { key: 'Enter', keyCode: 229 }));
  const synthetic = new p.window.Event('keydown', { bubbles: true });
  synthetic.key = 'Enter';
  c.dispatchEvent(synthetic);
  assert.equal(p.of('send').length, 0);
  // A blocked send: the site refuses (still answering), the text stays.
  c.dispatchEvent(trusted(p.window, 'keydown', { key: 'Enter' }));
  assert.equal(p.of('send').length, 1);
  await p.clock.advance(6000);
  assert.equal(p.of('sent').length, 0);
  assert.deepEqual(p.health(), []);
  p.stop();
});

test('net: a completion request confirms a send whose DOM signs are late, once', async () => {
  const p = page();
  chatgptSend(p, 'Why is the sky blue?', { empty: false, user: false });
  p.stop.net({ phase: 'start' });
  p.stop.net({ phase: 'start' });
  await p.clock.advance(400);
  assert.equal(p.of('sent').length, 1);
  assert.equal(p.of('sent')[0].via, 'net');
  assert.deepEqual(p.health(), ['send']);
  p.stop();
});

test('net: a completion request the DOM did not see is one network-only send, with the last draft', async () => {
  const p = page();
  const c = p.$('#prompt-textarea');
  setText(p.window, c, 'Sent by a shortcut we do not know');
  setText(p.window, c, '');
  p.stop.net({ phase: 'start' });
  p.stop.net({ phase: 'start' });
  const a = chatgptAnswer(p);
  await p.clock.advance(200);
  a.md.append('Answer.');
  await p.clock.advance(2200);
  assert.equal(p.of('sent').length, 1);
  assert.equal(p.of('sent')[0].capture.text, 'Sent by a shortcut we do not know');
  assert.deepEqual(p.health().slice(0, 1), ['net_only']);
  assert.equal(p.of('answer').length, 1);
  // and a start right after a DOM-confirmed send is that same send
  chatgptSend(p, 'Another one');
  chatgptAnswer(p);
  await p.clock.advance(200);
  p.stop.net({ phase: 'start' });
  assert.equal(p.of('sent').length, 2);
  p.stop();
});

test('health: a send confirmed while no send control could be found counts a send miss', async () => {
  const p = page();
  p.$('#composer-submit-button').remove();
  chatgptSend(p, 'Plan a week of dinners');
  await p.clock.advance(400);
  assert.equal(p.of('sent').length, 1);
  assert.deepEqual(p.health(), ['send', 'miss:send']);
  p.stop();
});

test('send: a click on the send button while it is the stop button is not a send', async () => {
  const p = page();
  streaming(p, true); // ChatGPT's one button is now data-testid="stop-button"
  setText(p.window, p.$('#prompt-textarea'), 'A next question typed while the answer streams');
  p.$('#composer-submit-button').dispatchEvent(trusted(p.window, 'click'));
  assert.equal(p.of('send').length, 0);
  p.stop();
});
