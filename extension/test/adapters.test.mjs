import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adaptersFrom, validateTable } from '../src/content/sites/index.js';
import { fixture, trusted, setText, fakeClock, TABLE } from './helpers.mjs';

const adapters = adaptersFrom(TABLE);

// What each fixture (Frugal's own pages shaped like the 2026 sites) shows
// besides the prompt, how its send control is reached, and how an answer
// looks while it streams and once done.
const cases = {
  chatgpt: { host: 'chatgpt.com', model: 'ChatGPT 5', attachments: 1, kind: 'text', reasoning: '', web: false,
    composer: '#prompt-textarea', send: '#composer-submit-button',
    answer: (d, i) => { const s = d.createElement('section'); const a = d.createElement('div'); a.setAttribute('data-message-author-role', 'assistant'); a.setAttribute('data-message-id', `a-${i}`); s.append(a); return [s, a, a]; },
    streaming: (d, on) => d.querySelector('#composer-submit-button').setAttribute('data-testid', on ? 'stop-button' : 'send-button') },
  claude: { host: 'claude.ai', model: 'Claude Sonnet 4.5', attachments: 1, kind: 'text', reasoning: '', web: false,
    composer: '.composer-box [data-testid="chat-input"]', send: '[data-sim="send"]',
    answer: (d) => { const a = d.createElement('div'); a.setAttribute('data-is-streaming', 'true'); const m = d.createElement('div'); m.className = 'font-claude-response'; a.append(m); return [a, a, m]; },
    streaming: (d, on, a) => a.setAttribute('data-is-streaming', on ? 'true' : 'false') },
  gemini: { host: 'gemini.google.com', model: '2.5 Flash', attachments: 1, kind: 'text', reasoning: '', web: false,
    composer: '.ql-editor', send: 'gem-icon-button.send-button button', enable: (d) => d.querySelector('gem-icon-button').setAttribute('aria-disabled', 'false'),
    answer: (d) => { const a = d.createElement('model-response'); const m = d.createElement('message-content'); a.append(m); return [a, a, m]; },
    streaming: (d, on) => { const b = d.querySelector('gem-icon-button button'); b.innerHTML = `<mat-icon fonticon="${on ? 'stop' : 'send'}"></mat-icon>`; } },
  copilot: { host: 'copilot.microsoft.com', model: 'Smart', attachments: 0, kind: 'text', reasoning: '', web: false,
    composer: '#userInput', send: '[data-testid="submit-button"]',
    answer: (d) => { const a = d.createElement('div'); a.setAttribute('data-content', 'ai-message'); return [a, a, a]; },
    streaming: (d, on) => { if (on) { const b = d.createElement('button'); b.setAttribute('data-testid', 'stop-button'); d.body.append(b); } else d.querySelector('[data-testid="stop-button"]')?.remove(); } },
  lechat: { host: 'chat.mistral.ai', model: 'Mistral Medium', attachments: 0, kind: 'image', reasoning: '', web: false,
    composer: 'form [contenteditable="true"]', send: 'form button[type="submit"]',
    answer: (d) => { const a = d.createElement('div'); a.setAttribute('data-message-author-role', 'assistant'); return [a, a, a]; },
    streaming: (d, on) => { d.querySelector('form button[type="submit"] svg').innerHTML = on ? '<rect width="8" height="8"></rect>' : '<path d="M1 1"></path>'; } },
  perplexity: { host: 'www.perplexity.ai', model: 'Best', attachments: 0, kind: 'text', reasoning: '', web: true,
    composer: '#ask-input', send: '[data-testid="submit-button"]',
    answer: (d, i) => { const a = d.createElement('div'); a.id = `markdown-content-${i}`; return [a, a, a]; },
    streaming: (d, on) => { if (on) { const b = d.createElement('button'); b.setAttribute('data-testid', 'stop-generating-response-button'); d.body.append(b); } else d.querySelector('[data-testid="stop-generating-response-button"]')?.remove(); } },
  deepseek: { host: 'chat.deepseek.com', model: '', attachments: 0, kind: 'text', reasoning: 'thinking', web: false,
    composer: '#chat-input', send: '[data-sim="send"]',
    answer: (d, i) => { const top = d.createElement('div'); top.setAttribute('data-virtual-list-item-key', `a${i}`); const a = d.createElement('div'); a.className = 'ds-assistant-message-main-content'; const th = d.createElement('div'); th.className = 'ds-markdown ds-markdown--think'; th.textContent = 'Reasoning that is not the answer.'; const m = d.createElement('div'); m.className = 'ds-markdown'; a.append(th, m); top.append(a); return [top, a, m]; },
    streaming: (d, on) => { d.querySelector('[data-sim="send"] svg').innerHTML = on ? '<rect width="8" height="8"></rect>' : '<path d="M1 1"></path>'; } },
};

