package classify

import (
	"strings"
	"unicode"

	"frugal/tracker"
)

var (
	// Attributes a search engine shows in its answer box.
	attr           = `(?:capital|capitale|population|currency|monnaie|devise|official languages?|languages?|langues? officielles?|langues?|area|size|superficie|taille|height|hauteur|length|longueur|depth|profondeur|age|president|presidente|prime minister|premier ministre|chancellor|ceo|pdg|founder|fondateur|fondatrice|author|auteur|auteure|autrice|director|realisateur|realisatrice|composer|compositeur|king|roi|queen|reine|flag|drapeau|anthem|hymne|national anthem|hymne national|birthday|date de naissance|birth date|date of birth|phone number|numero de telephone|numero|address|adresse|zip code|postal code|code postal|opening hours|horaires|distance|altitude|elevation|highest (?:mountain|point)|plus haute montagne|plus haut sommet|tallest building|largest city|plus grande ville|nickname|surnom|real name|vrai nom|gdp|pib|inventor|inventeur|creator|createur|createurs|owner|proprietaire|mayor|maire|leader|chef|boiling point|point d'ebullition|melting point|speed of light|vitesse de la lumiere|atomic number|numero atomique|diameter|diametre|weight|poids|mass|masse|price|prix|net worth|fortune|release date|date de sortie|score|resultat|winner|vainqueur|gagnant|champion|coordinates|gps coordinates|coordonnees|coordonnees gps|latitude|longitude|location|emplacement|autre nom|other name|nom complet|full name|profession|metier|occupation|religion|religions|pere|mere|fils|fille|epouse|epoux|mari|femme|frere|soeur|enfants|father|mother|son|daughter|wife|husband|brother|sister|children|parents|successeur|predecesseur|successor|predecessor|siege|headquarters|devise|motto)`
	reFactPatterns = []*rx{
		mustRx(`^(?:who|qui) (?:wrote|writes|composed|painted|invented|discovered|directed|founded|created|sang|sings|built|designed|won|killed|played|plays|starred|produced|owns|owned|founded|is the|was the|are the|were the|is|was|a (?:ecrit|compose|peint|invente|decouvert|realise|fonde|cree|chante|construit|gagne|remporte|tue|joue|dessine|produit|signe|marque)|est (?:l'|le |la |les )|etait (?:l'|le |la )|sont (?:les )?|a ete)\b`),
		mustRx(`^(?:when|quand) (?:was|were|did|is|are|does|do|will|a ete|a eu lieu|a lieu|ont lieu|se tient|ont eu lieu|aura lieu|etait|est|sont|se (?:deroule|passe|termine)|commence|a commence|a fini|est sorti|est sortie|sort|est ne|est nee|est mort|est morte|a ete cree|a ete fonde)\b`),
		mustRx(`^(?:what year|which year|en quelle annee|in what year|in which year|depuis quand|a quelle date|what date did|what date was)\b`),
		mustRx(`^how (?:tall|old|long|big|high|far|deep|wide|heavy|large|fast|many people|many inhabitants|many residents|much does \w+(?: \w+)? weigh|much is \w+(?: \w+)? worth|hot is the sun|many \w+(?: \w+)? (?:are there|does|do|did|has|have|live|lived|is|in|on|won))\b`),
		mustRx(`^(?:what is|what are|what was|what were|quel est|quelle est|quels sont|quelles sont|quel etait|quelle etait|c'est quoi|donne)?\s*(?:the |la |le |les |l')?` + attr + ` (?:of|de|du|des|d'|in|en|au|aux|for|pour) \S`),
		mustRx(`^(?:the |la |le |les |l')?` + attr + ` (?:of|de|du|des|d') .+ (?:c'est qui|c'est quoi|est qui|is who|is what|c'est combien|est combien|c'etait qui|est ce qui)$`),
		mustRx(`^(?:what is |what was |what are |quel est |quelle est )?(?:the |le |la )?\S+(?: \S+){0,3}'s ` + attr + `$`),
		mustRx(`^(?:qui|who) (?:est|etait|sont|etaient|dirige|dirigeait|preside|presidait|gouverne|fait partie|font partie|faisait partie|leads|led|runs|heads|headed|is in|are in|was in|were in)\b`),
		mustRx(`^comment s'appel(?:le|lent|ait|aient) (?:le |la |les |l')\S+(?: \S+)? (?:de |du |des |d')\s?\S|^what (?:is|was|are|were) the names? of (?:the )?\S+(?: \S+)? (?:of|in) \S`),
		mustRx(`^(?:a|at) (?:quelle|what) (?:altitude|distance|profondeur|hauteur|vitesse|height|depth|speed|elevation|temperature)\b`),
		mustRx(`^(?:ou|where) (?:se (?:deroule|deroulent|deroulait|sont deroules|sont deroulees|est deroule|est deroulee|tient|tiendra|tiennent|tenait)|ont eu lieu|auront lieu|ont lieu|a lieu|is held|are held|was held|were held|will be held)\b`),
		mustRx(`^(?:quel|quelle|quels|quelles|qui) (?:est|sont|etait|etaient) (?:le |la |les |l')?\S+(?: \S+)? (?:le |la |les )?plus (?:grand|grande|grands|grandes|haut|haute|long|longue|vieux|vieille|ancien|ancienne|petit|petite|profond|profonde|peuple|peuplee|parle|parlee|parles|parlees|rapide|riche|chaud|chaude|froid|froide|visite|visitee|utilise|utilisee)\b|^(?:what|which) (?:is|was|are|were) the (?:most|least) (?:spoken|populous|populated|visited|widely spoken|used) \w+`),
		mustRx(`^(?:final |le |les )?(?:score|scores|resultat|resultats|result|results)(?: final)?(?: du| de| des| d'| of| of the| for| for the)? (?:match |game |matchs |games )?\S+`),
		mustRx(`^(?:what time|when|a quelle heure|quand) (?:is|are|does|do|est|sont|commence|commencent|joue|jouent) (?:the |le |la |les |l')?.{1,30}(?:game|games|match|matchs|matches|race|course|kick ?off|coup d'envoi)\b`),
		mustRx(`^(?:is|was|are) \S+(?: \S+){0,3} (?:married|single|alive|dead|still alive|divorced|pregnant)$|^\S+(?: \S+){0,3} (?:est (?:il|elle) |est )(?:marie|mariee|mort|morte|vivant|vivante|encore en vie|divorce|divorcee)$`),
		mustRx(`^(?:what|which) (?:movies|films|books|songs|albums|shows|series|novels) (?:has|have|did|does|do) \S+(?: \S+){0,3} (?:acted in|starred in|played in|appeared in|been in|written|write|wrote|directed|direct|released|sung|sing|sang|made|make)$|^(?:dans )?(?:quels|quelles) (?:films|livres|chansons|albums|series) (?:a|ont) (?:joue|ecrit|realise|chante|sorti|tourne) \S+`),
		mustRx(`^(?:where|which country|what country|which city|what city|ou|quel pays|quelle ville) .{0,40}\b(?:the most|the fewest|le plus de|le moins de)\b`),
		mustRx(`^(?:the )?number of (?:people|inhabitants|residents) (?:living |who live )?in \S`),
		mustRx(`^the (?:tallest|highest|largest|biggest|longest|oldest|smallest|deepest|fastest|richest|most populous) \w+(?: \w+)? (?:in|of|on) (?:the )?\w+`),
		mustRx(`^(?:what|which|who) (?:is|was|are) the (?:tallest|highest|largest|biggest|longest|oldest|smallest|deepest|fastest|richest|most populous|most populated|first|last|current) \w+`),
		mustRx(`^(?:quel|quelle|quels|quelles|qui) (?:est|sont|etait|a ete) (?:le |la |les |l')?(?:plus (?:grand|grande|haut|haute|long|longue|vieux|vieille|petit|petite|profond|profonde|peuple|peuplee|rapide|riche|ancien|ancienne)|premier|premiere|dernier|derniere|actuel|actuelle) \w+`),
		mustRx(`^(?:where is|where are|where was|where were|where did|where does|ou est|ou sont|ou se trouve|ou se trouvent|ou se situe|ou est situe|ou est situee|ou a ete|ou ont ete|ou est ne|ou est nee|ou a eu lieu|ou aura lieu|ou vit|ou habite|dans quel pays|in which country|in what country|which country)\b`),
		mustRx(`^(?:.{1,40}) (?:opening hours|hours today|hours on \w+|open on \w+|open today|open now|open hours|opening times|opening hours \w+|horaires(?: d'ouverture)?(?: \w+)?|ouvert (?:le|aujourd'hui|demain|dimanche|ce)\b.*|est (?:il |elle )?ouvert.*|ouvre (?:a quelle heure|quand).*|ferme (?:a quelle heure|quand).*)$`),
		mustRx(`^(?:horaires?|heures d'ouverture|opening hours|hours)(?: d'ouverture)? (?:de |du |des |d'|of |for )?\S`),
		mustRx(`^(?:what time does|when does|a quelle heure (?:ouvre|ferme)|quand (?:ouvre|ferme)) .+ (?:open|close|ouvre|ferme|$)`),
		mustRx(`^(?:quel age a|quel age avait|how old is|how old was|age of|age de|l'age de) \S`),
		mustRx(`^\S+(?: \S+){0,2} (?:il |elle )?a quel age$`),
		mustRx(`^(?:dans [^ ]+(?: [^ ]+){0,3} )?(?:de |en |dans )?(?:quel|quelle|quels|quelles) (?:espece|couleur|nationalite|origine|pays|annee|race|type|genre|club|equipe|ville|langue|siecle|epoque) (?:est|etait|sont|vit|joue|jouait|parle|parlent|a ete)\b`),
		mustRx(`\bcombien d'habitants\b|\bcombien de (?:pays|etats|habitants|joueurs|etoiles|planetes|os|dents|continents|regions|departements|communes|oscars|titres|buts|personnes|morts|victimes|membres|medailles|especes|langues|etages|marches|saisons|episodes|tomes|livres|films|albums)\b|\bhow many people live\b`),
		mustRx(`^(?:what|which) (?:language|languages|currency) (?:do|does|is) .+ (?:speak|spoken|use|used)\b|^(?:quelle langue|quelle monnaie) .+ (?:parle|utilise)`),
		mustRx(`^combien (?:de |d')(?:temps|fois|\w+) (?:dure|durent|mesure|mesurent|pese|pesent|contient|contiennent|compte|comptent|possede|a|ont|y a t il|est ce que)\b`),
		mustRx(`^(?:who|qui) (?:won|a gagne|a remporte|gagne|remporte) (?:the |le |la |les |l')?`),
	}
	// Advice, opinion, the future or the person themselves: not a lookup.
	reFactNot = mustRx(`\b(?:take|takes|wait|seated|lasts|expire|expires|expired|go bad|goes bad|spoil|spoiled|cook|cooking|bake|baking|grill|fridge|freezer|stays good|our|we|this car|this vehicle|the speaker|credit|credit score|exam|examen|quiz|best|better|worst|meilleur|meilleure|meilleurs|meilleures|pire|difference|differences|different|should|devrais|devrait|dois|would|could|serait|sera|seront|will win|next|prochain|prochaine|favorite|favourite|prefere|you|your|yours|tu|toi|ton|ta|tes|vous|votre|i|me|my|mine|je|j'|moi|mon|ma|mes|nous|notre|think|pense|penses|opinion|avis|why|how does|how do|how can|how to|comment|vrai|true|possible|realiste|really|vraiment|niveau|level|impact|role|effect|effet|importance|important|meaning|sens|signification|benefits|avantages|advantages|risks|risques|work|works|fonctionne|happen|happens|arrive)\b`)
	// A second question joined to the first asks for more than a fact.
	reFactSecondQ = mustRx(`\b(?:et|and|mais|but) (?:quel|quelle|quels|quelles|qui|que|quoi|comment|pourquoi|ou|quand|combien|what|who|why|how|where|when|which)\b`)
	reFactContext = mustRx(`^(?:dans|in|sur|on) [^ ]+(?: [^ ]+){0,3} (?:de |en |dans )?(?:quel|quelle|qui|who|what|which|how|where|ou)\b`)
)

