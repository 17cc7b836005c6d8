// generic.js: the adapter for a chat page none of the site adapters knows,
// used only where the person asked for it ("Track this site" in the popup,
// which injects the content script with globalThis.frugalGeneric = true).
//
// Composer: the large textarea or contenteditable the person types in (the
// focused one, else the largest visible). Send: the last button near it.
// Answer: the block added after the send whose text grows (the prompt's own
// text taken out). End: no visible stop control and text unchanged for 2 s
// (DOM quiet). Stop controls are known here only by their label, so both
// French and English labels are listed.
import { makeAdapter } from './engine.js';

export const GENERIC_SITE = Object.freeze({
  name: 'generic',
  generic: true,
  matchAll: true,
  hosts: [],
  composer: [],
  send: [
    { near_composer: 'button[type="submit"]', levels: 5, pick: 'last' },
    { near_composer: 'button', levels: 3, pick: 'last' },
  ],
  stop: [
    'button[data-testid*="stop" i]', 'button[id*="stop" i]',
    'button[aria-label*="stop" i]', 'button[title*="stop" i]',
    'button[aria-label*="arrêt" i]', 'button[title*="arrêt" i]', 'button[aria-label*="interrompre" i]',
  ],
  answer: [],
});

export function makeGenericAdapter(defaults = {}) {
  return makeAdapter('generic', GENERIC_SITE, defaults);
}
