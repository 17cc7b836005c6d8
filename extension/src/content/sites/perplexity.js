// Perplexity (www.perplexity.ai).
//
// Based on public extensions' selectors (2024–2025): the composer is
// #ask-input (a Lexical contenteditable since 2025; a textarea with an
// "Ask anything…" placeholder before); the submit button is
// [data-testid="submit-button"] (aria-label "Submit"). Answers render in
// div.prose blocks with ids "markdown-content-N". Perplexity searches the web
// for every answer, hence webSearch matches the composer itself. The stop
// button's label and the model/mode buttons are assumptions.
import { makeAdapter } from '../engine.js';

export default makeAdapter({
  id: 'perplexity',
  hosts: ['www.perplexity.ai'],
  selectors: {
    composer: ['#ask-input', 'textarea[placeholder^="Ask"]'],
    send: ['button[data-testid="submit-button"]', 'button[aria-label="Submit"]'],
    stop: ['button[data-testid="stop-generating-response-button"]', 'button[aria-label="Stop generating response"]'],
    answer: ['div[id^="markdown-content-"]'],
    model: ['button[aria-label="Choose a model"]'],
    attachment: ['[data-testid="file-attachment"]'],
    imageMode: [],
    thinking: [],
    deepResearch: ['button[aria-checked="true"][value="research"]'],
    webSearch: ['#ask-input', 'textarea[placeholder^="Ask"]'],
  },
});
