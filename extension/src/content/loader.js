// loader.js is the only static content script. Static content scripts can't
// be ES modules, so it imports content/main.js (listed, with its imports, in
// web_accessible_resources for the seven sites only).
//
// It also registers Frugal's capture-phase listeners on window right away, at
// document_start and before any page script runs, so that a send can be held
// before the page sees it; main.js fills in the handlers once loaded.
(() => {
  const hooks = { keydown: null, click: null, submit: null, input: null };
  Object.defineProperty(globalThis, 'frugalIntercept', { value: hooks });
  for (const type of Object.keys(hooks)) {
    window.addEventListener(type, (e) => hooks[type]?.(e), true);
  }
  import(chrome.runtime.getURL('src/content/main.js')).catch((e) => {
    console.warn('Frugal: could not start on this page:', e);
  });
})();
