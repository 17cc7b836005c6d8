// The adapters, one per site.
import chatgpt from './chatgpt.js';
import claude from './claude.js';
import gemini from './gemini.js';
import copilot from './copilot.js';
import mistral from './mistral.js';
import perplexity from './perplexity.js';
import deepseek from './deepseek.js';

export default [chatgpt, claude, gemini, copilot, mistral, perplexity, deepseek];
