// DeepSeek (chat.deepseek.com).
//
// Based on public extensions' selectors (2024–2025): the composer is
// <textarea id="chat-input">; the send control is a div[role="button"] with
// a build-hashed class (seen as "_7436101") and aria-disabled while the
// composer is empty. Answers render in div.ds-markdown. The "DeepThink" and
// "Search" toggles are ds-toggle-button elements; their selected class is
// an assumption, as is the absence of a dedicated stop-button marker (we rely
// on the answer going quiet).
import { makeAdapter } from '../engine.js';

export default makeAdapter({
  id: 'deepseek',
  hosts: ['chat.deepseek.com'],
  selectors: {
    composer: ['textarea#chat-input', 'textarea[placeholder*="DeepSeek"]'],
    send: ['div._7436101[role="button"]', 'button[data-testid="send-button"]'],
    stop: ['div._7436101[role="button"][data-state="stop"]'],
    answer: ['div.ds-markdown'],
    model: [],
    attachment: ['[data-testid="file-card"]'],
    imageMode: [],
    thinking: ['.ds-toggle-button--selected[data-toggle="deepthink"]'],
    deepResearch: [],
    webSearch: ['.ds-toggle-button--selected[data-toggle="search"]'],
  },
});
