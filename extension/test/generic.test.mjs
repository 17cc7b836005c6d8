// The generic adapter on pages no site adapter knows (Frugal's Open WebUI-
// and LibreChat-shaped fixtures), on linkedom with a fake clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeGenericAdapter } from '../src/content/generic.js';
import { fixture, trusted, setText, fakeClock } from './helpers.mjs';

for (const [name, composerSel, stopAttrs] of [
  ['openwebui', '#chat-input', { 'aria-label': 'Stop' }],
  ['librechat', '#prompt-textarea', { 'data-testid': 'stop-button', 'aria-label': 'Arrêter la génération' }],
]) {
  test(`generic (${name}): the focused editor, one send, the block that grows, ended by stop gone and 2 s of quiet`, async () => {
    const { window, document } = fixture(name);
    const clock = fakeClock();
    const events = [];
    const stop = makeGenericAdapter().observe(document, (ev) => { events.push(ev); return false; }, { clock });
    const c = document.querySelector(composerSel);
    c.dispatchEvent(trusted(window, 'focusin'));
    setText(window, c, 'How does a heat pump work?');
    c.dispatchEvent(trusted(window, 'keydown', { key: 'Enter' }));
    assert.equal(events.filter((e) => e.type === 'send').length, 1);
    assert.equal(events.find((e) => e.type === 'send').capture.site, 'generic');
    setText(window, c, '');
    const thread = document.querySelector('[data-sim="thread"]');
    thread.insertAdjacentHTML('beforeend', '<div class="turn"><p>How does a heat pump work?</p></div>');
    const stopBtn = document.createElement('button');
    for (const [k, v] of Object.entries(stopAttrs)) stopBtn.setAttribute(k, v);
    document.querySelector('form').append(stopBtn);
    const answer = document.createElement('div');
    thread.append(answer);
    await clock.advance(200);
    assert.equal(events.filter((e) => e.type === 'sent').length, 1);
    answer.append('It moves heat ');
    await clock.advance(800);
    answer.append('from outside to inside.');
    await clock.advance(3000);
    assert.equal(events.filter((e) => e.type === 'answer').length, 0, 'the stop control is still there');
    stopBtn.remove();
    await clock.advance(2500);
    const [ans] = events.filter((e) => e.type === 'answer');
    assert.equal(ans.chars, 'It moves heat from outside to inside.'.length);
    assert.equal(ans.ms, 800);
    stop();
  });
}