// secondQuestion reports whether raw asks a second question after a first
// question mark ("Combien de livres existe-t-il ? ça fait combien de
// pages ?"); a lone word after it ("Answer:") or a doubled mark is none.
func secondQuestion(raw string) bool {
	i := strings.IndexByte(raw, '?')
	if i < 0 {
		return false
	}
	words := 0
	for _, w := range strings.Fields(raw[i+1:]) {
		if strings.IndexFunc(w, unicode.IsLetter) >= 0 {
			words++
		}
	}
	return words >= 2
}

// fact sends short factual questions to the search engine.
func (c *Classifier) fact(p prompt) (tracker.Verdict, bool) {
	s := p.plain
	// "comment s'appelle…" asks a name, not how.
	if len(p.words) > 16 || len(p.words) < 3 || reFactNot.MatchString(strings.Replace(s, "comment s'appel", "s'appel", 1)) ||
		strings.HasSuffix(p.norm, " for me") || strings.HasSuffix(p.norm, " pour moi") ||
		secondQuestion(p.raw) || reFactSecondQ.MatchString(s) {
		return tracker.Verdict{}, false
	}
	for _, re := range reFactPatterns {
		if re.MatchString(s) {
			return c.search(tracker.CatFact, s), true
		}
	}
	return tracker.Verdict{}, false
}
