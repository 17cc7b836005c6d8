package estimate

// Methodology returns the method in plain words with every source, in
// French when lang is "fr" and in English otherwise. The summary window's
// "How is this estimated?" and `frugal methodology` show it.
func Methodology(lang string) string {
	if lang == "fr" {
		return methodologyFR
	}
	return methodologyEN
}

// MethodologyFor is Methodology preceded by the scope in use.
func MethodologyFor(lang string, sc Scope) string {
	if lang == "fr" {
		return "Périmètre utilisé : " + sc.Describe(lang) + " (" + sc.String() + ").\n\n" + methodologyFR
	}
	return "Scope in use: " + sc.Describe(lang) + " (" + sc.String() + ").\n\n" + methodologyEN
}

const methodologyEN = `How Frugal estimates a request's footprint  (method ` + MethodVersion + `)

The core is EcoLogits 0.11.2 (https://ecologits.ai), reproduced exactly and checked against its
reference test vectors. For one request it takes the model's size (active and total parameters),
the number of tokens in the answer and the time the request took, and works out:
  - the energy used by the GPUs and the rest of the server for that request, times the
    datacenter's overhead (PUE);
  - carbon, from the electricity mix of the country where the provider's datacenters are
    (location-based), plus a share of the carbon of making the servers (embodied impacts);
  - water, consumed on site for cooling and off site to generate the electricity.
Model sizes that are not published are ranges, so every estimate is a range (low – high).
The central value is the geometric mean of the two bounds.

What it counts (default scope): usage and manufacture of the datacenter hardware that served
the request.
What it leaves out: the network, your own device, training the model, and water used to make
the hardware. Water counts usage only.

What Frugal adds (each with its source; turn them off and the numbers are EcoLogits' exactly):
  - answer length → tokens: about 4 characters per token in English (OpenAI Help Center, "What
    are tokens and how to count them?"); French takes 10–15 % more tokens (aigotchyou.eu, "Tokens
    Across Languages", a secondary source); so the high bound allows 15 % more tokens.
  - answer not seen: 129–500 tokens (129: the median answer in Microsoft Azure's production
    chat trace, Patel et al., "Splitwise", ISCA 2024, whose mean, 211, matches the 214.5 of
    Zheng et al., "LMSYS-Chat-1M", ICLR 2024; 500: Epoch AI, "How much energy does ChatGPT
    use?", Feb 2025).
  - the streaming time seen in the browser is the request's latency.
  - long prompts: EcoLogits ignores input length (low bound: nothing added); Epoch AI puts a
    GPT-4o query at about 0.3 Wh with a short prompt, 2.5 Wh with 10,000 input tokens and 40 Wh
    with 100,000 (high bound: the difference).
  - reasoning ("thinking") modes: up to 43 times the energy (MIT Technology Review, "We did the
    math on AI's energy footprint", May 2025). Deep research: same factor, likely too low.
  - the assistant's own web search: 0.3 Wh per search (Google, "Powering a Google search", 2009),
    one search counted.
  - images: 0.63–11.49 Wh each (MIT Technology Review 2025: a 1024×1024 image from Stable
    Diffusion 3 Medium took about 2,282 J; Luccioni et al., "Power Hungry Processing", FAccT
    2024: the least efficient model used 11.49 kWh per 1,000 images).
  - video: 30–944 Wh per clip of about 5 seconds (MIT Technology Review 2025: 109,000 J for an
    older model, 3.4 million J for a newer one).
  - audio: no published figure; only the text part is estimated.
  - model labels: a table (tracker/estimate/data/labels.csv, a source per line) maps every label
    the seven sites show ("GPT-5.2 Instant", "4o", "Thinking", "Fast", "Sonnet 4.5", "Quick
    response", "DeepThink"…, in French and English) to an EcoLogits model, or to a proxy of
    published size (DeepSeek-V3: 671B total, 37B active, on China's grid; Perplexity's Sonar:
    Llama 3.3 70B), or widens an unpublished size to span published estimates (GPT-4o: 200B,
    Ben Abacha et al., Microsoft, Dec 2024, to EcoLogits' 440B). A label that is a reasoning mode counts as one. An unknown label takes the
    site's documented default. "frugal estimate" says which model was used and why.

Scopes (settings carbon_scope, water_scope, embodied_off): carbon location-based (default: the
grid's average mix) or market-based (the provider's own factor where it publishes one: Google,
0.096 g/Wh, from its Aug 2025 paper); water on site + electricity generation (default) or on site
only; the carbon of making the hardware counted (default) or not. Each stored estimate keeps its
method version and scope; when they change, stored estimates are re-estimated.

Credibility: "make credibility" compares Frugal with published per-request figures (OpenAI,
Google, Mistral, Epoch AI, Jegham et al., Luccioni et al., MIT Technology Review), each under its
own scope; docs/METHODOLOGY.md shows the table and why some differ.

Grid: by default the provider's datacenter country as EcoLogits assigns it (USA for OpenAI,
Anthropic and Google, Sweden for Mistral). You can pick another zone to see "what if"; such
estimates are labelled.

Lighter tools: a web search ≈ 0.3 Wh and 0.2 g CO2 (Google, 2009); a calculator, clock, unit
converter, weather app, dictionary or maps app ≈ 0 (our assumption: no figure published).
"Avoided" is the AI request minus the tool, counted only when you followed the suggestion.

Equivalents: a phone charge = 12 Wh (Luccioni et al. 2024, citing the US EPA); a km by car =
142 g CO2e, the average car, manufacture included (ADEME, Impact CO2, update of 4 May 2026); an hour of video streaming = 36 g
CO2 (IEA, 2020); a km by TGV = 2.93 g CO2e (ADEME, Impact CO2).

Sources
  EcoLogits 0.11.2, methodology and data (MPL-2.0): https://ecologits.ai, https://github.com/mlco2/ecologits
  OpenAI Help Center, What are tokens and how to count them?: https://help.openai.com/en/articles/4936856
  aigotchyou.eu, Tokens Across Languages: https://www.aigotchyou.eu/en/course/ai-engineering/learn/token-languages/
  Epoch AI, How much energy does ChatGPT use? (Feb 2025): https://epoch.ai/gradient-updates/how-much-energy-does-chatgpt-use
  Zheng et al., LMSYS-Chat-1M (ICLR 2024): https://arxiv.org/abs/2309.11998
  Elsworth et al. (Google), Measuring the environmental impact of delivering AI at Google scale (Aug 2025): https://arxiv.org/abs/2508.15734
  Mistral AI, Our contribution to a global environmental standard for AI (July 2025): https://mistral.ai/news/our-contribution-to-a-global-environmental-standard-for-ai
  MIT Technology Review, We did the math on AI's energy footprint (May 2025): https://www.technologyreview.com/2025/05/20/1116327/ai-energy-usage-climate-footprint-big-tech/
  Luccioni, Jernite, Strubell, Power Hungry Processing (FAccT 2024): https://arxiv.org/abs/2311.16863
  Google, Powering a Google search (Jan 2009): https://googleblog.blogspot.com/2009/01/powering-google-search.html
  IEA, The carbon footprint of streaming video (Dec 2020): https://www.iea.org/commentaries/the-carbon-footprint-of-streaming-video-fact-checking-the-headlines
  ADEME, Impact CO2: https://impactco2.fr
  DeepSeek-V3 Technical Report: https://arxiv.org/abs/2412.19437
`

const methodologyFR = `Comment Frugal estime l'empreinte d'une requête  (méthode ` + MethodVersion + `)

Le cœur est EcoLogits 0.11.2 (https://ecologits.ai), reproduit à l'identique et vérifié sur ses
vecteurs de test de référence. Pour une requête, il prend la taille du modèle (paramètres actifs
et totaux), le nombre de jetons de la réponse et la durée de la requête, et en déduit :
  - l'énergie consommée par les GPU et le reste du serveur pour cette requête, multipliée par
    le surcoût du centre de données (PUE) ;
  - le carbone, d'après le mix électrique du pays des centres de données du fournisseur
    (approche « location-based »), plus une part du carbone de fabrication des serveurs
    (impacts intrinsèques) ;
  - l'eau, consommée sur place pour le refroidissement et ailleurs pour produire l'électricité.
La taille des modèles non publiés est une fourchette : chaque estimation est donc une fourchette
(basse – haute). La valeur centrale est la moyenne géométrique des deux bornes.

Ce qui est compté : l'usage et la fabrication du matériel du centre de données qui a servi la
requête. Ce qui ne l'est pas : le réseau, votre appareil, l'entraînement du modèle, l'eau de
fabrication du matériel. L'eau ne compte que l'usage.

Ce que Frugal ajoute (chaque chiffre avec sa source ; sans ces extensions, les chiffres sont
exactement ceux d'EcoLogits) :
  - longueur de la réponse → jetons : environ 4 caractères par jeton en anglais (OpenAI Help
    Center, « What are tokens and how to count them? ») ; le français demande 10 à 15 % de jetons
    en plus (aigotchyou.eu, « Tokens Across Languages », source secondaire) ; la borne haute
    compte donc 15 % de jetons en plus.
  - réponse non vue : 129 à 500 jetons (129 : la réponse médiane de la trace de production du
    service de conversation d'Azure, Patel et al., « Splitwise », ISCA 2024, dont la moyenne,
    211, rejoint les 214,5 de Zheng et al., « LMSYS-Chat-1M », ICLR 2024 ; 500 : Epoch AI,
    « How much energy does ChatGPT use? », février 2025).
  - la durée d'affichage de la réponse vue par le navigateur sert de latence de la requête.
  - longs messages : EcoLogits ignore la longueur de l'entrée (borne basse : rien d'ajouté) ;
    Epoch AI estime une requête GPT-4o à environ 0,3 Wh avec un message court, 2,5 Wh avec
    10 000 jetons en entrée et 40 Wh avec 100 000 (borne haute : la différence).
  - modes de raisonnement (« thinking ») : jusqu'à 43 fois l'énergie (MIT Technology Review,
    « We did the math on AI's energy footprint », mai 2025). Recherche approfondie : même
    facteur, sans doute trop bas.
  - recherche web faite par l'assistant : 0,3 Wh par recherche (Google, « Powering a Google
    search », 2009), une seule recherche comptée.
  - images : 0,63 à 11,49 Wh chacune (MIT Technology Review 2025 : une image 1024×1024 de
    Stable Diffusion 3 Medium a pris environ 2 282 J ; Luccioni et al., « Power Hungry
    Processing », FAccT 2024 : 11,49 kWh pour 1 000 images pour le modèle le moins efficace).
  - vidéo : 30 à 944 Wh par clip d'environ 5 secondes (MIT Technology Review 2025 : 109 000 J
    pour un modèle ancien, 3,4 millions de J pour un plus récent).
  - audio : aucun chiffre publié ; seule la partie texte est estimée.
  - libellés de modèle : une table (tracker/estimate/data/labels.csv, une source par ligne)
    associe chaque libellé affiché par les sept sites (« GPT-5.2 Instant », « 4o », « Réflexion »,
    « Rapide », « Sonnet 4.5 », « Réponse rapide », « DeepThink »…, en français et en anglais) à un
    modèle EcoLogits ou à un substitut de taille publiée (DeepSeek-V3 : 671 Md de paramètres dont
    37 actifs, réseau chinois ; Sonar de Perplexity : Llama 3.3 70B), ou élargit une taille non
    publiée aux estimations publiées (GPT-4o : de 200 Md, Ben Abacha et al., Microsoft, déc.
    2024, aux 440 Md d'EcoLogits). Un libellé de mode
    raisonnement compte comme tel. Un libellé inconnu prend le modèle par défaut documenté du site.
    « frugal estimate » dit quel modèle a servi et pourquoi.

Périmètres (réglages carbon_scope, water_scope, embodied_off) : carbone selon le mix moyen du
réseau (par défaut) ou « market-based » (facteur publié par le fournisseur : Google, 0,096 g/Wh,
d'après son article d'août 2025) ; eau sur place + production d'électricité (par défaut) ou sur
place seulement ; fabrication du matériel comptée (par défaut) ou non. Chaque estimation gardée
retient sa version de méthode et son périmètre ; s'ils changent, elle est refaite.

Crédibilité : « make credibility » compare Frugal aux chiffres publiés par requête (OpenAI,
Google, Mistral, Epoch AI, Jegham et al., Luccioni et al., MIT Technology Review), chacun dans son
propre périmètre ; docs/METHODOLOGY.md montre le tableau et pourquoi certains diffèrent.

Réseau électrique : par défaut le pays des centres de données du fournisseur selon EcoLogits
(États-Unis pour OpenAI, Anthropic et Google, Suède pour Mistral). Vous pouvez choisir une autre
zone pour voir « et si » ; ces estimations sont signalées comme telles.

Outils plus légers : une recherche web ≈ 0,3 Wh et 0,2 g de CO2 (Google, 2009) ; calculatrice,
horloge, convertisseur, appli météo, dictionnaire ou appli de cartes ≈ 0 (notre hypothèse :
aucun chiffre publié). L'« évité » est la requête IA moins l'outil, compté seulement si vous
avez suivi la suggestion.

Équivalents : une recharge de téléphone = 12 Wh (Luccioni et al. 2024, d'après l'EPA
américaine) ; un km en voiture = 142 g CO2e, voiture moyenne, fabrication comprise (ADEME, Impact CO2,
mise à jour du 4 mai 2026) ;
une heure de streaming vidéo = 36 g de CO2 (AIE, 2020) ; un km en TGV = 2,93 g CO2e (ADEME,
Impact CO2).

Sources : voir la liste ci-dessous (titres d'origine).
  EcoLogits 0.11.2, méthode et données (MPL-2.0) : https://ecologits.ai, https://github.com/mlco2/ecologits
  OpenAI Help Center, What are tokens and how to count them? : https://help.openai.com/en/articles/4936856
  aigotchyou.eu, Tokens Across Languages : https://www.aigotchyou.eu/en/course/ai-engineering/learn/token-languages/
  Epoch AI, How much energy does ChatGPT use? (févr. 2025) : https://epoch.ai/gradient-updates/how-much-energy-does-chatgpt-use
  Zheng et al., LMSYS-Chat-1M (ICLR 2024) : https://arxiv.org/abs/2309.11998
  Elsworth et al. (Google), Measuring the environmental impact of delivering AI at Google scale (août 2025) : https://arxiv.org/abs/2508.15734
  Mistral AI, Our contribution to a global environmental standard for AI (juil. 2025) : https://mistral.ai/news/our-contribution-to-a-global-environmental-standard-for-ai
  MIT Technology Review, We did the math on AI's energy footprint (mai 2025) : https://www.technologyreview.com/2025/05/20/1116327/ai-energy-usage-climate-footprint-big-tech/
  Luccioni, Jernite, Strubell, Power Hungry Processing (FAccT 2024) : https://arxiv.org/abs/2311.16863
  Google, Powering a Google search (janv. 2009) : https://googleblog.blogspot.com/2009/01/powering-google-search.html
  AIE, The carbon footprint of streaming video (déc. 2020) : https://www.iea.org/commentaries/the-carbon-footprint-of-streaming-video-fact-checking-the-headlines
  ADEME, Impact CO2 : https://impactco2.fr
  DeepSeek-V3 Technical Report : https://arxiv.org/abs/2412.19437
`
