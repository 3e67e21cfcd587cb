"""The demo catalogue of Netflixleren: modules, lessons and learning paths (Dutch content).

Video links use YouTube's privacy-enhanced form. The video ids in the demo are placeholders
for the region's own recordings: replace them in the authoring screens before going live.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class QuizSpec:
    text: str
    options: tuple[tuple[str, bool, str], ...]  # (answer, right, feedback)
    multiple: bool = False


@dataclass(frozen=True)
class ModuleSpec:
    title: str
    summary: str
    themes: tuple[str, ...]
    profiles: tuple[str, ...]
    level: str
    minutes: int
    hours: str
    provider: str
    intro: str  # the first text lesson
    practice: str  # an assignment for the own classroom
    video: str = ""  # a YouTube id: a video lesson
    link: tuple[str, str] = ("", "")  # (title, url): an external link lesson
    quiz: tuple[QuizSpec, ...] = field(default=())


# fmt: off
MODULES = [
    ModuleSpec(
        "Lasersnijden: veilig starten in het TechLab",
        "De basis van de lasersnijder: materialen, instellingen en veiligheid, zodat je leerlingen zelfstandig laat werken.",
        ("Lasersnijden", "TechLab"), ("PIE", "BWI", "MVI"), "intro", 45, "1.0", "TechLab Zuid-Limburg",
        "Een lasersnijder snijdt en graveert met een gebundelde lichtstraal. In het TechLab werk je meestal met een CO2-laser die hout, karton en acrylaat aankan. Pvc en andere chloorhoudende kunststoffen mogen er nooit in: de dampen zijn giftig en tasten de machine aan.\n\nVoor je begint controleer je de afzuiging, leg je het materiaal vlak en stel je de focus in. Blijf bij de machine zolang hij snijdt: een klein vlammetje is normaal, een blijvende vlam niet.",
        "Laat twee leerlingen samen een sleutelhanger ontwerpen en snijden. De een bedient de machine, de ander houdt toezicht met de checklist. Daarna wisselen ze.",
        video="qTbA7pWcD2s",
        quiz=(
            QuizSpec("Welk materiaal mag nooit in de lasersnijder?", (
                ("Populierenmultiplex", False, "Multiplex mag, als de lijm geschikt is voor de laser."),
                ("Pvc", True, "Klopt: bij het snijden komt chloorgas vrij."),
                ("Acrylaat (PMMA)", False, "Acrylaat snijdt juist heel mooi."),
            )),
            QuizSpec("Wat doe je terwijl de laser snijdt?", (
                ("Bij de machine blijven", True, "Ja: je grijpt in als er een vlam blijft branden."),
                ("Alvast het volgende bestand klaarzetten op een andere computer", False, "Dan houd je de machine niet in het oog."),
            )),
        ),
    ),
    ModuleSpec(
        "Lasersnijden gevorderd: graveren en passend ontwerpen",
        "Rastergraveren, kerf-compensatie en vingerlassen: ontwerpen die in één keer passen.",
        ("Lasersnijden", "Ontwerpen"), ("PIE", "BWI", "MVI"), "advanced", 90, "1.5", "TechLab Zuid-Limburg",
        "Elke snede neemt een beetje materiaal weg: de kerf. Voor een doosje met vingerlassen tel je de halve kerf op bij elke vinger, anders zit het los. Meet de kerf zelf door tien stroken van 10 mm te snijden en ze samen op te meten.\n\nGraveren gaat het best met een lage snelheid en een hoge resolutie op hout; op geanodiseerd aluminium kan het ook, snijden niet.",
        "Laat leerlingen een doosje met vingerlassen ontwerpen in een vectorprogramma en vergelijk de passing met en zonder kerf-compensatie.",
    ),
    ModuleSpec(
        "CNC-frezen: van tekening tot werkstuk",
        "Hoe je een 2D-tekening omzet in een freesprogramma en leerlingen veilig laat frezen.",
        ("CNC", "TechLab"), ("PIE", "BWI", "M&T"), "basic", 90, "1.5", "Maas Metaal & Montage",
        "Een CNC-frees volgt gereedschapsbanen die de CAM-software uit je tekening berekent. De belangrijkste keuzes zijn het gereedschap, de snijsnelheid en de voeding. Te snel voeden breekt de frees; te langzaam laat het materiaal verbranden.\n\nKlem het werkstuk altijd stevig op, houd de kap dicht en laat leerlingen eerst een simulatie draaien voor ze de machine starten.",
        "Laat leerlingen een naambordje frezen en bespreek na afloop de verschillen tussen de simulatie en het echte resultaat.",
        video="bR2kfL8mNq4",
        quiz=(
            QuizSpec("Wat gebeurt er als de voeding veel te hoog staat?", (
                ("De frees kan breken", True, "Juist: de frees krijgt te veel materiaal tegelijk te verwerken."),
                ("Het werkstuk wordt gladder", False, "Nee, de afwerking wordt meestal juist slechter."),
                ("Er verandert niets", False, "Voeding is een van de belangrijkste instellingen."),
            )),
        ),
    ),
    ModuleSpec(
        "CNC-draaien voor beginners",
        "De draaibank met CNC-besturing: nulpunt, gereedschapscorrectie en een eerste programma in G-code.",
        ("CNC", "Metaal"), ("PIE", "M&T"), "basic", 120, "2.0", "Maas Metaal & Montage",
        "Bij CNC-draaien draait het werkstuk en staat de beitel stil. Je stelt eerst het nulpunt in op de voorkant van het werkstuk en meet elk gereedschap in. Een klein programma in G-code beschrijft dan de bewegingen: G00 voor snel verplaatsen, G01 voor een rechte snede.\n\nLees het programma met leerlingen regel voor regel door voor je het draait.",
        "Laat leerlingen een eenvoudige as programmeren met twee diameters en een afschuining.",
    ),
    ModuleSpec(
        "3D-printen in de les",
        "Van idee tot print: slicen, printinstellingen en hoe je een klas van dertig laat printen zonder wachtrij.",
        ("3D-printen", "TechLab"), ("PIE", "MVI", "BWI"), "intro", 40, "0.75", "TechLab Zuid-Limburg",
        "Een FDM-printer bouwt een voorwerp laag voor laag op uit gesmolten filament. PLA is voor school het makkelijkst: het print op lage temperatuur en ruikt nauwelijks. De slicer bepaalt de laagdikte, de vulling en of er ondersteuning nodig is.\n\nPlan in een klas kleine ontwerpen van hooguit een uur printtijd, zodat iedereen aan de beurt komt.",
        "Geef leerlingen de opdracht een onderdeel te ontwerpen dat een echt probleem in het lokaal oplost, zoals een kabelhouder.",
        video="x3DpR1nTq7w",
        quiz=(
            QuizSpec("Welk filament is voor beginners het handigst?", (
                ("PLA", True, "Ja: lage temperatuur, weinig geur, weinig kromtrekken."),
                ("ABS", False, "ABS trekt snel krom en geeft meer dampen."),
                ("Nylon", False, "Nylon is sterk maar lastig te printen."),
            )),
            QuizSpec("Wat regel je in de slicer?", (
                ("Laagdikte", True, "Klopt."),
                ("Vulling", True, "Klopt."),
                ("De kleur van het filament", False, "Die kies je met de spoel, niet in de slicer."),
            ), multiple=True),
        ),
    ),
    ModuleSpec(
        "3D-ontwerpen met leerlingen",
        "Ontwerpen in een eenvoudig CAD-programma: schetsen, extruderen en maatvoering.",
        ("3D-printen", "Ontwerpen"), ("MVI", "PIE", "BWI"), "basic", 60, "1.0", "TechLab Zuid-Limburg",
        "Een goed 3D-ontwerp begint op papier. Laat leerlingen eerst schetsen en maten noteren. In het CAD-programma teken je dan een 2D-schets die je extrudeert tot een volume. Werk met echte maten in millimeters, dan past wat je print.\n\nLeer leerlingen ontwerpen te bewaren met een duidelijke naam en versie.",
        "Laat leerlingen een telefoonstandaard ontwerpen die past op hun eigen telefoon.",
    ),
    ModuleSpec(
        "Veilig werken met elektriciteit in het praktijklokaal",
        "Spanningsloos werken, de vijf veiligheidsregels en wat je leerlingen laat doen bij een storing.",
        ("Elektrotechnische installaties", "Veiligheid"), ("PIE",), "intro", 45, "1.0", "Installatiewerk Limburg",
        "Werken aan een installatie doe je spanningsloos. De vijf veiligheidsregels zijn: vrijschakelen, beveiligen tegen terugschakelen, spanningsloosheid controleren, aarden en kortsluiten waar nodig, en afschermen van delen die onder spanning blijven.\n\nIn het lokaal werken leerlingen met zwakstroom of op een proefopstelling met een aardlekschakelaar van 30 mA.",
        "Hang de vijf veiligheidsregels op bij elke werkplek en laat leerlingen ze hardop doorlopen voor ze beginnen.",
        quiz=(
            QuizSpec("Wat is de eerste veiligheidsregel?", (
                ("Vrijschakelen", True, "Ja: eerst de spanning eraf."),
                ("Aarden", False, "Aarden komt later, na het controleren."),
                ("Afschermen", False, "Afschermen is de laatste stap."),
            )),
        ),
    ),
    ModuleSpec(
        "Domotica in de klas",
        "Slimme installaties begrijpen en ermee lesgeven: sensoren, schakelaars en een eenvoudige domoticacentrale.",
        ("Elektrotechnische installaties", "Domotica"), ("PIE",), "basic", 75, "1.5", "Installatiewerk Limburg",
        "Domotica koppelt sensoren, schakelaars en verbruikers aan een centrale die regels uitvoert: als het donker is en er iemand binnenkomt, gaat het licht aan. Leerlingen leren zo denken in ingangen, uitgangen en voorwaarden.\n\nBegin met een klein paneel met een bewegingsmelder, een schakelaar en een lamp.",
        "Laat leerlingen een regel bedenken die energie bespaart in hun eigen huis en die op het paneel uitvoeren.",
        video="kD7mW2pLx9e",
        link=("Stappenplan domoticapaneel (docentenhandleiding)", "https://www.sterktechniekonderwijs.nl/"),
        quiz=(
            QuizSpec("Wat is een ingang van een domoticasysteem?", (
                ("Een bewegingsmelder", True, "Ja: de sensor geeft informatie aan de centrale."),
                ("Een lamp", False, "Een lamp is een uitgang: de centrale stuurt hem aan."),
            )),
            QuizSpec("Welke regels besparen energie?", (
                ("Licht uit als er niemand in de ruimte is", True, "Klopt."),
                ("Verwarming lager als het raam open staat", True, "Klopt."),
                ("Alle lampen aan bij zonsopkomst", False, "Dat kost juist energie."),
            ), multiple=True),
        ),
    ),
    ModuleSpec(
        "Meten aan installaties: multimeter en installatietester",
        "Spanning, stroom en isolatieweerstand meten, en metingen vastleggen zoals in de praktijk.",
        ("Elektrotechnische installaties",), ("PIE",), "basic", 60, "1.0", "Installatiewerk Limburg",
        "Met een multimeter meet je spanning parallel en stroom in serie. Een installatietester meet ook isolatieweerstand en de werking van de aardlekschakelaar. Kies altijd eerst het goede bereik en controleer de meter op een bekende spanning.\n\nLaat leerlingen hun meetwaarden in een meetrapport zetten, net als een installateur.",
        "Maak een proefopstelling met drie fouten en laat leerlingen ze met metingen opsporen.",
    ),
    ModuleSpec(
        "Zonnepanelen en thuisbatterijen",
        "Hoe een pv-installatie werkt, wat een omvormer doet en hoe je het in de les laat zien.",
        ("Duurzaamheid en energietransitie", "Elektrotechnische installaties"), ("PIE", "BWI"), "basic", 60, "1.0", "Energiecoöperatie Zuid-Limburg",
        "Zonnepanelen leveren gelijkspanning; de omvormer maakt er wisselspanning van voor het net. Een thuisbatterij slaat overdag energie op voor de avond. De opbrengst hangt af van oriëntatie, hellingshoek en schaduw.\n\nMet een klein paneel en een multimeter zien leerlingen direct wat schaduw doet.",
        "Laat leerlingen met een klein zonnepaneel de spanning meten bij verschillende hoeken en schaduw.",
        video="pV5sN8rTy2k",
    ),
    ModuleSpec(
        "Warmtepompen uitgelegd",
        "Het principe van de warmtepomp, bodem- en luchtbronnen, en waarom goed isoleren eerst komt.",
        ("Duurzaamheid en energietransitie",), ("PIE", "BWI"), "basic", 50, "1.0", "Energiecoöperatie Zuid-Limburg",
        "Een warmtepomp haalt warmte uit de lucht, de bodem of water en brengt die op een hogere temperatuur. Dat kost elektriciteit, maar veel minder dan de warmte die hij levert. Hoe beter een huis geïsoleerd is, hoe lager de aanvoertemperatuur kan zijn en hoe zuiniger de pomp werkt.",
        "Laat leerlingen het rendement (COP) uitrekenen met gegevens van een echte warmtepomp.",
        quiz=(
            QuizSpec("Waarom isoleer je een huis eerst?", (
                ("De warmtepomp kan dan met een lagere temperatuur toe", True, "Juist: dat verhoogt het rendement."),
                ("Een warmtepomp werkt niet in een oud huis", False, "Hij werkt wel, maar minder zuinig."),
            )),
        ),
    ),
    ModuleSpec(
        "Duurzaam ontwerpen en circulair maken",
        "Ontwerpen met hergebruik, modulair bouwen en materiaalkeuze met leerlingen.",
        ("Duurzaamheid en energietransitie", "Ontwerpen"), ("BWI", "PIE", "MVI"), "intro", 40, "0.75", "TechLab Zuid-Limburg",
        "Circulair ontwerpen betekent dat je vooraf bedenkt wat er met een product gebeurt als het op is. Schroeven in plaats van lijmen, één materiaal in plaats van een mix, en onderdelen die je kunt vervangen.\n\nIn het TechLab kun je restmateriaal van de lasersnijder sorteren en hergebruiken.",
        "Laat leerlingen een bestaand product uit elkaar halen en bedenken hoe het circulair had gekund.",
    ),
    ModuleSpec(
        "Veilig lassen: MIG/MAG in het praktijklokaal",
        "Beschermingsmiddelen, afzuiging, brandgevaar en een veilige opstelling voor lessen lassen.",
        ("Veilig lassen", "Metaal"), ("PIE", "M&T", "BWI"), "intro", 60, "1.0", "Maas Metaal & Montage",
        "Lassen geeft uv-straling, hete spatten en lasrook. Leerlingen dragen een automatisch kleurende lashelm, leren handschoenen, een vlamvertragende jas en veiligheidsschoenen. De afzuiging staat aan en dicht bij de las.\n\nHoud brandbaar materiaal op minstens tien meter afstand of scherm het af, en controleer een half uur na afloop of er niets smeult.",
        "Loop met je klas de werkplek na met de checklist veilig lassen en laat ze drie risico's benoemen.",
        video="mL9wQ4sVb1c",
        quiz=(
            QuizSpec("Welke beschermingsmiddelen zijn nodig bij MIG/MAG-lassen?", (
                ("Lashelm", True, "Ja, tegen uv-straling en spatten."),
                ("Leren handschoenen", True, "Ja, tegen hitte en spatten."),
                ("Gehoorbescherming is altijd verplicht", False, "Alleen als er ook geslepen wordt of het lawaai te hoog is."),
            ), multiple=True),
        ),
    ),
    ModuleSpec(
        "Lasrook en afzuiging",
        "Wat lasrook met je gezondheid doet en hoe je de afzuiging goed instelt.",
        ("Veilig lassen", "Veiligheid"), ("PIE", "M&T"), "basic", 30, "0.5", "Maas Metaal & Montage",
        "Lasrook bevat fijne metaaldeeltjes die diep in de longen komen. Bronafzuiging vangt de rook waar hij ontstaat; zet de kap op een afstand van ongeveer één keer de diameter van de opening. Ruimteventilatie alleen is niet genoeg.",
        "Laat leerlingen met een stukje rookpapier zien hoe ver de afzuiging reikt.",
    ),
    ModuleSpec(
        "Robotica met leerlingen: een eerste programma",
        "Een educatieve robotarm of rijdende robot programmeren met blokken, en de stap naar Python.",
        ("Robotica", "Programmeren"), ("PIE", "MVI", "M&T"), "intro", 60, "1.0", "Hogeschool Zuyd, Technologie",
        "Robots voeren een reeks opdrachten uit op basis van sensoren. Met blokprogrammeren leren leerlingen de logica van herhalen, voorwaarden en variabelen zonder typefouten. Daarna zie je dezelfde logica terug in Python.\n\nBegin met een opdracht die leerlingen direct zien werken, zoals een robot die stopt voor een obstakel.",
        "Laat leerlingen een robot een parcours laten rijden dat jij met tape op de vloer hebt gezet.",
        video="rB4tK7nQm3x",
        quiz=(
            QuizSpec("Wat doet een herhaling (lus) in een programma?", (
                ("Een blok opdrachten meerdere keren uitvoeren", True, "Juist."),
                ("Een opdracht overslaan", False, "Dat doe je met een voorwaarde."),
            )),
        ),
    ),
    ModuleSpec(
        "Industriële robots en cobots",
        "Hoe robots in de Limburgse maakindustrie werken en wat leerlingen daarvan moeten weten.",
        ("Robotica",), ("PIE", "M&T"), "advanced", 90, "1.5", "Brightlands Techniekpact",
        "Een cobot werkt samen met mensen zonder hek eromheen: hij stopt zodra hij weerstand voelt. Industriële robots werken sneller en krachtiger en staan achter een afscherming. Bedrijven in de regio zoeken mensen die robots kunnen instellen, bewaken en verbeteren.",
        "Plan een bedrijfsbezoek bij een maakbedrijf in de regio en laat leerlingen vooraf vragen bedenken over robots.",
        link=("Techniekpact Limburg: bedrijven die gastlessen geven", "https://www.sterktechniekonderwijs.nl/"),
    ),
    ModuleSpec(
        "Omgaan met korte lontjes",
        "Rust brengen als een leerling ontploft: signalen herkennen, de-escaleren en het gesprek achteraf.",
        ("Omgaan met korte lontjes", "Klassenmanagement"), (), "intro", 45, "1.0", "Trainingsbureau Rust in de Klas",
        "Boosheid heeft bijna altijd een aanloop: onrust, harder praten, wegkijken. Wie die signalen vroeg ziet, kan nog kiezen: een opdracht buiten het lokaal, even laten afkoelen of een rustige vraag. Ga niet in discussie met een leerling die al ontploft is; zorg eerst voor veiligheid en rust.\n\nHet gesprek achteraf is het belangrijkste: wat gebeurde er, wat had je nodig, wat spreken we af?",
        "Schrijf voor één leerling op welke signalen je ziet voordat het misgaat en welke aanpak werkt. Bespreek het met een collega.",
        video="cK2lT5nRw8q",
        quiz=(
            QuizSpec("Een leerling is woedend en schreeuwt. Wat doe je eerst?", (
                ("Zorgen voor rust en veiligheid", True, "Juist: praten komt later."),
                ("Uitleggen waarom hij ongelijk heeft", False, "Dat wakkert de boosheid juist aan."),
                ("Direct een straf geven", False, "Een straf nu escaleert meestal verder."),
            )),
            QuizSpec("Wat hoort bij een goed gesprek achteraf?", (
                ("Samen terugkijken op wat er gebeurde", True, "Ja."),
                ("Afspraken maken voor de volgende keer", True, "Ja."),
                ("De klas laten meeluisteren", False, "Een gesprek achteraf voer je één op één."),
            ), multiple=True),
        ),
    ),
    ModuleSpec(
        "De-escaleren in de praktijkles",
        "Korte lontjes bij gereedschap en machines: extra afspraken voor veilig en rustig werken.",
        ("Omgaan met korte lontjes", "Veiligheid"), ("PIE", "BWI", "M&T"), "basic", 30, "0.5", "Trainingsbureau Rust in de Klas",
        "In een praktijklokaal kan boosheid gevaarlijk worden. Spreek vooraf af dat een leerling die boos wordt eerst het gereedschap neerlegt en de machine stopt. Geef een vaste plek waar hij even kan afkoelen. Blijf zelf rustig en gebruik korte zinnen.",
        "Maak met je klas drie afspraken voor als iemand boos wordt in het lokaal en hang ze op.",
    ),
    ModuleSpec(
        "Klassenmanagement in het praktijklokaal",
        "Een goede start van de les, routines bij machines en opruimen zonder gedoe.",
        ("Klassenmanagement",), ("PIE", "BWI", "M&T", "MVI"), "basic", 45, "1.0", "Trainingsbureau Rust in de Klas",
        "In een praktijklokaal lopen leerlingen rond, werken ze met machines en duurt de les lang. Vaste routines geven rust: een vaste start met uitleg bij het bord, een bord met wie aan welke machine staat, en tien minuten voor het eind samen opruimen.\n\nLoop rond en geef leerlingen kort en vaak feedback.",
        "Kies één routine die in jouw lokaal nog ontbreekt en voer hem drie weken lang in.",
        quiz=(
            QuizSpec("Welke routine helpt het meest bij opruimen?", (
                ("Een vaste tijd voor het einde van de les", True, "Ja: dan is er tijd en weet iedereen wat er komt."),
                ("Opruimen als de bel gaat", False, "Dan is er geen tijd en rennen leerlingen weg."),
            )),
        ),
    ),
    ModuleSpec(
        "Eerste lessen met een nieuwe klas",
        "De eerste weken bepalen het jaar: verwachtingen, relatie en duidelijke afspraken.",
        ("Klassenmanagement",), (), "intro", 30, "0.5", "Trainingsbureau Rust in de Klas",
        "Leerlingen testen in de eerste weken wat er kan. Wees duidelijk over je verwachtingen en wees consequent. Leer snel de namen en maak een praatje bij de deur: een goede relatie maakt corrigeren makkelijker.",
        "Maak een lijstje van vijf afspraken voor je eerste les en bespreek ze met een collega.",
    ),
    ModuleSpec(
        "LOB-gesprekken voeren met vmbo-leerlingen",
        "Loopbaangesprekken die leerlingen aan het denken zetten: vragen stellen in plaats van advies geven.",
        ("LOB",), (), "intro", 40, "0.75", "LOB-netwerk Zuid-Limburg",
        "Een goed loopbaangesprek gaat over wat een leerling kan, wil en belangrijk vindt. Stel open vragen: wat vond je leuk aan de stage? Waar werd je moe van? Vermijd snelle adviezen; laat de leerling zelf verbanden leggen.\n\nNoteer afspraken in het loopbaandossier, zodat de mentor van volgend jaar verder kan.",
        "Voer met drie leerlingen een kort gesprek van tien minuten met alleen open vragen en noteer wat je opviel.",
        quiz=(
            QuizSpec("Welke vraag past het best in een loopbaangesprek?", (
                ("Wat gaf je energie tijdens je stage?", True, "Ja: een open vraag over ervaring."),
                ("Je wilt toch ook installatietechniek doen?", False, "Een sturende vraag: de leerling zegt dan snel ja."),
            )),
        ),
    ),
    ModuleSpec(
        "Meet & greet met het mbo voorbereiden",
        "Hoe mentoren en decanen leerlingen voorbereiden op een bezoek aan mbo-opleidingen techniek.",
        ("LOB", "Samenwerken met het mbo"), ("PIE", "BWI", "M&T"), "basic", 30, "0.5", "LOB-netwerk Zuid-Limburg",
        "Een bezoek aan het mbo werkt het best als leerlingen weten wat ze willen zien en vragen. Laat ze vooraf drie vragen opschrijven en na afloop vertellen wat hen verraste. Spreek met de mbo-docent af dat leerlingen ook zelf iets doen.",
        "Maak met je mentorklas een vragenlijst voor het bezoek aan de mbo-opleiding.",
    ),
    ModuleSpec(
        "Techniek in het basisonderwijs: samenwerken met het po",
        "Hoe vmbo-docenten en basisscholen samen technieklessen geven in het TechLab.",
        ("Samenwerken met het po", "TechLab"), (), "intro", 45, "1.0", "Stichting Kindcentra Zuid-Limburg",
        "Basisscholen hebben vaak weinig technieklokalen en -kennis; het vmbo heeft een TechLab en vakdocenten. Samen maak je lessen waarin groep 7 en 8 in het TechLab werken, soms met vmbo-leerlingen als begeleider. Spreek vooraf de leerdoelen af met de leerkracht en houd opdrachten kort.",
        "Nodig een leerkracht van een basisschool uit om samen een les van anderhalf uur te ontwerpen.",
        quiz=(
            QuizSpec("Wat werkt goed bij een bezoek van groep 8 aan het TechLab?", (
                ("Korte opdrachten met een zichtbaar resultaat", True, "Ja."),
                ("Vmbo-leerlingen als begeleider", True, "Ja: dat werkt voor beide groepen."),
                ("Eerst een uur uitleg over veiligheid", False, "Houd de uitleg kort en doe het voor."),
            ), multiple=True),
        ),
    ),
    ModuleSpec(
        "Wetenschap en techniek voor W&T-coördinatoren",
        "Onderzoekend en ontwerpend leren in de basisschool, met materialen uit het TechLab.",
        ("Samenwerken met het po", "Ontwerpen"), (), "basic", 60, "1.0", "Stichting Kindcentra Zuid-Limburg",
        "Onderzoekend leren begint met een vraag van kinderen: waarom drijft dit wel en dat niet? Bij ontwerpend leren maken ze een oplossing voor een probleem. De W&T-coördinator zorgt voor een doorlopende lijn door de groepen en legt contact met het vmbo.",
        "Maak een jaarplanning met vier W&T-projecten en één bezoek aan het TechLab.",
    ),
    ModuleSpec(
        "Bouwtechniek: maatvoering en uitzetten",
        "Waterpas, laser en meetlint: maatvoering op de bouwplaats in het BWI-praktijklokaal.",
        ("Bouwen", "Meten"), ("BWI",), "basic", 60, "1.0", "Bouwmensen Zuid-Limburg",
        "Maatvoering bepaalt of een gebouw recht en waterpas staat. Leerlingen leren een peil uitzetten, haaks uitzetten met de 3-4-5-methode en werken met een bouwlaser. Laat ze altijd hun maten laten controleren door een medeleerling.",
        "Laat leerlingen een fundering van 3 bij 4 meter haaks uitzetten op het schoolplein.",
    ),
    ModuleSpec(
        "Mobiliteit: elektrisch rijden in de werkplaats",
        "Hoogvoltsystemen in elektrische auto's: wat vmbo-leerlingen wel en niet mogen.",
        ("Mobiliteit", "Duurzaamheid en energietransitie", "Veiligheid"), ("M&T", "PIE"), "basic", 45, "1.0", "Autotechniek Parkstad",
        "Elektrische auto's werken met spanningen tot 800 volt. Alleen wie daarvoor is opgeleid mag aan het hoogvoltsysteem werken; de oranje kabels zijn voor leerlingen verboden terrein. Wel kunnen ze banden, remmen en verlichting doen zoals bij elke auto.",
        "Laat leerlingen in de werkplaats alle hoogvoltonderdelen van een elektrische auto aanwijzen en benoemen.",
    ),
    ModuleSpec(
        "Leren van en met collega's: intervisie",
        "Een vaste structuur om met collega's een lesvraag te bespreken in een half uur.",
        ("Samen leren",), (), "intro", 30, "0.5", "STO-regio Zuid-Limburg",
        "Intervisie is een kort gesprek met een vaste opbouw: iemand brengt een vraag in, de anderen stellen alleen vragen, daarna geeft iedereen een tip en de inbrenger kiest wat hij ermee doet. Het werkt het best in een vaste groep die een paar keer per jaar bij elkaar komt.",
        "Spreek met twee collega's een eerste intervisie af over een lesvraag van jou.",
    ),
]

PATHS = [
    (
        "Startbekwaam in het TechLab",
        "Alles om veilig met leerlingen in het TechLab te werken: laser, 3D-printer, CNC en elektriciteit.",
        [
            "Lasersnijden: veilig starten in het TechLab",
            "3D-printen in de les",
            "CNC-frezen: van tekening tot werkstuk",
            "Veilig werken met elektriciteit in het praktijklokaal",
        ],
    ),
    (
        "Energietransitie in de PIE-les",
        "Van meten aan installaties tot zonnepanelen en warmtepompen: de energietransitie in je lessen.",
        [
            "Meten aan installaties: multimeter en installatietester",
            "Zonnepanelen en thuisbatterijen",
            "Warmtepompen uitgelegd",
            "Domotica in de klas",
        ],
    ),
    (
        "Sterk in de klas",
        "Rust, structuur en goede gesprekken: voor iedereen die voor de klas staat.",
        [
            "Omgaan met korte lontjes",
            "Klassenmanagement in het praktijklokaal",
            "LOB-gesprekken voeren met vmbo-leerlingen",
            "Techniek in het basisonderwijs: samenwerken met het po",
        ],
    ),
]

# The demo teacher (docent@demo.samenleren.example, PIE at Maasoever Vakcollege).
TEACHER_COMPLETED = ["Veilig werken met elektriciteit in het praktijklokaal", "Omgaan met korte lontjes"]
# One lesson away from completion: every lesson done except the last (a quiz). Journey 6.
TEACHER_ALMOST_DONE = "Domotica in de klas"
TEACHER_STARTED = "Zonnepanelen en thuisbatterijen"
TEACHER_SAVED = ["Industriële robots en cobots", "Warmtepompen uitgelegd"]
# fmt: on
