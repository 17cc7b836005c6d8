package defs

import "strings"

// Site is one AI assistant Frugal has an adapter for.
type Site struct {
	ID      string   `json:"id"`      // stored in the database and sent by the extension
	Name    string   `json:"name"`    // shown to people (same in French and English)
	Hosts   []string `json:"hosts"`   // host names the extension's adapter runs on
	Aliases []string `json:"aliases"` // other names people and older releases used (lower case)
}

// Sites are the assistants, in the order menus list them. Le Chat's id was
// "mistral" in the extension and "lechat" in the CLI up to schema 1;
// migration 0002 merged the rows under "lechat".
var Sites = []Site{
	{ID: "chatgpt", Name: "ChatGPT", Hosts: []string{"chatgpt.com", "chat.openai.com"}, Aliases: []string{"openai"}},
	{ID: "claude", Name: "Claude", Hosts: []string{"claude.ai"}, Aliases: []string{"anthropic"}},
	{ID: "gemini", Name: "Gemini", Hosts: []string{"gemini.google.com"}, Aliases: []string{"google"}},
	{ID: "copilot", Name: "Copilot", Hosts: []string{"copilot.microsoft.com"}, Aliases: []string{"microsoft copilot"}},
	{ID: "lechat", Name: "Le Chat", Hosts: []string{"chat.mistral.ai"}, Aliases: []string{"mistral", "le chat"}},
	{ID: "perplexity", Name: "Perplexity", Hosts: []string{"www.perplexity.ai"}},
	{ID: "deepseek", Name: "DeepSeek", Hosts: []string{"chat.deepseek.com"}},
}

// SiteIDs lists the ids of Sites in order.
func SiteIDs() []string {
	ids := make([]string, len(Sites))
	for i, s := range Sites {
		ids[i] = s.ID
	}
	return ids
}

// SelectorSiteIDs are the site ids a selector table may describe
// (tracker/capture): every site, "mistral" (Le Chat's id in tables written
// before schema 2) and "generic" (the adapter for origins a person adds).
func SelectorSiteIDs() []string { return append(SiteIDs(), "mistral", "generic") }

// byName maps every name of a site (id, aliases, hosts), lower case, to its
// index in Sites. Built once: the import path canonicalises every row.
var byName = func() map[string]int {
	m := map[string]int{}
	for i, s := range Sites {
		for _, n := range append(append([]string{s.ID}, s.Aliases...), s.Hosts...) {
			m[n] = i
		}
	}
	return m
}()

// LookupSite finds a site by id, alias or host name (case and surrounding
// spaces ignored).
func LookupSite(name string) (Site, bool) {
	i, ok := byName[name]
	if !ok {
		i, ok = byName[strings.ToLower(strings.TrimSpace(name))]
	}
	if !ok {
		return Site{}, false
	}
	return Sites[i], true
}

// CanonicalSite returns the id of a known site given any of its names, and
// any other name (AI used elsewhere, logged by hand) trimmed but unchanged.
func CanonicalSite(name string) string {
	if s, ok := LookupSite(name); ok {
		return s.ID
	}
	return strings.TrimSpace(name)
}

// SiteName is the display name of a site id, or the id itself for a name
// Frugal has no adapter for.
func SiteName(id string) string {
	if s, ok := LookupSite(id); ok {
		return s.Name
	}
	return id
}
