// i18n.js: the extension's strings come from _locales/{en,fr}/messages.json
// through chrome.i18n, in the browser's language. chrome.i18n has no plural
// forms, so a counted string has one message per CLDR category
// (name_one, name_other, name_many…) and plural() picks it with
// Intl.PluralRules on the number as it is shown: French says "0 requête"
// and "1,5 requête", English "0 requests" and "1.5 requests".

const api = () => globalThis.chrome?.i18n;

/** uiLang is the browser's UI language, e.g. 'fr' or 'en-GB'. */
export function uiLang() {
  return api()?.getUILanguage?.() || globalThis.navigator?.language || 'en';
}

/** t returns message name with $1…$9 filled from subs. */
export function t(name, ...subs) {
  return api()?.getMessage(name, subs.map(String)) || name;
}

/** number formats n as the browser's language writes it (at most 2 decimals). */
export function number(n, lang = uiLang()) {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(n);
}

/**
 * plural returns the counted message name for n: name_<CLDR category>, or
 * name_other when that form is missing. The category is the one of n as
 * number() shows it (the same fraction digits).
 */
export function plural(name, n, lang = uiLang()) {
  const fmt = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
  const shown = fmt.format(n);
  const fraction = fmt.formatToParts(n).find((p) => p.type === 'fraction')?.value.length || 0;
  const form = new Intl.PluralRules(lang, { minimumFractionDigits: fraction, maximumFractionDigits: fraction }).select(n);
  return api()?.getMessage(`${name}_${form}`, [shown]) || api()?.getMessage(`${name}_other`, [shown]) || `${name}_${form}`;
}
