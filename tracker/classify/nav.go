package classify

import (
	"strings"

	"frugal/tracker"
)

// sites are well-known sites and brands people type to reach them, with
// their address. Keys are normalised (lowercase, no accents, spaces).
var sites = map[string]string{
	"google": "https://www.google.com/", "gmail": "https://mail.google.com/", "google maps": "https://maps.google.com/",
	"google drive": "https://drive.google.com/", "youtube": "https://www.youtube.com/", "facebook": "https://www.facebook.com/",
	"messenger": "https://www.messenger.com/", "instagram": "https://www.instagram.com/", "tiktok": "https://www.tiktok.com/",
	"twitter": "https://x.com/", "linkedin": "https://www.linkedin.com/", "reddit": "https://www.reddit.com/",
	"pinterest": "https://www.pinterest.com/", "snapchat": "https://www.snapchat.com/", "whatsapp": "https://web.whatsapp.com/",
	"whatsapp web": "https://web.whatsapp.com/", "telegram": "https://web.telegram.org/", "discord": "https://discord.com/app",
	"twitch": "https://www.twitch.tv/", "quora": "https://www.quora.com/", "wikipedia": "https://www.wikipedia.org/",
	"wikipedia fr": "https://fr.wikipedia.org/", "amazon": "https://www.amazon.com/", "amazon fr": "https://www.amazon.fr/",
	"ebay": "https://www.ebay.com/", "etsy": "https://www.etsy.com/", "aliexpress": "https://www.aliexpress.com/",
	"netflix": "https://www.netflix.com/", "disney plus": "https://www.disneyplus.com/", "disney+": "https://www.disneyplus.com/",
	"prime video": "https://www.primevideo.com/", "spotify": "https://open.spotify.com/", "deezer": "https://www.deezer.com/",
	"soundcloud": "https://soundcloud.com/", "github": "https://github.com/", "gitlab": "https://gitlab.com/",
	"stack overflow": "https://stackoverflow.com/", "stackoverflow": "https://stackoverflow.com/",
	"outlook": "https://outlook.live.com/", "hotmail": "https://outlook.live.com/", "office 365": "https://www.office.com/",
	"microsoft 365": "https://www.office.com/", "office": "https://www.office.com/", "teams": "https://teams.microsoft.com/",
	"icloud": "https://www.icloud.com/", "yahoo": "https://www.yahoo.com/", "yahoo mail": "https://mail.yahoo.com/",
	"zoom": "https://zoom.us/", "dropbox": "https://www.dropbox.com/", "booking": "https://www.booking.com/",
	"airbnb": "https://www.airbnb.com/", "tripadvisor": "https://www.tripadvisor.com/", "uber eats": "https://www.ubereats.com/",
	"doctolib": "https://www.doctolib.fr/", "leboncoin": "https://www.leboncoin.fr/", "le bon coin": "https://www.leboncoin.fr/",
	"cdiscount": "https://www.cdiscount.com/", "fnac": "https://www.fnac.com/", "darty": "https://www.darty.com/",
	"vinted": "https://www.vinted.fr/", "decathlon": "https://www.decathlon.fr/", "boulanger": "https://www.boulanger.com/",
	"sncf": "https://www.sncf-connect.com/", "sncf connect": "https://www.sncf-connect.com/", "ouigo": "https://www.ouigo.com/",
	"ratp": "https://www.ratp.fr/", "blablacar": "https://www.blablacar.fr/", "la poste": "https://www.laposte.fr/",
	"laposte": "https://www.laposte.fr/", "laposte mail": "https://www.laposte.net/", "la banque postale": "https://www.labanquepostale.fr/",
	"credit agricole": "https://www.credit-agricole.fr/", "bnp": "https://mabanque.bnpparibas/", "bnp paribas": "https://mabanque.bnpparibas/",
	"societe generale": "https://particuliers.sg.fr/", "caisse d'epargne": "https://www.caisse-epargne.fr/", "lcl": "https://www.lcl.fr/",
	"credit mutuel": "https://www.creditmutuel.fr/", "boursorama": "https://www.boursorama.com/", "boursobank": "https://www.boursobank.com/",
	"ameli": "https://www.ameli.fr/", "impots": "https://www.impots.gouv.fr/", "impots gouv": "https://www.impots.gouv.fr/",
	"caf": "https://www.caf.fr/", "france travail": "https://www.francetravail.fr/", "pole emploi": "https://www.francetravail.fr/",
	"service public": "https://www.service-public.fr/", "ants": "https://ants.gouv.fr/", "parcoursup": "https://www.parcoursup.fr/",
	"pronote": "https://www.index-education.com/fr/pronote-info191.php", "ecole directe": "https://www.ecoledirecte.com/",
	"sfr": "https://www.sfr.fr/", "bouygues telecom": "https://www.bouyguestelecom.fr/", "free mobile": "https://mobile.free.fr/",
	"orange": "https://www.orange.fr/", "free": "https://www.free.fr/", "le monde": "https://www.lemonde.fr/",
	"le figaro": "https://www.lefigaro.fr/", "liberation": "https://www.liberation.fr/", "ouest france": "https://www.ouest-france.fr/",
	"20 minutes": "https://www.20minutes.fr/", "franceinfo": "https://www.francetvinfo.fr/", "france info": "https://www.francetvinfo.fr/",
	"bfmtv": "https://www.bfmtv.com/", "lequipe": "https://www.lequipe.fr/", "l'equipe": "https://www.lequipe.fr/",
	"marmiton": "https://www.marmiton.org/", "allocine": "https://www.allocine.fr/", "canal+": "https://www.canalplus.com/",
	"mycanal": "https://www.canalplus.com/", "molotov": "https://www.molotov.tv/", "france tv": "https://www.france.tv/",
	"arte": "https://www.arte.tv/", "bbc": "https://www.bbc.com/", "cnn": "https://www.cnn.com/", "nytimes": "https://www.nytimes.com/",
	"new york times": "https://www.nytimes.com/", "espn": "https://www.espn.com/", "imdb": "https://www.imdb.com/",
	"chatgpt": "https://chatgpt.com/", "claude": "https://claude.ai/", "gemini": "https://gemini.google.com/",
	"duckduckgo": "https://duckduckgo.com/", "ecosia": "https://www.ecosia.org/", "qwant": "https://www.qwant.com/",
	"bing": "https://www.bing.com/", "paypal": "https://www.paypal.com/", "canva": "https://www.canva.com/",
	"notion": "https://www.notion.so/", "trello": "https://trello.com/", "slack": "https://app.slack.com/",
	"duolingo": "https://www.duolingo.com/", "coursera": "https://www.coursera.org/", "khan academy": "https://www.khanacademy.org/",
	"steam": "https://store.steampowered.com/", "epic games": "https://store.epicgames.com/", "roblox": "https://www.roblox.com/",
	"hulu": "https://www.hulu.com/", "hbo max": "https://www.max.com/", "max": "https://www.max.com/",
	"walmart": "https://www.walmart.com/", "target": "https://www.target.com/", "best buy": "https://www.bestbuy.com/",
	"ikea": "https://www.ikea.com/", "zalando": "https://www.zalando.fr/", "shein": "https://www.shein.com/",
	"temu": "https://www.temu.com/", "deepl": "https://www.deepl.com/", "google translate": "https://translate.google.com/",
	"bank of america": "https://www.bankofamerica.com/", "chase": "https://www.chase.com/", "wells fargo": "https://www.wellsfargo.com/",
	"dailymotion": "https://www.dailymotion.com/", "vimeo": "https://vimeo.com/", "tumblr": "https://www.tumblr.com/",
	"bluesky": "https://bsky.app/", "mastodon": "https://joinmastodon.org/", "threads": "https://www.threads.net/",
}