test('the built-in table is valid, has the seven sites and no English-only send label', () => {
  assert.equal(validateTable(TABLE), '');
  assert.deepEqual(adapters.map((a) => a.id).sort(), Object.keys(cases).sort());
  for (const a of adapters) {
    assert.deepEqual(Object.keys(a).sort(), ['id', 'matches', 'name', 'observe']);
    assert.ok(a.matches(new URL(`https://${cases[a.id].host}/c/1`)), `${a.id} matches its host`);
    assert.ok(!a.matches(new URL('https://example.com/')), `${a.id} does not match example.com`);
  }
  // No site is found by an English label first: the first send and stop
  // matchers of every site are structural, and a label, where one is listed,
  // comes with its French twin.
  for (const [id, site] of Object.entries(TABLE.sites)) {
    for (const k of ['composer', 'send', 'stop']) {
      const firstM = JSON.stringify((site[k] || [])[0] || '');
      assert.doesNotMatch(firstM, /aria-label=/, `${id}.${k} starts with a label`);
      const labels = (site[k] || []).map((m) => JSON.stringify(m).match(/aria-label=\\"([^"\\]+)/)?.[1]).filter(Boolean);
      const fr = labels.filter((l) => /Envoyer|Arrêter/.test(l));
      assert.ok(labels.length === 0 || fr.length > 0, `${id}.${k}: labels ${labels} without French`);
    }
  }
});

test('a bad table is refused with the reason', () => {
  assert.match(validateTable(null), /not an object/);
  assert.match(validateTable({ version: 0, sites: {} }), /version/);
  assert.match(validateTable({ version: 2, sites: { x1: { name: 'X', hosts: ['x.com'], composer: ['textarea'], send: ['button'] } } }), /no answer/);
  const bigSel = 'div'.repeat(200);
  assert.match(validateTable({ version: 2, sites: { xx: { name: 'X', hosts: ['x.com'], composer: [bigSel], send: ['b'], answer: ['a'] } } }), /bad selector/);
  assert.match(validateTable({ version: 2, sites: { xx: { name: 'X', hosts: ['x.com'], composer: ['a'], send: ['b'], answer: ['a'], script: 'alert(1)' } } }), /unknown field script/);
  const huge = structuredClone(TABLE);
  huge.sites.chatgpt.name = 'x'.repeat(300_000);
  assert.match(validateTable(huge), /too large/);
  assert.match(validateTable({ version: 2, sites: { xx: { name: 'X', hosts: ['x.com'], composer: ['a[['], send: ['b'], answer: ['a'] } } }, () => false), /does not parse/);
});

for (const a of adapters) {
  const c = cases[a.id];
  test(`${a.id}: finds the composer, sees drafts, a held send, a confirmed send and the end of its answer`, async () => {
    const { window, document } = fixture(a.id);
    const clock = fakeClock();
    const events = [];
    let hold = false;
    const stop = a.observe(document, (ev) => { events.push(ev); return ev.type === 'send' ? hold : undefined; }, { clock });
    assert.deepEqual(events.find((e) => e.type === 'status'), { type: 'status', composer: true });

    const composer = document.querySelector(c.composer);
    const thread = document.querySelector('[data-sim="thread"]');
    setText(window, composer, 'What is the weather in Lyon?');
    c.enable?.(document);
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

    // A send let through by a click on the send control: confirmed when the
    // composer empties and the answer appears; one 'sent' for it.
    hold = false;
    const btn = document.querySelector(c.send);
    assert.ok(btn, 'send control in the fixture');
    const click = trusted(window, 'click');
    btn.dispatchEvent(click);
    assert.equal(click.defaultPrevented, false, 'a send that is not held is untouched');
    const sent = events.at(-1).capture;
    assert.equal(events.at(-1).type, 'send');
    setText(window, composer, '');
    const [top, outer, inner] = c.answer(document, 7);
    c.streaming(document, true, outer);
    thread.append(top);
    await clock.advance(200);
    const confirmed = events.filter((e) => e.type === 'sent');
    assert.equal(confirmed.length, 1, 'one confirmed send');
    assert.equal(confirmed[0].capture.id, sent.id);
    inner.append(document.createTextNode('Sunny, 21 °C.'));
    await clock.advance(400);
    inner.append(document.createTextNode(' Light wind.'));
    await clock.advance(3000); // stable, but still streaming: not the end
    assert.equal(events.find((e) => e.type === 'answer'), undefined, 'not ended while the stop control shows');
    c.streaming(document, false, outer);
    await clock.advance(2600);
    const done = events.find((e) => e.type === 'answer');
    assert.ok(done, 'answer reported');
    assert.equal(done.id, sent.id);
    assert.equal(done.chars, [...'Sunny, 21 °C. Light wind.'].length);
    assert.equal(done.ms, 400, 'first to last change');
    assert.deepEqual(events.filter((e) => e.type === 'health').map((e) => e.event), ['send', 'answer']);
    stop();
  });
}

