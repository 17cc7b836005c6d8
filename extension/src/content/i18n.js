// Strings of the nudge card, in English and French, following the browser.

export const lang = (nav = globalThis.navigator) =>
  String(nav?.language || 'en').toLowerCase().startsWith('fr') ? 'fr' : 'en';

const STRINGS = {
  en: {
    title: 'A lighter tool can answer this',
    answer: 'Answer',
    open: (tool) => `Open ${tool}`,
    useAnswer: 'Use this answer',
    sendAnyway: 'Send anyway',
    dontSuggest: "Don't suggest this kind again",
    close: 'Close without sending',
    categories: {
      weather: 'a weather question', time_date: 'a time or date question', calculation: 'a calculation',
      conversion: 'a unit conversion', definition_spelling: 'a definition or spelling question',
      translation_short: 'a short translation', fact_lookup: 'a simple fact', navigation: 'a website to open',
    },
    looksLike: (c) => `This looks like ${c}.`,
  },
  fr: {
    title: 'Un outil plus léger peut répondre',
    answer: 'Réponse',
    open: (tool) => `Ouvrir ${tool}`,
    useAnswer: 'Utiliser cette réponse',
    sendAnyway: 'Envoyer quand même',
    dontSuggest: 'Ne plus suggérer pour ce type',
    close: 'Fermer sans envoyer',
    categories: {
      weather: 'une question météo', time_date: "une question d'heure ou de date", calculation: 'un calcul',
      conversion: "une conversion d'unités", definition_spelling: "une question de définition ou d'orthographe",
      translation_short: 'une courte traduction', fact_lookup: 'un fait simple', navigation: 'un site à ouvrir',
    },
    looksLike: (c) => `Cela ressemble à ${c}.`,
  },
};

export const strings = (l) => STRINGS[l] || STRINGS.en;