// ambiguousSites are also ordinary words: they count as navigation only with
// an explicit "open"/"login"/… around them.
var ambiguousSites = map[string]bool{"orange": true, "free": true, "office": true, "target": true, "max": true,
	"chase": true, "steam": true, "threads": true, "notion": true, "teams": true, "arte": true, "claude": true,
	"gemini": true, "caf": true, "ants": true, "messenger": true, "booking": true, "zoom": true, "telegram": true}

var (
	reNavVerb        = mustRx(`^(?:open|opens|go to|goto|take me to|bring me to|navigate to|visit|launch|load|access|ouvre|ouvrir|ouvrez|aller sur|aller a|va sur|allez sur|lance|lancer|acceder a|accede a|emmene moi sur|direction)\b\s*`)
	reNavLogin       = mustRx(`\b(?:log ?in|login|logon|sign ?in|signin|sign on|connexion|connection|se connecter|me connecter|connecter|mon compte|my account|account|compte|espace client|mon espace|espace|mail|email|e mail|webmail|boite mail|boite aux lettres|messagerie|inbox|home ?page|homepage|site web|website|site officiel|official site|site|web|online|en ligne|app|appli|application|page d'accueil|accueil|page)\b`)
	reNavStrongLogin = mustRx(`\b(?:log ?in|login|logon|sign ?in|signin|connexion|se connecter|me connecter|mon compte|my account|espace client|mon espace|webmail)\b`)
	reNavFiller      = mustRx(`\b(?:the|my|le|la|les|l'|ma|mon|mes|sur|on|de|du|des|d'|a|www)\b`)
	reDomain         = mustRx(`^(?:https?://)?(?:www\.)?([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9-]+)*\.(?:com|fr|org|net|io|co|uk|de|be|ch|ca|eu|gouv\.fr|tv|app|ai|me|info|es|it|nl|us|dev))(/\S*)?$`)
)

