// sim.js plays the site in the end-to-end tests: it sends on Enter or on the
// send button, as the real pages do, clears the composer, and streams an
// answer into an assistant message shaped like the site's, with the site's
// "still streaming" marker while it writes. It is served as /__sim.js.
(() => {
  const site = {
    'chatgpt.com': 'chatgpt', 'chat.openai.com': 'chatgpt', 'claude.ai': 'claude', 'gemini.google.com': 'gemini',
    'copilot.microsoft.com': 'copilot', 'chat.mistral.ai': 'lechat', 'www.perplexity.ai': 'perplexity', 'chat.deepseek.com': 'deepseek',
  }[location.hostname];
  const $ = (s) => document.querySelector(s);
  const el = (tag, attrs = {}) => { const e = document.createElement(tag); for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v); return e; };
  const thread = () => $('#thread') || $('#chat-history') || document.body;
  let n = 0;
  // Per site: composer, send control, the answer element (outer, where text goes), streaming on/off.
  const S = {
    chatgpt: { composer: '#prompt-textarea', send: '[data-testid="send-button"]',
      answer: () => { const a = el('div', { 'data-message-author-role': 'assistant' }); const m = el('div', { class: 'markdown' }); a.append(m); return [a, m]; },
      streaming: (on) => { const b = $('[data-testid="send-button"], [data-testid="stop-button"]'); b.setAttribute('data-testid', on ? 'stop-button' : 'send-button'); } },
    claude: { composer: '.ProseMirror', send: 'button[aria-label="Send message"]',
      answer: () => { const a = el('div', { 'data-is-streaming': 'true' }); const m = el('div', { class: 'font-claude-message' }); a.append(m); return [a, m]; },
      streaming: (on, a) => a.setAttribute('data-is-streaming', on ? 'true' : 'false') },
    gemini: { composer: '.ql-editor', send: 'button.send-button',
      answer: () => { const a = el('model-response'); const m = el('message-content'); a.append(m); return [a, m]; },
      streaming: (on) => $('button.send-button').classList.toggle('stop', on) },
    copilot: { composer: '#userInput', send: '[data-testid="submit-button"]',
      answer: () => { const a = el('div', { 'data-content': 'ai-message' }); return [a, a]; },
      streaming: (on) => toggleStop(on, { 'data-testid': 'stop-button' }) },
    lechat: { composer: 'textarea[name="message.text"]', send: 'button[aria-label="Send question"]',
      answer: () => { const a = el('div', { 'data-message-author-role': 'assistant' }); return [a, a]; },
      streaming: (on) => toggleStop(on, { 'aria-label': 'Stop generation' }) },
    perplexity: { composer: '#ask-input', send: '[data-testid="submit-button"]',
      answer: () => { const a = el('div', { id: `markdown-content-${++n}`, class: 'prose' }); return [a, a]; },
      streaming: (on) => toggleStop(on, { 'data-testid': 'stop-generating-response-button' }) },
    deepseek: { composer: '#chat-input', send: 'div._7436101',
      answer: () => { const a = el('div', { class: 'ds-markdown' }); return [a, a]; },
      streaming: (on) => on ? $('div._7436101').setAttribute('data-state', 'stop') : $('div._7436101').removeAttribute('data-state') },
  }[site];
  let stopBtn = null;
  function toggleStop(on, attrs) {
    if (on && !stopBtn) { stopBtn = el('button', attrs); stopBtn.textContent = '■'; document.body.append(stopBtn); }
    if (!on && stopBtn) { stopBtn.remove(); stopBtn = null; }
  }
  const composer = () => $(S.composer);
  const read = () => { const c = composer(); return (c.tagName === 'TEXTAREA' ? c.value : c.innerText).trim(); };
  const clear = () => { const c = composer(); if (c.tagName === 'TEXTAREA') c.value = ''; else c.innerHTML = '<p><br></p>'; };
  let busy = false;
  window.__sim = { sent: [], answers: [] };
  function submit() {
    const text = read();
    if (!text || busy) return;
    busy = true;
    clear();
    window.__sim.sent.push(text);
    const u = el('div', { 'data-role': 'user' });
    u.textContent = text;
    thread().append(u);
    const [outer, inner] = S.answer();
    S.streaming(true, outer);
    // The answer arrives a little later, in chunks, like a real stream.
    const words = `Here is an answer to: ${text}. It has a few sentences of streamed text.`.split(' ');
    let i = 0;
    setTimeout(function tick() {
      if (i === 0) thread().append(outer);
      inner.append(document.createTextNode((i ? ' ' : '') + words[i]));
      i++;
      if (i < words.length) return setTimeout(tick, 25);
      S.streaming(false, outer);
      window.__sim.answers.push(inner.textContent.trim().length);
      busy = false;
    }, 120);
  }
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && composer()?.contains(e.target)) { e.preventDefault(); submit(); }
  });
  document.addEventListener('click', (e) => { if (e.target.closest(S.send)) { e.preventDefault(); submit(); } });
  document.addEventListener('submit', (e) => { e.preventDefault(); submit(); });
})();
