// Microsoft Copilot (copilot.microsoft.com).
//
// Based on public extensions' selectors (2024–2025): the composer is a
// <textarea id="userInput"> (also [data-testid="composer-input"]); the submit
// button is [data-testid="submit-button"] (aria-label "Submit message"). AI
// messages are marked data-content="ai-message". The stop button's test id,
// the chat-mode button and the attachment chips are assumptions.
import { makeAdapter } from '../engine.js';

export default makeAdapter({
  id: 'copilot',
  hosts: ['copilot.microsoft.com'],
  selectors: {
    composer: ['textarea#userInput', 'textarea[data-testid="composer-input"]'],
    send: ['button[data-testid="submit-button"]', 'button[aria-label="Submit message"]'],
    stop: ['button[data-testid="stop-button"]', 'button[aria-label="Stop responding"]'],
    answer: ['[data-content="ai-message"]'],
    model: ['button[data-testid="composer-chat-mode-button"]'],
    attachment: ['[data-testid="composer-attachment"]'],
    imageMode: [],
    thinking: ['button[data-testid="composer-chat-mode-button"][data-mode="reasoning"]'],
    deepResearch: ['button[data-testid="composer-chat-mode-button"][data-mode="research"]'],
    webSearch: [],
  },
});