// navigation: a bare site or brand name, a domain, or "open X" / "X login".
func (c *Classifier) navigation(p prompt) (tracker.Verdict, bool) {
	if len(p.words) > 6 {
		return tracker.Verdict{}, false
	}
	s := strings.TrimSpace(strings.TrimRight(p.norm, " ?!."))
	if m := reDomain.FindStringSubmatch(strings.TrimSpace(reNavVerb.ReplaceAllString(s, ""))); m != nil {
		return tracker.Verdict{Category: tracker.CatNavigation, Tool: ToolSite, URL: "https://" + m[1] + m[2]}, true
	}
	rest := p.plain
	verb := reNavVerb.MatchString(rest)
	if verb {
		rest = reNavVerb.ReplaceAllString(rest, "")
	}
	login := reNavLogin.MatchString(rest)
	if login {
		rest = reNavLogin.ReplaceAllString(rest, " ")
	}
	rest = strings.Join(strings.Fields(reNavFiller.ReplaceAllString(rest, " ")), " ")
	if rest == "" {
		return tracker.Verdict{}, false
	}
	if u, ok := sites[rest]; ok && (!ambiguousSites[rest] || verb || login) {
		return tracker.Verdict{Category: tracker.CatNavigation, Tool: ToolSite, URL: u}, true
	}
	// A known site and one of its services or pages ("youtube music",
	// "caf espace allocataire", "google agenda"): found by search.
	if f := strings.Fields(rest); len(f) >= 2 && len(f) <= 4 {
		for n := min(2, len(f)-1); n >= 1; n-- {
			site := strings.Join(f[:n], " ")
			if _, ok := sites[site]; !ok || ambiguousSites[site] && !verb && !login {
				continue
			}
			all := true
			for _, w := range f[n:] {
				all = all && navService[w]
			}
			if all {
				return c.search(tracker.CatNavigation, p.plain), true
			}
		}
	}
	// An unknown name with "login"/"connexion": a portal, found by search;
	// an action on an account ("stop my account", "put my account on hold")
	// is a request to a bank or a service, not a site.
	if reNavStrongLogin.MatchString(p.plain) && len(strings.Fields(rest)) <= 2 && !commonWord[rest] && !navAction(rest) {
		return c.search(tracker.CatNavigation, p.plain), true
	}
	if verb && len(strings.Fields(rest)) == 1 && !commonWord[rest] && len(p.words) <= 3 {
		return c.search(tracker.CatNavigation, rest), true
	}
	return tracker.Verdict{}, false
}

// navAction reports whether rest holds a verb acting on an account.
func navAction(rest string) bool {
	for _, w := range strings.Fields(rest) {
		switch w {
		case "stop", "freeze", "close", "cancel", "block", "delete", "put", "hold", "lock", "unlock", "reset", "change",
			"update", "create", "suspend", "report", "transfer", "pay", "check", "fermer", "ferme", "bloquer", "bloque",
			"supprimer", "supprime", "annuler", "annule", "modifier", "modifie", "creer", "cree", "suspendre", "geler":
			return true
		}
	}
	return false
}

// navService: the services and pages of a site people name after it.
var navService = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`music musique inbox drive maps map photos calendar agenda docs sheets slides meet studio shorts
		kids premium tv live news business pro ads analytics console store shop boutique allocataire assure assuree
		perso personnel particulier particuliers client clients adherent candidat parent parents eleve eleves etudiant
		entreprise entreprises documents attestation attestations releve releves remboursements paiements messages
		notifications settings parametres password inscription register signup forum mobile portal portail dashboard
		orders commandes commande order suivi tracking colis abonnement subscription factures facture bills billing
		wallet pay cloud keep translate traduction traducteur lens scholar earth flights vols hotels jobs emploi`) {
		m[w] = true
	}
	return m
}()

// commonWord: words that follow "open" without being a site.
var commonWord = map[string]bool{"it": true, "this": true, "that": true, "door": true, "window": true, "file": true,
	"porte": true, "fenetre": true, "fichier": true, "bank": true, "banque": true, "account": true, "compte": true,
	"up": true, "source": true, "ai": true, "mind": true, "question": true, "questions": true, "ca": true, "le": true,
	"new": true, "nouveau": true, "nouvelle": true, "tab": true, "onglet": true, "email": true, "mail": true,
	"restaurant": true, "store": true, "shop": true, "magasin": true, "boutique": true, "bottle": true, "jar": true,
	"bocal": true, "bouteille": true, "can": true, "conserve": true, "pdf": true, "excel": true, "word": true, "terminal": true,
}
