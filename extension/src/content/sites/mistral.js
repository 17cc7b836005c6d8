// Mistral Le Chat (chat.mistral.ai).
//
// Based on public extensions' selectors (2024–2025): the composer was a
// <textarea name="message.text"> and is a ProseMirror contenteditable in
// newer builds, so both are listed; the send button is labelled "Send
// question" (type="submit" in the form). The stop button's label, the
// assistant message marker and the tool toggles (image generation, think,
// research, web search) are assumptions.
import { makeAdapter } from '../engine.js';

export default makeAdapter({
  id: 'lechat',
  hosts: ['chat.mistral.ai'],
  selectors: {
    composer: ['textarea[name="message.text"]', 'form div.ProseMirror[contenteditable="true"]'],
    send: ['button[aria-label="Send question"]', 'form button[type="submit"]'],
    stop: ['button[aria-label="Stop generation"]'],
    answer: ['[data-message-author-role="assistant"]'],
    model: ['button[data-testid="model-selector"]'],
    attachment: ['form [data-testid="attachment"]'],
    imageMode: ['form button[aria-pressed="true"][data-tool="image"]'],
    thinking: ['form button[aria-pressed="true"][data-tool="think"]'],
    deepResearch: ['form button[aria-pressed="true"][data-tool="research"]'],
    webSearch: ['form button[aria-pressed="true"][data-tool="web"]'],
  },
});
