"""Round 2 of the default synonym groups (community/thesaurus.py, SECOND_SYNONYMS): added as
region-less rows where missing. The groups are copied here so that this migration keeps doing
the same thing when the list in thesaurus.py changes later."""

from django.db import migrations

GROUPS = [
    'printer ~ 3d-printer ~ printkop ~ nozzle ~ spuitkop ~ filament',
    'filament ~ pla ~ petg ~ abs ~ printmateriaal',
    'cam ~ g-code ~ freesbaan ~ freesprogramma ~ cam-software',
    'cad ~ tekenprogramma ~ 3d-tekenen ~ ontwerpsoftware ~ fusion 360 ~ sketchup ~ inventor ~ tinkercad',
    'laser ~ lasercutter ~ lasersnijder ~ lens ~ spiegels ~ focus',
    'pneumatiek ~ perslucht ~ pneumatisch ~ cilinder ~ ventiel ~ compressor',
    'hydrauliek ~ hydraulisch ~ oliedruk',
    'plc ~ besturing ~ besturingstechniek ~ logo ~ programmeerbare besturing ~ automatisering',
    'afzuiging ~ stofafzuiging ~ afzuiginstallatie ~ houtstof ~ stof ~ lasrook',
    'zaagmachine ~ cirkelzaag ~ lintzaag ~ decoupeerzaag ~ zaagbank ~ afkortzaag',
    'houtbewerking ~ houtbewerkingsmachines ~ vlakbank ~ schaafbank ~ freestafel ~ hout',
    'plaatwerk ~ plaatbewerking ~ zetbank ~ kantbank ~ knipschaar ~ dunne plaat',
    'draaibank ~ draaien ~ verspanen ~ verspaning',
    'gereedschap ~ handgereedschap ~ schroevendraaier ~ tang ~ hamer ~ gereedschapskist',
    'multimeter ~ meetinstrument ~ spanningsmeter ~ stroommeter ~ meten',
    'motor ~ elektromotor ~ driefasemotor ~ draaistroommotor ~ krachtstroom ~ ster-driehoek',
    'drone ~ drones ~ quadcopter',
    'arduino ~ microcontroller ~ raspberry pi ~ microbit ~ micro:bit',
    'sensor ~ sensoren ~ meten ~ meetopstelling',
    'vr ~ ar ~ augmented reality ~ simulatie',
    'lasapparaat ~ mig ~ mag ~ tig ~ elektrode ~ lassen',
    'installatietechniek ~ loodgieter ~ sanitair ~ leidingwerk ~ waterleiding ~ cv ~ cv-ketel ~ riolering',
    'solderen ~ hardsolderen ~ zachtsolderen ~ knellen ~ persen',
    'energietransitie ~ duurzame energie ~ warmtepomp ~ zonnepaneel ~ windturbine ~ waterstof',
    'waterstof ~ brandstofcel ~ elektrolyse',
    'accu ~ batterij ~ opslag ~ laadpaal ~ elektrisch rijden',
    'elektra ~ installatie ~ groepenkast ~ aardlek ~ 230v ~ bedrading ~ elektrotechniek',
    'bouw ~ timmeren ~ metselen ~ bouwkunde ~ bwi',
    'meubel ~ interieur ~ meubelmaken ~ schilderen ~ afwerken',
    'metaal ~ metaalbewerking ~ metaallokaal ~ constructie',
    'auto ~ voertuig ~ motorvoertuigen ~ autotechniek ~ garage ~ fiets ~ scooter',
    'veiligheid ~ veiligheidsregels ~ werkplaatsreglement ~ huisregels ~ praktijkregels ~ arbo',
    'pbm ~ persoonlijke beschermingsmiddelen ~ veiligheidsbril ~ gehoorbescherming ~ handschoenen ~ werkkleding ~ veiligheidsschoenen',
    'ongeval ~ ongeluk ~ ongevallenregistratie ~ incident ~ ehbo ~ bhv ~ letsel',
    'nen 3140 ~ nen3140 ~ vop ~ voldoende onderricht persoon ~ vp ~ deskundig persoon',
    'arbodienst ~ arbo ~ inspectie ~ arbeidsinspectie ~ nla',
    'techniek ~ technologie ~ technisch',
    'w&t ~ wetenschap en techniek ~ onderzoekend leren ~ ontwerpend leren',
    'technasium ~ o&o ~ onderzoek en ontwerpen',
    'profielkeuze ~ profiel kiezen ~ sectorkeuze ~ keuze',
    'sterk techniekonderwijs ~ sto ~ sto-gelden ~ subsidie ~ regeling ~ financiering ~ budget',
    'nieuwkomers ~ isk ~ anderstalig ~ nt2 ~ taalzwak ~ vaktaal ~ vaktermen',
    'pta ~ examendossier ~ dossier ~ portfolio ~ beoordeling ~ beoordelingsformulier',
    'cspe ~ centraal schriftelijk en praktisch examen ~ praktijkexamen ~ eindexamen',
    'onderbouw ~ leerjaar 1 ~ leerjaar 2 ~ brugklas ~ klas 1 ~ klas 2',
    'bovenbouw ~ leerjaar 3 ~ leerjaar 4 ~ examenklas',
    'basisschool ~ po ~ basisonderwijs ~ groep 5 ~ groep 6 ~ groep 7 ~ groep 8 ~ leerkracht ~ juf ~ meester',
    'kleuters ~ onderbouw po ~ groep 1 ~ groep 2',
    'middenbouw ~ groep 4 ~ groep 5 ~ groep 6',
    'vo ~ voortgezet onderwijs ~ vmbo ~ middelbare school',
    'leskist ~ techniekkist ~ materiaalkist ~ bouwpakket ~ kit',
    'docent ~ leraar ~ leerkracht ~ vakdocent ~ techniekdocent',
    'toa ~ technisch onderwijsassistent ~ instructeur ~ praktijkbegeleider',
    'mentor ~ mentoraat ~ coach',
    'decaan ~ loopbaanbegeleider ~ lob-coördinator',
    'zij-instromer ~ zij-instroom ~ bevoegdheid ~ lesbevoegdheid ~ pdg ~ pedagogisch didactisch getuigschrift ~ onbevoegd',
    'vacature ~ werving ~ werven ~ lerarentekort ~ personeelstekort ~ tekort aan docenten',
    'formatie ~ fte ~ uren ~ taakuren ~ inzet ~ taakbeleid',
    'teamleider ~ afdelingsleider ~ directeur ~ schoolleider ~ management',
    'nascholing ~ bijscholing ~ scholing ~ professionalisering ~ training ~ cursus',
    'gastles ~ gastspreker ~ vakman ~ vakmensen ~ beroepsbeoefenaar ~ rolmodel',
    'bedrijfsleven ~ bedrijven ~ installatiebedrijf ~ werkgever ~ branche',
    'klassenmanagement ~ orde ~ organisatie van de les ~ rouleren ~ werkplekken ~ circuit ~ rotatie',
    'differentiëren ~ differentiatie ~ niveauverschillen ~ maatwerk',
    'autisme ~ ass ~ prikkelgevoelig ~ overprikkeld ~ prikkels ~ passend onderwijs ~ zorgleerling',
    'adhd ~ concentratie ~ druk ~ onrustig',
    'motivatie ~ gemotiveerd ~ enthousiast ~ interesse ~ betrokkenheid',
    'open dag ~ open avond ~ voorlichting ~ kijkdag ~ doe-middag ~ werving leerlingen',
    'ouders ~ ouderavond ~ ouderbetrokkenheid ~ verzorgers',
    'meisjes ~ vrouwen in techniek ~ genderstereotypen ~ rolpatronen',
    'materiaal bestellen ~ inkoop ~ leverancier ~ groothandel ~ bestellen ~ verbruiksmateriaal',
    'uitgifte ~ uitlenen ~ uitleen ~ kwijt ~ zoek ~ inventaris ~ registratie',
]


def add(apps, schema_editor):
    Synonym = apps.get_model("community", "Synonym")
    have = set(Synonym.objects.filter(region__isnull=True).values_list("words", flat=True))
    Synonym.objects.bulk_create(
        Synonym(region=None, words=words) for words in GROUPS if words not in have
    )


def remove(apps, schema_editor):
    apps.get_model("community", "Synonym").objects.filter(
        region__isnull=True, words__in=GROUPS
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("community", "0002_default_synonyms")]

    operations = [migrations.RunPython(add, remove)]
