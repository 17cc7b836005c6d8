// loader.js is the only static content script. Static content scripts can't
// be ES modules, so it imports content/main.js (listed, with its imports, in
// web_accessible_resources).
//
// It also registers Frugal's capture-phase listeners on window right away, at
// document_start and before any page script runs, so that a send can be held
// before the page sees it; main.js fills in the handlers once loaded.
//
// For a page no site adapter knows, the popup's "Track this site" injects
// this same file (chrome.scripting.executeScript) after setting
// globalThis.frugalGeneric = true in the content script's world: main.js then
// runs the generic adapter (src/content/generic.js). Injected twice, it does
// nothing the second time.
(() => {
  if (globalThis.frugalIntercept) return;
  const hooks = { keydown: null, click: null, submit: null, input: null, focusin: null };
  Object.defineProperty(globalThis, 'frugalIntercept', { value: hooks });
  for (const type of Object.keys(hooks)) {
    window.addEventListener(type, (e) => hooks[type]?.(e), true);
  }
  import(chrome.runtime.getURL('src/content/main.js')).catch((e) => {
    console.warn('Frugal: could not start on this page:', e);
  });
})();
