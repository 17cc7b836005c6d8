// sim.js plays the site in the end-to-end tests (served as /__sim.js). It is
// Frugal's own stand-in, written from the anchors in sites-2026.md: it sends
// on Enter (or Ctrl+Enter, or a click on the send control, or a submit) as
// the real pages do, clears the composer, adds a user turn, and streams an
// answer shaped like the site's, with its "still streaming" signs and its
// "done" marker. Variants come from the page's query string:
//   lang=fr      French labels            ctrl=1     sends on Ctrl+Enter only (Enter = new line)
//   long=N       N earlier turns, virtualized: only the last few stay mounted and old nodes are recycled
//   pause=MS     the stream stops MS mid-answer, stop control still shown
//   build=N      class names are build hashes that change with N
//   net=1        the answer is streamed by the fixture server from the site's API path
//                (fetch + SSE-like body; a WebSocket on Copilot)
//   chars=N chunks=N every=MS   the answer's size, its number of chunks and their spacing
// window.__sim records what the page sent and showed: sent[], answers[{chars, ms}].
(() => {
  const q = new URLSearchParams(location.search);
  const num = (k, d) => (q.has(k) ? Number(q.get(k)) : d);
  const V = {
    fr: q.get('lang') === 'fr' || document.documentElement.lang === 'fr', ctrl: q.get('ctrl') === '1', long: num('long', 0),
    pause: num('pause', 0), build: num('build', 0), net: q.get('net') === '1',
    chars: num('chars', 300), chunks: num('chunks', 12), every: num('every', 40),
  };
  const $ = (s, r = document) => r.querySelector(s);
  const el = (tag, attrs = {}, kids = []) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    for (const k of kids) e.append(k);
    return e;
  };
  const svg = (shape) => {
    const s = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    s.setAttribute('width', '10');
    s.setAttribute('height', '10');
    const p = document.createElementNS('http://www.w3.org/2000/svg', shape === 'rect' ? 'rect' : 'path');
    if (shape === 'rect') { p.setAttribute('width', '8'); p.setAttribute('height', '8'); } else p.setAttribute('d', 'M1 9L9 5L1 1z');
    s.append(p);
    return s;
  };
  const host = location.hostname;
  const anon = !!$('[data-mobile-composer-prompt]');
  const siteId = { 'chatgpt.com': 'chatgpt', 'chat.openai.com': 'chatgpt', 'claude.ai': 'claude', 'gemini.google.com': 'gemini',
    'copilot.microsoft.com': 'copilot', 'chat.mistral.ai': 'lechat', 'www.perplexity.ai': 'perplexity', 'chat.deepseek.com': 'deepseek',
    'openwebui.example.org': 'openwebui', 'librechat.example.org': 'librechat' }[host];
  const thread = $('[data-sim="thread"]');
  let n = 0;
  const sendBtn = () => $('[data-sim="send"]') || $('[data-testid="send-button"], [data-testid="stop-button"], [data-composer-submit]');
  const swapIcon = (btn, shape) => { btn.querySelector('svg')?.remove(); btn.append(svg(shape)); };
  let stopEl = null;
  const showStop = (on, attrs, where = document.body) => {
    if (on && !stopEl) { stopEl = el('button', { type: 'button', ...attrs }, ['■']); where.append(stopEl); }
    if (!on && stopEl) { stopEl.remove(); stopEl = null; }
  };

  // Per site: the composer, a user turn, an answer (top node appended to the
  // thread, the answer element, where its text goes), streaming on/off, done.
  const S = {
    chatgpt: {
      composer: anon ? '[data-mobile-composer-prompt]' : '#prompt-textarea',
      user: (t, i) => el('section', { 'data-testid': `conversation-turn-${i}` }, [el('div', { 'data-message-author-role': 'user', 'data-message-id': `u-${i}` }, [el('div', {}, [t])])]),
      answer: (i, reuse) => {
        const a = reuse || el('div', { 'data-message-author-role': 'assistant' });
        a.setAttribute('data-message-id', `a-${i}`);
        const m = el('div', { class: 'markdown prose' });
        a.replaceChildren(m);
        return [el('section', { 'data-testid': `conversation-turn-${i}` }, [a]), a, m];
      },
      streaming: (on) => {
        const b = sendBtn();
        if (anon) b.setAttribute('aria-label', b.getAttribute(on ? 'data-stop-label' : 'data-send-label'));
        else b.setAttribute('data-testid', on ? 'stop-button' : 'send-button');
      },
      done: (a, top) => { if (!anon) top.append(el('div', { class: 'actions' }, [el('button', { 'data-testid': 'copy-turn-action-button', 'aria-label': V.fr ? 'Copier' : 'Copy' }, ['⧉'])])); },
    },
    claude: {
      composer: '.composer-box [data-testid="chat-input"]',
      user: (t) => el('div', { 'data-testid': 'user-message' }, [el('p', {}, [t])]),
      answer: (i, reuse) => {
        const a = reuse || el('div');
        a.setAttribute('data-is-streaming', 'true');
        const m = el('div', { class: 'font-claude-response' });
        a.replaceChildren(m);
        return [el('div', { class: 'turn' }, [a]), a, m];
      },
      streaming: (on, a) => a.setAttribute('data-is-streaming', on ? 'true' : 'false'),
      done: () => {},
    },
    gemini: {
      composer: 'rich-textarea .ql-editor',
      user: (t) => el('user-query', {}, [el('div', { class: 'query-text' }, [t])]),
      answer: (i, reuse) => {
        const a = reuse || el('model-response');
        const m = el('message-content', { class: 'model-response-text', id: `message-content-id-r_${i}` });
        a.replaceChildren(m);
        return [el('div', { class: 'conversation-container' }, [a]), a, m];
      },
      streaming: (on) => {
        const b = $('gem-icon-button.send-button button');
        b.setAttribute('aria-label', on ? (V.fr ? 'Arrêter la réponse' : 'Stop response') : (V.fr ? 'Envoyer le message' : 'Send message'));
        b.replaceChildren(el('mat-icon', { fonticon: on ? 'stop' : 'send' }, [on ? 'stop' : 'send']));
      },
      done: (a) => a.append(el('message-actions', {}, [el('button', { 'aria-label': V.fr ? 'Copier' : 'Copy' }, ['⧉'])])),
    },
    copilot: {
      composer: '#userInput',
      user: (t) => el('div', { 'data-content': 'user-message' }, [t]),
      answer: (i, reuse) => {
        const a = reuse || el('div', { 'data-content': 'ai-message' });
        const m = el('p');
        a.replaceChildren(m);
        return [a, a, m];
      },
      streaming: (on) => showStop(on, { 'data-testid': 'stop-button', 'aria-label': V.fr ? 'Arrêter' : 'Stop responding' }, $('.composer')),
      done: (a) => a.append(el('div', { 'data-testid': 'message-item-reactions' })),
    },
    lechat: {
      composer: 'form [contenteditable="true"]',
      user: (t) => el('div', { 'data-message-author-role': 'user' }, [t]),
      answer: (i, reuse) => {
        const a = reuse || el('div', { 'data-message-author-role': 'assistant' });
        const m = el('div', { class: 'prose' });
        a.replaceChildren(m);
        return [a, a, m];
      },
      streaming: (on) => swapIcon(sendBtn(), on ? 'rect' : 'path'),
      done: (a) => a.append(el('footer', {}, [el('button', { 'aria-label': 'Copier' }, [svg('path')])])),
    },
    perplexity: {
      composer: '#ask-input',
      user: (t) => el('div', { 'data-testid': 'user-query' }, [el('h1', {}, [t])]),
      answer: (i, reuse) => {
        const a = reuse || el('div', { class: 'prose' });
        a.id = `markdown-content-${i}`;
        a.replaceChildren();
        return [a, a, a];
      },
      streaming: (on) => showStop(on, { 'data-testid': 'stop-generating-response-button', 'aria-label': 'Stop' }, $('.composer')),
      done: () => {},
    },
    deepseek: {
      composer: '#chat-input',
      user: (t, i) => el('div', { 'data-virtual-list-item-key': `u${i}` }, [el('div', { class: 'ds-user-message' }, [t])]),
      answer: (i, reuse) => {
        const a = reuse || el('div', { class: 'ds-assistant-message-main-content' });
        const think = el('div', { class: 'ds-markdown ds-markdown--think' }, ['Thinking about how to answer this well.']);
        const m = el('div', { class: 'ds-markdown' });
        a.replaceChildren(think, m);
        return [el('div', { 'data-virtual-list-item-key': `a${i}` }, [a]), a, m];
      },
      streaming: (on) => swapIcon(sendBtn(), on ? 'rect' : 'path'),
      done: () => {},
    },
    openwebui: {
      composer: '#chat-input',
      user: (t) => el('div', { class: 'chat-user' }, [el('p', {}, [t])]),
      answer: (i, reuse) => {
        const m = el('div', { class: 'markdown-prose' });
        const a = el('div', { class: 'chat-assistant' }, [m]);
        return [a, a, m];
      },
      streaming: (on) => {
        const b = sendBtn();
        if (on) { b.style.display = 'none'; showStop(true, { type: 'button', 'aria-label': 'Stop' }, $('.buttons')); } else { showStop(false); b.style.display = ''; }
      },
      done: () => {},
    },
    librechat: {
      composer: '#prompt-textarea',
      user: (t) => el('div', { class: 'message-render' }, [el('div', { class: 'user-turn' }, [t])]),
      answer: () => {
        const m = el('div', { class: 'markdown' });
        const a = el('div', { class: 'message-render' }, [m]);
        return [a, a, m];
      },
      streaming: (on) => showStop(on, { type: 'button', 'data-testid': 'stop-button', 'aria-label': 'Arrêter la génération' }, $('form')),
      done: () => {},
    },
  }[siteId];

  // Build hashes: every class that looks like one is replaced, per build.
  if (V.build) {
    const hash = (c) => '_' + [...(c + V.build)].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7).toString(16).slice(0, 7);
    for (const e of document.querySelectorAll('[class]')) {
      for (const c of [...e.classList]) if (/^_[0-9a-f]{6,7}$/.test(c)) { e.classList.remove(c); e.classList.add(hash(c)); }
    }
  }
  if (V.fr) {
    const b = sendBtn();
    if (b?.hasAttribute('aria-label')) b.setAttribute('aria-label', 'Envoyer le message');
    const inner = $('gem-icon-button.send-button button');
    if (inner) inner.setAttribute('aria-label', 'Envoyer le message');
  }

  // A long thread, virtualized: only the last MOUNTED top nodes stay in the
  // DOM; the oldest answer node is recycled for the next answer.
  const MOUNTED = 4;
  const tops = [];
  const mount = (top) => {
    thread.append(top);
    tops.push(top);
  };
  const unmountOld = () => {
    while (V.long && tops.length > MOUNTED) tops.shift().remove();
  };
  const recycle = () => {
    if (!V.long) return null;
    const old = tops.find((t) => t.__answer);
    if (!old) return null;
    const a = old.__answer;
    tops.splice(tops.indexOf(old), 1);
    old.remove();
    a.remove();
    return a;
  };
  if (V.long) {
    thread.replaceChildren();
    for (let i = 1; i <= V.long; i++) {
      n++;
      mount(S.user(`Earlier question ${i}`, n));
      const [top, a, m] = S.answer(n, null);
      top.__answer = a;
      m.append(`Earlier answer ${i}: some text that was written a while ago.`);
      S.streaming(false, a);
      S.done(a, top);
      mount(top);
      unmountOld();
    }
  }

  const composer = () => $(S.composer);
  const read = () => { const c = composer(); return (c.tagName === 'TEXTAREA' ? c.value : c.innerText).trim(); };
  const clear = () => { const c = composer(); if (c.tagName === 'TEXTAREA') c.value = ''; else c.innerHTML = '<p><br></p>'; syncSend(); };
  const syncSend = () => {
    const w = $('gem-icon-button.send-button');
    if (w) w.setAttribute('aria-disabled', read() ? 'false' : 'true');
  };
  document.addEventListener('input', syncSend);

  const WORDS = ('la mer et le vent portent les bateaux vers le port tandis que the tide turns slowly under a grey sky ' +
    'while gulls circle above the harbour and fishermen mend their nets avant la nuit').split(' ');
  const makeText = (len) => {
    let s = '';
    for (let i = 0; s.length < len; i++) s += (s ? ' ' : '') + WORDS[i % WORDS.length];
    return s.slice(0, len).trim();
  };
  const chunksOf = (s, k) => {
    const out = [];
    const size = Math.ceil(s.length / k);
    for (let i = 0; i < s.length; i += size) out.push(s.slice(i, i + size));
    return out;
  };

  let busy = false;
  window.__sim = { site: siteId, sent: [], answers: [], variant: V };
  const API = {
    chatgpt: anon ? '/backend-anon/f/conversation' : '/backend-api/f/conversation', claude: '/api/organizations/org-1/chat_conversations/conv-1/completion',
    gemini: '/_/BardChatUi/data/assistant.lamda.BardFrontendService/StreamGenerate?bl=x&rt=c', lechat: '/api/chat',
    perplexity: '/rest/sse/perplexity_ask', deepseek: '/api/v0/chat/completion',
  };

  function submit() {
    const text = read();
    if (!text || busy) return;
    busy = true;
    clear();
    window.__sim.sent.push(text);
    n++;
    mount(S.user(text, n));
    const [top, a, m] = S.answer(n, recycle());
    top.__answer = a;
    S.streaming(true, a);
    mount(top);
    unmountOld();
    const full = makeText(V.chars);
    let first = 0;
    let last = 0;
    const write = (chunk) => {
      const t = performance.now();
      if (!first) first = t;
      last = t;
      m.append(document.createTextNode(chunk));
    };
    const end = () => {
      S.streaming(false, a);
      S.done(a, top);
      const shown = m.textContent.replace(/\s+/g, ' ').trim();
      window.__sim.answers.push({ chars: [...shown].length, ms: last - first });
      busy = false;
    };
    if (V.net) return streamFromNet(full, write, end);
    const parts = chunksOf(full, V.chunks);
    let i = 0;
    setTimeout(function tick() {
      write(parts[i++]);
      if (i >= parts.length) return end();
      const mid = i === Math.floor(parts.length / 2);
      setTimeout(tick, mid && V.pause ? V.pause : V.every);
    }, 150);
  }

  // The answer comes from the fixture server on the site's own API path.
  function streamFromNet(full, write, end) {
    const params = { chars: V.chars, chunks: V.chunks, every: V.every, pause: V.pause, text: full };
    if (siteId === 'copilot') {
      fetch('/c/api/conversations', { method: 'POST' }).then(() => {
        const ws = new WebSocket(`wss://${host}/c/api/chat?api-version=2&` + new URLSearchParams(params));
        ws.onmessage = (e) => {
          const ev = JSON.parse(e.data);
          if (ev.event === 'appendText') write(ev.text);
          if (ev.event === 'done') { ws.close(); end(); }
        };
        ws.onopen = () => ws.send(JSON.stringify({ event: 'send', content: [{ type: 'text', text: window.__sim.sent.at(-1) }] }));
      });
      return;
    }
    fetch(API[siteId], { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(params) }).then(async (r) => {
      const reader = r.body.getReader();
      const dec = new TextDecoder();
      let buf = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += dec.decode(value, { stream: true });
        let k;
        while ((k = buf.indexOf('\n\n')) >= 0) {
          const frame = buf.slice(0, k);
          buf = buf.slice(k + 2);
          const data = frame.replace(/^data: /, '');
          if (data === '[DONE]') continue;
          write(JSON.parse(data).t);
        }
      }
      end();
    });
  }

  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing || !composer()?.contains(e.target)) return;
    if (e.altKey) { e.preventDefault(); return submit(); } // the site's own shortcut, unknown to Frugal
    if (V.ctrl && !(e.ctrlKey || e.metaKey)) return; // a new line
    e.preventDefault();
    submit();
  });
  document.addEventListener('click', (e) => {
    const b = e.target.closest('[data-sim="send"], [data-testid="send-button"], [data-composer-submit]');
    if (!b || busy) return;
    e.preventDefault();
    submit();
  });
  document.addEventListener('submit', (e) => { e.preventDefault(); submit(); });
  syncSend();
})();
