package classify

import "strings"

// placeZones maps places (normalised names) to their IANA time zone. Cities
// first, then countries, states and regions with a single zone or an
// obvious main one. Sources: the IANA tz database zone.tab and
// zone1970.tab (https://www.iana.org/time-zones).
var placeZones = map[string]string{}

// frenchZones are the zones of France, mainland and overseas: a place there
// gets Météo-France for the weather.
var frenchZones = map[string]bool{"Europe/Paris": true, "America/Guadeloupe": true, "America/Martinique": true,
	"America/Cayenne": true, "Indian/Reunion": true, "Indian/Mayotte": true, "Pacific/Noumea": true,
	"Pacific/Tahiti": true, "America/Miquelon": true, "Pacific/Wallis": true, "America/St_Barthelemy": true, "America/Marigot": true}

func init() {
	for zone, names := range map[string]string{
		// France: mainland cities and regions people ask about.
		"Europe/Paris": `france,paris,marseille,lyon,toulouse,nice,nantes,montpellier,strasbourg,bordeaux,lille,rennes,reims,toulon,
			saint etienne,le havre,grenoble,dijon,angers,nimes,villeurbanne,clermont ferrand,le mans,aix en provence,brest,tours,amiens,
			limoges,annecy,perpignan,boulogne billancourt,metz,besancon,orleans,rouen,mulhouse,caen,nancy,argenteuil,montreuil,roubaix,
			tourcoing,avignon,nanterre,poitiers,versailles,creteil,pau,la rochelle,calais,cannes,antibes,ajaccio,bastia,colmar,
			bayonne,biarritz,lorient,vannes,quimper,saint malo,chartres,troyes,chambery,valence,cherbourg,arcachon,bourges,
			niort,angouleme,la roche sur yon,saint nazaire,ancenis,cholet,laval,evreux,beauvais,compiegne,chamonix,megeve,
			carcassonne,beziers,narbonne,sete,arles,frejus,saint tropez,menton,briancon,albi,rodez,tarbes,lourdes,
			agen,perigueux,brive,aurillac,le puy en velay,vichy,montlucon,nevers,auxerre,macon,bourg en bresse,belfort,
			epinal,thionville,verdun,charleville mezieres,saint quentin,dunkerque,boulogne sur mer,arras,douai,valenciennes,
			cambrai,maubeuge,le touquet,deauville,honfleur,alencon,saint brieuc,lannion,morlaix,corse,bretagne,normandie,
			alsace,provence,ile de france,occitanie,auvergne,savoie,haute savoie,vendee,gironde,dordogne,landes,cote d'azur,
			pays basque,nouvelle aquitaine,hauts de france,grand est,centre val de loire,bourgogne,franche comte,
			la defense,vincennes,saint denis,montpellier,sarlat,royan,ile de re,oleron,cognac,saintes,blois,
			montauban,castres,foix,mende,privas,digne,draguignan,hyeres,aubagne,salon de provence,istres,martigues,
			fontainebleau,meaux,melun,cergy,pontoise,evry,massy,saint germain en laye,rambouillet`,
		"America/Guadeloupe": "guadeloupe,pointe a pitre,basse terre", "America/Martinique": "martinique,fort de france",
		"America/Cayenne": "guyane,cayenne,french guiana,kourou", "Indian/Reunion": "reunion,la reunion,saint pierre de la reunion",
		"Indian/Mayotte": "mayotte,mamoudzou", "Pacific/Noumea": "nouvelle caledonie,new caledonia,noumea",
		"Pacific/Tahiti": "tahiti,papeete,polynesie,polynesie francaise,french polynesia", "America/Miquelon": "saint pierre et miquelon",
		// Europe
		"Europe/London": "britain,great britain,grande bretagne,greenwich,london,londres,uk,united kingdom,royaume uni,england,angleterre,manchester,liverpool,birmingham,edinburgh,edimbourg,glasgow,scotland,ecosse,wales,cardiff,leeds,bristol,oxford,cambridge,belfast",
		"Europe/Dublin": "dublin,ireland,irlande,cork", "Europe/Lisbon": "lisbon,lisbonne,portugal,porto",
		"Europe/Madrid":     "madrid,spain,espagne,barcelona,barcelone,seville,valencia,malaga,bilbao,ibiza,majorque,mallorca",
		"Europe/Brussels":   "brussels,bruxelles,belgium,belgique,antwerp,anvers,liege,gand,ghent,bruges,namur,charleroi",
		"Europe/Amsterdam":  "amsterdam,netherlands,pays bas,holland,hollande,rotterdam,la haye,the hague,utrecht",
		"Europe/Luxembourg": "luxembourg", "Europe/Monaco": "monaco,monte carlo",
		"Europe/Zurich":     "zurich,switzerland,suisse,geneva,geneve,lausanne,bern,berne,basel,bale,lugano,neuchatel,fribourg,sion",
		"Europe/Berlin":     "berlin,germany,allemagne,munich,munchen,hamburg,hambourg,frankfurt,francfort,cologne,koln,stuttgart,dusseldorf,dresden,leipzig",
		"Europe/Vienna":     "vienna,vienne,austria,autriche,salzburg,salzbourg,innsbruck",
		"Europe/Rome":       "rome,roma,italy,italie,milan,milano,naples,napoli,venice,venise,florence,firenze,turin,torino,bologna,bologne,sicily,sicile,palermo",
		"Europe/Copenhagen": "copenhagen,copenhague,denmark,danemark", "Europe/Oslo": "oslo,norway,norvege,bergen",
		"Europe/Stockholm": "stockholm,sweden,suede,gothenburg,goteborg", "Europe/Helsinki": "helsinki,finland,finlande",
		"Europe/Warsaw": "warsaw,varsovie,poland,pologne,krakow,cracovie", "Europe/Prague": "prague,czech republic,czechia,republique tcheque",
		"Europe/Budapest": "budapest,hungary,hongrie", "Europe/Athens": "athens,athenes,greece,grece,crete,santorini",
		"Europe/Istanbul": "istanbul,turkey,turquie,ankara,izmir,antalya", "Europe/Moscow": "moscow,moscou,saint petersburg,saint petersbourg",
		"Europe/Kyiv": "kyiv,kiev,ukraine,odessa", "Europe/Bucharest": "bucharest,bucarest,romania,roumanie",
		"Europe/Sofia": "sofia,bulgaria,bulgarie", "Europe/Belgrade": "belgrade,serbia,serbie", "Europe/Zagreb": "zagreb,croatia,croatie,dubrovnik",
		"Atlantic/Reykjavik": "reykjavik,iceland,islande", "Europe/Riga": "riga,latvia,lettonie", "Europe/Tallinn": "tallinn,estonia,estonie",
		"Europe/Vilnius": "vilnius,lithuania,lituanie", "Europe/Malta": "malta,malte,valletta", "Atlantic/Canary": "canary islands,canaries,tenerife,las palmas",
		// Africa and Middle East
		"Africa/Casablanca": "casablanca,morocco,maroc,rabat,marrakech,fes,tanger,agadir", "Africa/Algiers": "algiers,alger,algeria,algerie,oran,constantine",
		"Africa/Tunis": "tunis,tunisia,tunisie,sfax,djerba", "Africa/Cairo": "cairo,le caire,egypt,egypte,alexandria,alexandrie",
		"Africa/Dakar": "dakar,senegal", "Africa/Abidjan": "abidjan,ivory coast,cote d'ivoire", "Africa/Lagos": "lagos,nigeria,abuja",
		"Africa/Nairobi": "nairobi,kenya", "Africa/Johannesburg": "johannesburg,south africa,afrique du sud,cape town,le cap,pretoria,durban",
		"Africa/Kinshasa": "kinshasa", "Africa/Douala": "douala,cameroon,cameroun,yaounde", "Indian/Mauritius": "mauritius,ile maurice,maurice",
		"Indian/Antananarivo": "madagascar,antananarivo", "Africa/Addis_Ababa": "addis ababa,ethiopia,ethiopie",
		"Asia/Jerusalem": "jerusalem,israel,tel aviv", "Asia/Beirut": "beirut,beyrouth,lebanon,liban", "Asia/Dubai": "dubai,abu dhabi,uae,emirates,emirats arabes unis",
		"Asia/Riyadh": "riyadh,riyad,saudi arabia,arabie saoudite,mecca,la mecque", "Asia/Qatar": "doha,qatar", "Asia/Tehran": "tehran,teheran,iran",
		// Asia and Oceania
		"Asia/Kolkata": "india,inde,delhi,new delhi,mumbai,bombay,bangalore,kolkata,calcutta,chennai,hyderabad", "Asia/Karachi": "karachi,pakistan,islamabad,lahore",
		"Asia/Dhaka": "dhaka,bangladesh", "Asia/Kathmandu": "kathmandu,katmandou,nepal", "Asia/Colombo": "colombo,sri lanka",
		"Asia/Bangkok": "bangkok,thailand,thailande,phuket,chiang mai", "Asia/Ho_Chi_Minh": "ho chi minh,saigon,vietnam,hanoi",
		"Asia/Singapore": "singapore,singapour", "Asia/Kuala_Lumpur": "kuala lumpur,malaysia,malaisie", "Asia/Jakarta": "jakarta,indonesia,indonesie",
		"Asia/Makassar": "bali", "Asia/Manila": "manila,manille,philippines", "Asia/Hong_Kong": "hong kong", "Asia/Taipei": "taipei,taiwan",
		"Asia/Shanghai": "beijing,pekin,shanghai,china,chine,guangzhou,shenzhen,chengdu", "Asia/Seoul": "seoul,south korea,coree du sud,korea,coree,busan",
		"Asia/Tokyo": "tokyo,japan,japon,osaka,kyoto,yokohama,sapporo,nagoya,hiroshima", "Asia/Pyongyang": "pyongyang,north korea,coree du nord",
		"Asia/Yekaterinburg": "yekaterinburg", "Asia/Vladivostok": "vladivostok", "Asia/Almaty": "almaty,kazakhstan",
		"Australia/Sydney": "sydney,canberra,new south wales", "Australia/Melbourne": "melbourne,victoria", "Australia/Brisbane": "brisbane,queensland",
		"Australia/Adelaide": "adelaide,south australia", "Australia/Perth": "perth,western australia", "Australia/Darwin": "darwin",
		"Australia/Hobart": "hobart,tasmania,tasmanie", "Pacific/Auckland": "auckland,new zealand,nouvelle zelande,wellington,christchurch",
		"Pacific/Fiji": "fiji,fidji", "Pacific/Honolulu": "honolulu,hawaii",
		// Americas
		"America/New_York": "usa,the usa,united states,the united states,etats unis,the us,us east coast,east coast,eastern time,eastern timezone,eastern time zone,eastern standard,eastern standard time,eastern daylight time,new york,new york city,nyc,boston,washington,washington dc,miami,atlanta,philadelphia,philadelphie,detroit,orlando,tampa,charlotte,pittsburgh,baltimore,richmond,raleigh,jacksonville,tallahassee,florida,floride,georgia,massachusetts,pennsylvania,virginia,ohio,michigan,north carolina,south carolina,new jersey,connecticut,maine,vermont,cleveland,columbus,cincinnati,buffalo,east coast",
		"America/Chicago":  "central time,central timezone,central time zone,central standard,central standard time,central daylight time,chicago,houston,dallas,austin,san antonio,new orleans,la nouvelle orleans,minneapolis,st louis,saint louis,kansas city,nashville,memphis,milwaukee,texas,alabama,illinois,louisiana,tennessee,minnesota,wisconsin,iowa,missouri,oklahoma,arkansas,mississippi,birmingham alabama",
		"America/Denver":   "mountain time,mountain timezone,mountain time zone,mountain standard,mountain standard time,mountain daylight time,denver,colorado,salt lake city,utah,albuquerque,new mexico,boise,montana,wyoming",
		"America/Phoenix":  "phoenix,arizona,tucson,scottsdale", "America/Los_Angeles": "pacific time,pacific timezone,pacific time zone,pacific standard,pacific standard time,pacific daylight time,los angeles,la,san francisco,san diego,seattle,portland,las vegas,sacramento,san jose,california,californie,oregon,washington state,nevada,west coast,hollywood,silicon valley",
		"America/Anchorage": "anchorage,alaska", "America/Toronto": "toronto,ottawa,ontario", "America/Montreal": "montreal,quebec,quebec city,ville de quebec",
		"America/Vancouver": "vancouver,british columbia,colombie britannique,victoria bc", "America/Edmonton": "calgary,edmonton,alberta",
		"America/Winnipeg": "winnipeg,manitoba", "America/Halifax": "halifax,nova scotia,nouvelle ecosse", "America/St_Johns": "newfoundland,terre neuve,st john's",
		"America/Mexico_City": "mexico,mexico city,mexique,guadalajara,monterrey", "America/Cancun": "cancun",
		"America/Havana": "havana,la havane,cuba", "America/Port-au-Prince": "haiti,port au prince", "America/Santo_Domingo": "santo domingo,dominican republic,republique dominicaine",
		"America/Puerto_Rico": "puerto rico,porto rico,san juan", "America/Bogota": "bogota,colombia,colombie,medellin", "America/Lima": "lima,peru,perou,cusco",
		"America/Caracas": "caracas,venezuela", "America/Santiago": "santiago,chile,chili", "America/Argentina/Buenos_Aires": "buenos aires,argentina,argentine",
		"America/Sao_Paulo": "sao paulo,rio,rio de janeiro,brasilia,brazil,bresil", "America/Montevideo": "montevideo,uruguay",
		"America/La_Paz": "la paz,bolivia,bolivie", "America/Guayaquil": "quito,ecuador,equateur", "America/Panama": "panama",
		"America/Costa_Rica": "costa rica,san jose costa rica",
		"UTC":                "utc,gmt,zulu",
	} {
		for _, n := range strings.Split(names, ",") {
			n = strings.TrimSpace(n)
			if n != "" {
				placeZones[n] = zone
			}
		}
	}
}

// placeFirstWords are the first words of place names of several words.
var placeFirstWords = map[string]bool{}

func init() {
	for k := range placeZones {
		addFirstWord(placeFirstWords, k)
	}
}

type place struct {
	name string
	zone string
}

// findPlaces lists known places in words, longest names first, in order.
func findPlaces(words []string) []place {
	var out []place
	for i := 0; i < len(words); {
		found := false
		for n := min(4, len(words)-i); n >= 1; n-- {
			if n > 1 && !placeFirstWords[firstWordOf(words[i])] {
				continue // no place of several words starts so
			}
			name := strings.Join(words[i:i+n], " ")
			if z, ok := placeZones[name]; ok {
				if name == "la" {
					continue // the French article, far more often than Los Angeles
				}
				out = append(out, place{name: name, zone: z})
				i += n
				found = true
				break
			}
		}
		if !found {
			i++
		}
	}
	return out
}
