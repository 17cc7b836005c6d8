// ChatGPT (chatgpt.com, chat.openai.com).
//
// Based on the page structure that public extensions and automation scripts
// rely on (2024–2025): the composer is a ProseMirror contenteditable div with
// id "prompt-textarea" (a <textarea> with the same id before mid-2024), the
// send button is [data-testid="send-button"] and turns into
// [data-testid="stop-button"] while the answer streams, and each message
// carries data-message-author-role="user" or "assistant". The model picker is
// [data-testid="model-switcher-dropdown-button"]. The attachment tile and the
// composer "pills" for image, think and deep research modes are our reading of
// the current UI, not confirmed by a public source: if they are wrong, only
// those fields stay empty.
import { makeAdapter } from '../engine.js';

export default makeAdapter({
  id: 'chatgpt',
  hosts: ['chatgpt.com', 'chat.openai.com'],
  selectors: {
    composer: ['#prompt-textarea', 'form div.ProseMirror[contenteditable="true"]'],
    send: ['button[data-testid="send-button"]', 'button#composer-submit-button'],
    stop: ['button[data-testid="stop-button"]'],
    answer: ['[data-message-author-role="assistant"]'],
    model: ['[data-testid="model-switcher-dropdown-button"]'],
    attachment: ['form [data-testid="attachment-tile"]'],
    imageMode: ['form [data-testid="composer-pill-image"]'],
    thinking: ['form [data-testid="composer-pill-think"]'],
    deepResearch: ['form [data-testid="composer-pill-deep-research"]'],
    webSearch: ['form [data-testid="composer-pill-search"]'],
  },
});
