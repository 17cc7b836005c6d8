package classify

import (
	"strings"
	"unicode"

	"frugal/tracker"
)

var (
	reGenVerb = `(?:generate|create|make|produce|render|design|draw|paint|sketch|illustrate|give me|show me|i want|i need|can you make|genere|generer|generez|cree|creer|creez|fais|faire|fabrique|produis|dessine|dessiner|peins|realise|realiser|illustre|montre moi|je veux|j'aimerais|je voudrais)(?: me| moi| us| nous)?`
	reDet     = `(?: (?:a|an|the|some|one|two|three|\d+|un|une|des|deux|trois|le|la|les|l'|ma|mon|my))?(?: \w+)?`
	reImageKw = `(?:image|images|picture|pictures|pic|photo|photos|photograph|drawing|drawings|illustration|illustrations|logo|logos|portrait|wallpaper|fond d'ecran|icon|icone|poster|affiche|painting|peinture|tableau|dessin|dessins|sticker|avatar|meme|artwork|rendering|render|sketch|croquis|comic|bd|cartoon|dessin anime|infographic|infographie|mockup|maquette)`
	reVideoKw = `(?:video|videos|clip|clips|animation|animations|film|movie|short film|court metrage|gif|timelapse|trailer|bande annonce)`
	reAudioKw = `(?:audio|song audio|music|musique|soundtrack|bande son|jingle|podcast|voice|voix|voiceover|voix off|sound|son|sound effect|ringtone|sonnerie|mp3|melody|melodie|beat|instrumental)`
	reImage   = mustRx(`\b` + reGenVerb + reDet + ` ` + reImageKw + `\b|^(?:draw|dessine|dessiner|paint|peins|sketch)(?: me| moi)?\b|\b(?:text to image|image generation|generation d'image|midjourney|dall e|dalle|stable diffusion)\b`)
	reVideo   = mustRx(`\b` + reGenVerb + reDet + ` ` + reVideoKw + `\b|\b(?:text to video|video generation|generation de video|sora|veo|runway)\b`)
	reAudio   = mustRx(`\b` + reGenVerb + reDet + ` ` + reAudioKw + `\b|\b(?:text to speech|tts|read (?:this|it) (?:aloud|out loud)|lis (?:ce texte|le) a voix haute|voice clone|suno|udio)\b`)
)

// DetectKind tells requests to generate an image, a video or audio from
// text requests (tracker.KindText). Only the start of a long text is read.
func DetectKind(text string) tracker.Kind {
	if len(text) > maxBytes {
		text = text[:maxBytes]
	}
	return kindOf(normalize(text))
}

// kindOf is DetectKind on the normalised head of a text.
func kindOf(n string) tracker.Kind {
	if n == "" {
		return tracker.KindText
	}
	n = splitHyphens(n, false)
	gated := false
	for w := range strings.FieldsFuncSeq(n, notLetter) {
		if gateKind.has(w) {
			gated = true
			break
		}
	}
	if !gated {
		return tracker.KindText
	}
	switch {
	case reVideo.MatchString(n):
		return tracker.KindVideo
	case reAudio.MatchString(n):
		return tracker.KindAudio
	case reImage.MatchString(n):
		return tracker.KindImage
	}
	return tracker.KindText
}

// HeavyNote is the gentle tip shown for a heavy request: generating media
// costs far more than text, and a description or a sketch may do.
func HeavyNote(k tracker.Kind, lang string) string {
	fr := lang == "fr"
	switch k {
	case tracker.KindImage:
		if fr {
			return "Générer une image consomme bien plus qu'une réponse en texte : une description, un croquis ou une image existante (banque d'images libres) suffiraient peut-être."
		}
		return "Generating an image uses far more energy than a text answer: a description, a quick sketch or an existing picture (free stock images) may do."
	case tracker.KindVideo:
		if fr {
			return "Générer une vidéo est l'une des requêtes les plus coûteuses : un storyboard, une description ou quelques images fixes suffiraient peut-être."
		}
		return "Generating a video is among the most costly requests: a storyboard, a description or a few still images may do."
	case tracker.KindAudio:
		if fr {
			return "Générer de l'audio coûte plus qu'un texte : des paroles, une partition ou un son existant (banque de sons libres) suffiraient peut-être."
		}
		return "Generating audio costs more than text: lyrics, a score or an existing sound (free sound libraries) may do."
	}
	return ""
}

func notLetter(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }
