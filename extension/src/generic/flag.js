// flag.js runs just before content/loader.js on a page the person chose to
// track ("Track this site" in the popup): it tells content/main.js to use
// the generic adapter there. Both are registered together by
// background/track.js for that one origin.
globalThis.frugalGeneric = true;
