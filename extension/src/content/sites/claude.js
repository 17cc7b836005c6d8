// Claude (claude.ai).
//
// Based on public extensions' selectors (2024–2025): the composer is a
// ProseMirror editor, div.ProseMirror[contenteditable="true"], inside a
// fieldset; the send button is labelled "Send message" (older builds: "Send
// Message"), and the stop button "Stop response" while Claude writes. Each
// assistant message sits in a wrapper with a data-is-streaming attribute that
// is "true" until the answer is complete, which we also treat as "still
// streaming". The model picker is [data-testid="model-selector-dropdown"].
// The file thumbnail and the extended-thinking toggle are assumptions.
import { makeAdapter } from '../engine.js';

export default makeAdapter({
  id: 'claude',
  hosts: ['claude.ai'],
  selectors: {
    composer: ['div.ProseMirror[contenteditable="true"]', 'fieldset [contenteditable="true"][role="textbox"]'],
    send: ['button[aria-label="Send message"]', 'button[aria-label="Send Message"]'],
    stop: ['button[aria-label="Stop response"]', '[data-is-streaming="true"]'],
    answer: ['div[data-is-streaming]'],
    model: ['[data-testid="model-selector-dropdown"]'],
    attachment: ['fieldset [data-testid="file-thumbnail"]'],
    thinking: ['fieldset button[aria-pressed="true"][aria-label*="thinking" i]'],
    deepResearch: ['fieldset button[aria-pressed="true"][aria-label*="research" i]'],
    webSearch: [],
  },
});
