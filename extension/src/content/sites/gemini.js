// Gemini (gemini.google.com).
//
// Based on public extensions' selectors (2024–2025): Gemini is an Angular app;
// the composer is a Quill editor, rich-textarea div.ql-editor
// [contenteditable="true"]; the send button is button.send-button
// (aria-label "Send message"), which gains the class "stop" (aria-label
// "Stop response") while the answer is generated, so the send selector
// excludes it. Answers are <model-response> elements holding <message-content>.
// The mode switcher (Fast / Thinking / Pro) shows the model's name; its
// selector, the upload preview and the image-mode chip are assumptions.
import { makeAdapter } from '../engine.js';

export default makeAdapter({
  id: 'gemini',
  hosts: ['gemini.google.com'],
  selectors: {
    composer: ['rich-textarea div.ql-editor[contenteditable="true"]', 'div.ql-editor[contenteditable="true"]'],
    send: ['button.send-button:not(.stop)', 'button[aria-label="Send message"]'],
    stop: ['button.send-button.stop', 'button[aria-label="Stop response"]'],
    answer: ['model-response message-content', 'model-response'],
    model: ['[data-test-id="bard-mode-menu-button"]', 'bard-mode-switcher button'],
    attachment: ['uploader-file-preview'],
    imageMode: ['toolbox-drawer-item button[aria-pressed="true"][aria-label*="image" i]'],
    videoMode: ['toolbox-drawer-item button[aria-pressed="true"][aria-label*="video" i]'],
    thinking: [],
    deepResearch: ['toolbox-drawer-item button[aria-pressed="true"][aria-label*="Deep Research" i]'],
    webSearch: [],
  },
});