test('a page without a composer says so, and counts a composer miss after 10 s', async () => {
  const { document } = fixture('chatgpt');
  document.querySelector('#prompt-textarea').remove();
  const events = [];
  const clock = fakeClock();
  const stop = adapters.find((a) => a.id === 'chatgpt').observe(document, (e) => events.push(e), { clock });
  assert.deepEqual(events[0], { type: 'status', composer: false });
  await clock.advance(10_500);
  assert.deepEqual(events.filter((e) => e.type === 'health'), [{ type: 'health', event: 'miss', what: 'composer' }]);
  stop();
});

test('the table and its JSON Schema agree: every field used is described, every required one present', async () => {
  const { readFileSync } = await import('node:fs');
  const schema = JSON.parse(readFileSync(new URL('../../tracker/capture/selectors.schema.json', import.meta.url), 'utf8'));
  const site = schema.$defs.site;
  assert.deepEqual(Object.keys(TABLE).filter((k) => !(k in schema.properties)), []);
  for (const [id, s] of Object.entries(TABLE.sites)) {
    assert.deepEqual(Object.keys(s).filter((k) => !(k in site.properties)), [], `${id}: fields not in the schema`);
    for (const k of site.required) assert.ok(k in s, `${id}: ${k} required`);
    for (const n of s.network || []) assert.doesNotThrow(() => new RegExp(n.path), `${id}: ${n.path}`);
  }
  // and the engine's own checks accept exactly the schema's site fields
  const { validateTable } = await import('../src/content/sites/index.js');
  for (const k of Object.keys(site.properties)) {
    const t = structuredClone(TABLE);
    if (!(k in t.sites.chatgpt)) t.sites.chatgpt[k] = site.properties[k].type === 'boolean' ? true : site.properties[k].type === 'string' ? 'x' : [];
    if (k === 'dom_date') t.sites.chatgpt[k] = '2026-09';
    assert.doesNotMatch(validateTable(t), /unknown field/, k);
  }
});

test('modes read in French as in English: Claude extended thinking, Gemini video', () => {
  for (const [site, html, field, want, composerSel] of [
    ['claude', '<button aria-pressed="true" aria-label="Réflexion étendue"></button>', 'reasoning', 'thinking', '.composer-box [data-testid="chat-input"]'],
    ['claude', '<button aria-pressed="true" aria-label="Extended thinking"></button>', 'reasoning', 'thinking', '.composer-box [data-testid="chat-input"]'],
    ['gemini', '<toolbox-drawer-item><button aria-pressed="true" aria-label="Créer une vidéo"></button></toolbox-drawer-item>', 'kind', 'video', '.ql-editor'],
  ]) {
    const { window, document } = fixture(site);
    document.body.insertAdjacentHTML('beforeend', html);
    const events = [];
    const stop = adapters.find((a) => a.id === site).observe(document, (e) => { events.push(e); return false; }, { clock: fakeClock() });
    const c = document.querySelector(composerSel);
    setText(window, c, 'Un long texte à écrire');
    c.dispatchEvent(trusted(window, 'keydown', { key: 'Enter' }));
    assert.equal(events.find((e) => e.type === 'send').capture[field], want, `${site} ${html}`);
    stop();
  }
});
