"""The association itself: languages, people who log in, settings, home and text pages."""

from wagtail.models import Page, Site

from core.demo.catalogue import T, catalogue
from core.demo.images import draw_logo, draw_picture, save_image
from core.demo.site import (
    SEA,
    add_page,
    demo_collection,
    english,
    language_home,
    translation_locales,
)
from core.demo.translation import translate_from_catalogue
from core.models import ContactSettings, OrganisationDetails, Partner, Person
from home.models import HomePage, LocationPage, PeoplePage, StandardPage


def load(report):
    locale_en = english()
    translation_locales()
    if HomePage.objects.filter(locale=locale_en).exists():
        return
    report("Creating the home page, text pages, partners and site settings")
    home = load_home(locale_en)
    load_settings()
    load_partners()
    load_text_pages(home)
    load_people()


def finish(report):
    """The people and location pages, after the other apps' pages: the menu lists them last."""
    home = language_home(english())
    if PeoplePage.objects.filter(locale=home.locale).exists():
        return
    report("Creating the people and location pages")
    load_people_page(home, list(Person.objects.filter(locale=home.locale).order_by("pk")))
    load_location_page(home)


def load_home(locale_en):
    root = Page.get_first_root_node()
    hero = save_image(
        draw_picture("home-hero", SEA),
        "Evening over the Aura river",
        demo_collection("General"),
        "home-hero.jpg",
    )
    home = HomePage(
        title=T("Baltic Region", "Baltic Region", "Балтийский регион"),
        # Home pages are siblings under the root, so each language needs its own slug.
        slug=catalogue.slug("home", "koti", "главная"),
        locale=locale_en,
        summary=T(
            "The Baltic Region association develops cooperation between Finland and the "
            "countries of the former Soviet Union, and supports Russian-speaking families in Turku.",
            "Baltic Region -yhdistys kehittää yhteistyötä Suomen ja entisen Neuvostoliiton maiden "
            "välillä ja tukee venäjänkielisiä perheitä Turussa.",
            "Ассоциация «Балтийский регион» развивает сотрудничество между Финляндией и странами "
            "бывшего Советского Союза и поддерживает русскоязычные семьи в Турку.",
        ),
        hero_title=T(
            "Cooperation across the Baltic Sea region",
            "Yhteistyötä yli Itämeren alueen",
            "Сотрудничество в регионе Балтийского моря",
        ),
        hero_text=T(
            "Since 2006 we have brought people, cultures and cities together in Turku: "
            "culture, education, wellness, journeys and hobbies for the whole family.",
            "Vuodesta 2006 olemme tuoneet yhteen ihmisiä, kulttuureja ja kaupunkeja Turussa: "
            "kulttuuria, koulutusta, hyvinvointia, matkoja ja harrastuksia koko perheelle.",
            "С 2006 года мы объединяем людей, культуры и города в Турку: культура, образование, "
            "здоровье, путешествия и хобби для всей семьи.",
        ),
        hero_image=hero,
        body=[
            (
                "heading",
                {"text": T("Who we are", "Keitä olemme", "Кто мы"), "level": "h2"},
            ),
            (
                "paragraph",
                catalogue.paragraphs(
                    (
                        "Baltic Region is an independent non-governmental organisation that has "
                        "worked in Turku since 2006. About 400 members and a network of more than "
                        "2,000 people take part in our projects and events.",
                        "Baltic Region on riippumaton kansalaisjärjestö, joka on toiminut Turussa "
                        "vuodesta 2006. Noin 400 jäsentä ja yli 2 000 hengen verkosto osallistuu "
                        "hankkeisiimme ja tapahtumiimme.",
                        "«Балтийский регион» — независимая некоммерческая организация, которая "
                        "работает в Турку с 2006 года. Около 400 членов и сеть из более чем "
                        "2000 человек участвуют в наших проектах и мероприятиях.",
                    ),
                    (
                        "We work with the City of Turku and international partners for civil "
                        "society, culture, and humanitarian and professional relationships, and we "
                        "help Russian-speaking families keep their language and culture while "
                        "they make Finland their home.",
                        "Teemme yhteistyötä Turun kaupungin ja kansainvälisten kumppanien kanssa "
                        "kansalaisyhteiskunnan, kulttuurin sekä humanitaaristen ja ammatillisten "
                        "suhteiden hyväksi, ja autamme venäjänkielisiä perheitä säilyttämään "
                        "kielensä ja kulttuurinsa, kun Suomesta tulee heidän kotinsa.",
                        "Мы сотрудничаем с городом Турку и международными партнёрами в области "
                        "гражданского общества, культуры, гуманитарных и профессиональных связей и "
                        "помогаем русскоязычным семьям сохранять язык и культуру, обживаясь в "
                        "Финляндии.",
                    ),
                ),
            ),
        ],
    )
    # Wagtail's "Welcome to your new Wagtail site!" page (and the site pointing at it) make way.
    for placeholder in root.get_children().not_type(HomePage):
        placeholder.delete()
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "root_page": home,
            "site_name": "Baltic Region",
        },
    )
    translate_from_catalogue(home, translation_locales())
    return home


def load_settings():
    contact = ContactSettings.load()
    contact.email = "info@baltic-region.example"
    contact.phone = "+358 2 123 4567"
    contact.facebook_url = "https://www.facebook.com/"
    contact.save()
    details = OrganisationDetails.objects.create(
        locale=english(),
        name=T("Baltic Region association", "Baltic Region ry", "Ассоциация «Балтийский регион»"),
        tagline=T(
            "International partnership in the Baltic Sea region",
            "Kansainvälistä kumppanuutta Itämeren alueella",
            "Международное партнёрство в регионе Балтийского моря",
        ),
        address=T(
            "Linnankatu 20\n20100 Turku\nFinland",
            "Linnankatu 20\n20100 Turku",
            "Linnankatu 20\n20100 Турку\nФинляндия",
        ),
        opening_hours=T(
            "Monday to Thursday 10–17\nFriday 10–15",
            "Maanantaista torstaihin 10–17\nPerjantaina 10–15",
            "Понедельник — четверг 10–17\nПятница 10–15",
        ),
        footer_text=T(
            "An independent non-governmental organisation in Turku since 2006.",
            "Riippumaton kansalaisjärjestö Turussa vuodesta 2006.",
            "Независимая некоммерческая организация в Турку с 2006 года.",
        ),
    )
    translate_from_catalogue(details, translation_locales())


PARTNERS = [
    (
        ("City of Turku", "Turun kaupunki", "Город Турку"),
        (
            "Our closest partner in cultural, sports, business and international events.",
            "Läheisin kumppanimme kulttuuri-, urheilu-, yritys- ja kansainvälisissä tapahtumissa.",
            "Наш ближайший партнёр в культурных, спортивных, деловых и международных мероприятиях.",
        ),
        "https://www.turku.fi/",
        (0, 84, 147),
    ),
    (
        ("Centrum Balticum Foundation", "Centrum Balticum -säätiö", "Фонд Centrum Balticum"),
        (
            "Home of the Turku Process Secretariat.",
            "Turku-prosessin sihteeristön koti.",
            "Здесь работает секретариат Турку-процесса.",
        ),
        "https://www.centrumbalticum.org/",
        (0, 104, 94),
    ),
    (
        (
            "Council of the Baltic Sea States",
            "Itämeren valtioiden neuvosto",
            "Совет государств Балтийского моря",
        ),
        (
            "Coordinates the Horizontal Action Neighbours with the City of Turku.",
            "Koordinoi Neighbours-horisontaalitoimea yhdessä Turun kaupungin kanssa.",
            "Вместе с городом Турку координирует горизонтальное действие «Соседи».",
        ),
        "https://cbss.org/",
        (31, 61, 122),
    ),
    (
        (
            "Regional Council of Southwest Finland",
            "Varsinais-Suomen liitto",
            "Союз региона Варсинайс-Суоми",
        ),
        (
            "A founding partner of the Turku Process.",
            "Turku-prosessin perustajakumppani.",
            "Один из основателей Турку-процесса.",
        ),
        "https://www.varsinais-suomi.fi/",
        (122, 53, 24),
    ),
]


def load_partners():
    collection = demo_collection("Partner logos")
    for order, (names, descriptions, url, colour) in enumerate(PARTNERS):
        name = T(*names)
        partner = Partner.objects.create(
            locale=english(),
            name=name,
            description=T(*descriptions),
            url=url,
            logo=save_image(
                draw_logo(name, colour), f"{name} logo", collection, f"logo-{order}.jpg"
            ),
            show_in_footer=True,
            sort_order=order,
        )
        translate_from_catalogue(partner, translation_locales())


def load_text_pages(home):
    welcome = add_page(
        home,
        StandardPage(
            title=catalogue.title("Welcome", "Tervetuloa", "Добро пожаловать"),
            show_in_menus=True,
            summary=T(
                "Who we are and what the Baltic Region association does.",
                "Keitä olemme ja mitä Baltic Region -yhdistys tekee.",
                "Кто мы и чем занимается ассоциация «Балтийский регион».",
            ),
            intro=T(
                "Baltic Region has a very positive image in cooperation with the Turku "
                "authorities and in the international sphere of partnership.",
                "Baltic Regionilla on erittäin myönteinen maine yhteistyössä Turun viranomaisten "
                "kanssa ja kansainvälisessä kumppanuudessa.",
                "«Балтийский регион» пользуется прекрасной репутацией в сотрудничестве с властями "
                "Турку и в сфере международного партнёрства.",
            ),
            body=[
                (
                    "paragraph",
                    catalogue.paragraphs(
                        (
                            "The aim of the society is to develop cooperation and contacts in "
                            "different fields between Finland and the countries of the former "
                            "Soviet Union.",
                            "Yhdistyksen tavoitteena on kehittää yhteistyötä ja yhteyksiä eri "
                            "aloilla Suomen ja entisen Neuvostoliiton maiden välillä.",
                            "Цель общества — развивать сотрудничество и контакты в разных сферах "
                            "между Финляндией и странами бывшего Советского Союза.",
                        ),
                        (
                            "Our mission is to develop and support international cooperation in "
                            "civil society, culture, and humanitarian and professional "
                            "relationships. We preserve, protect and acknowledge national "
                            "cultural traditions and historical heritage.",
                            "Tehtävämme on kehittää ja tukea kansainvälistä yhteistyötä "
                            "kansalaisyhteiskunnan, kulttuurin sekä humanitaaristen ja "
                            "ammatillisten suhteiden aloilla. Vaalimme, suojelemme ja arvostamme "
                            "kansallisia kulttuuriperinteitä ja historiallista perintöä.",
                            "Наша миссия — развивать и поддерживать международное сотрудничество "
                            "в области гражданского общества, культуры, гуманитарных и "
                            "профессиональных связей. Мы сохраняем, защищаем и чтим национальные "
                            "культурные традиции и историческое наследие.",
                        ),
                        (
                            "The organisation was founded and registered in 2006. It has about "
                            "400 members and a network of more than 2,000 people who follow us "
                            "on social media and by e-mail.",
                            "Yhdistys perustettiin ja rekisteröitiin vuonna 2006. Sillä on noin "
                            "400 jäsentä ja yli 2 000 hengen verkosto, joka seuraa meitä "
                            "sosiaalisessa mediassa ja sähköpostitse.",
                            "Организация основана и зарегистрирована в 2006 году. В ней около "
                            "400 членов и сеть из более чем 2000 человек, которые следят за нами "
                            "в социальных сетях и по электронной почте.",
                        ),
                        (
                            "Our board members have long experience of project work and good "
                            "contacts with the people we serve. Our projects strengthen the "
                            "wellbeing of the diaspora through international projects and "
                            "cultural events, and help Russian-speaking families integrate into "
                            "Finnish society while keeping their own culture and language.",
                            "Hallituksen jäsenillä on pitkä kokemus hanketyöstä ja hyvät yhteydet "
                            "kohderyhmäämme. Hankkeemme vahvistavat diasporan hyvinvointia "
                            "kansainvälisten hankkeiden ja kulttuuritapahtumien avulla ja "
                            "auttavat venäjänkielisiä perheitä kotoutumaan suomalaiseen "
                            "yhteiskuntaan säilyttäen oman kulttuurinsa ja kielensä.",
                            "У членов правления большой опыт проектной работы и хорошие связи с "
                            "целевой аудиторией. Наши проекты укрепляют благополучие диаспоры "
                            "через международные проекты и культурные мероприятия и помогают "
                            "русскоязычным семьям интегрироваться в финское общество, сохраняя "
                            "свою культуру и язык.",
                        ),
                    ),
                ),
                (
                    "quote",
                    {
                        "quote": T(
                            "The board promotes intercultural cooperation and interaction with "
                            "Finnish cultural organisations.",
                            "Hallitus edistää kulttuurienvälistä yhteistyötä ja vuorovaikutusta "
                            "suomalaisten kulttuurijärjestöjen kanssa.",
                            "Правление развивает межкультурное сотрудничество и взаимодействие с "
                            "финскими организациями культуры.",
                        ),
                        "attribution": T(
                            "Board of Baltic Region",
                            "Baltic Regionin hallitus",
                            "Правление «Балтийского региона»",
                        ),
                    },
                ),
            ],
        ),
    )
    add_page(
        welcome,
        StandardPage(
            title=catalogue.title(
                "Aims and objectives", "Tavoitteet ja päämäärät", "Цели и задачи"
            ),
            summary=T(
                "What the Baltic Region association works for.",
                "Mitä Baltic Region -yhdistys tavoittelee.",
                "Ради чего работает ассоциация «Балтийский регион».",
            ),
            intro=T(
                "The aims and objectives of the organisation:",
                "Yhdistyksen tavoitteet ja päämäärät:",
                "Цели и задачи организации:",
            ),
            body=[
                (
                    "paragraph",
                    catalogue.bullet_list(
                        (
                            "joint activities with the authorities of the City of Turku and at "
                            "the national level;",
                            "yhteistä toimintaa Turun kaupungin viranomaisten kanssa ja "
                            "valtakunnallisesti;",
                            "совместная деятельность с властями города Турку и на "
                            "национальном уровне;",
                        ),
                        (
                            "preserving the Russian language and culture in Russian-speaking "
                            "families;",
                            "venäjän kielen ja kulttuurin säilyttäminen venäjänkielisissä "
                            "perheissä;",
                            "сохранение русского языка и культуры в русскоязычных семьях;",
                        ),
                        (
                            "promoting social wellbeing and keeping citizens physically active;",
                            "sosiaalisen hyvinvoinnin ja kansalaisten liikunnallisuuden "
                            "edistäminen;",
                            "содействие социальному благополучию и физической активности граждан;",
                        ),
                        (
                            "preventing the social exclusion of people living alone;",
                            "yksin elävien ihmisten syrjäytymisen ehkäiseminen;",
                            "предотвращение социальной изоляции одиноких людей;",
                        ),
                        (
                            "reducing prejudice and bringing Russian-speaking groups and native "
                            "Finns closer together;",
                            "ennakkoluulojen vähentäminen ja venäjänkielisten ryhmien ja "
                            "kantasuomalaisten lähentäminen;",
                            "преодоление предрассудков и сближение русскоязычных групп и "
                            "коренных жителей;",
                        ),
                        (
                            "networking with representatives of the cultural, social and "
                            "international communities;",
                            "verkostoituminen kulttuuri-, sosiaali- ja kansainvälisen alan "
                            "toimijoiden kanssa;",
                            "налаживание связей с представителями культурной, социальной и "
                            "международной среды;",
                        ),
                        (
                            "supporting Russian-speaking families through sports, cultural, "
                            "business and international events with the City of Turku.",
                            "venäjänkielisten perheiden tukeminen urheilu-, kulttuuri-, yritys- ja "
                            "kansainvälisten tapahtumien avulla yhdessä Turun kaupungin kanssa.",
                            "поддержка русскоязычных семей через спортивные, культурные, деловые "
                            "и международные мероприятия совместно с городом Турку.",
                        ),
                    ),
                ),
            ],
        ),
    )
    add_page(home, turku_process_page())
    add_page(home, guidelines_page())


def turku_process_page():
    return StandardPage(
        title=catalogue.title("Turku Process", "Turku-prosessi", "Турку-процесс"),
        show_in_menus=True,
        summary=T(
            "An initiative of Turku, Hamburg and St. Petersburg for practical cooperation in the "
            "Baltic Sea region.",
            "Turun, Hampurin ja Pietarin aloite käytännön yhteistyöhön Itämeren alueella.",
            "Инициатива Турку, Гамбурга и Санкт-Петербурга для практического сотрудничества в "
            "регионе Балтийского моря.",
        ),
        intro=T(
            "The Turku Process is an initiative by the cities of Turku, Hamburg and St. "
            "Petersburg. It promotes cooperation in the region and seeks especially to increase "
            "the number of Northwest Russian partners in Baltic Sea region cooperation.",
            "Turku-prosessi on Turun, Hampurin ja Pietarin kaupunkien aloite. Se edistää alueen "
            "yhteistyötä ja pyrkii erityisesti lisäämään luoteisvenäläisten kumppanien määrää "
            "Itämeren alueen yhteistyössä.",
            "Турку-процесс — инициатива городов Турку, Гамбурга и Санкт-Петербурга. Он развивает "
            "сотрудничество в регионе и прежде всего стремится привлечь больше партнёров с "
            "Северо-Запада России к сотрудничеству в регионе Балтийского моря.",
        ),
        body=[
            (
                "paragraph",
                catalogue.paragraphs(
                    (
                        "The Turku Process is a bottom-up initiative for practical cooperation in "
                        "the Baltic Sea region. It builds on decades of close cooperation and "
                        "trust between twin cities: in 1953 Turku was the first city in the world "
                        "to establish official relations with St. Petersburg.",
                        "Turku-prosessi on ruohonjuuritason aloite käytännön yhteistyöhön "
                        "Itämeren alueella. Se rakentuu ystävyyskaupunkien vuosikymmenten "
                        "tiiviille yhteistyölle ja luottamukselle: vuonna 1953 Turku oli "
                        "maailman ensimmäinen kaupunki, joka solmi viralliset suhteet Pietariin.",
                        "Турку-процесс — инициатива «снизу» для практического сотрудничества в "
                        "регионе Балтийского моря. Он опирается на десятилетия тесного "
                        "сотрудничества и доверия между городами-побратимами: в 1953 году Турку "
                        "первым в мире установил официальные отношения с Санкт-Петербургом.",
                    ),
                    (
                        "It is a joint initiative of the City of Turku, the Regional Council of "
                        "Southwest Finland, the City of St. Petersburg and the City of Hamburg, "
                        "supported by the European Commission's Directorate-General for Regional "
                        "Policy (DG REGIO).",
                        "Se on Turun kaupungin, Varsinais-Suomen liiton, Pietarin kaupungin ja "
                        "Hampurin kaupungin yhteinen aloite, jota Euroopan komission "
                        "aluepolitiikan pääosasto (DG REGIO) tukee.",
                        "Это совместная инициатива города Турку, Союза региона Варсинайс-Суоми, "
                        "Санкт-Петербурга и Гамбурга при поддержке Генерального директората "
                        "Европейской комиссии по региональной политике (DG REGIO).",
                    ),
                ),
            ),
            (
                "heading",
                {
                    "text": T(
                        "Local expertise in the centre",
                        "Paikallinen asiantuntemus keskiössä",
                        "Местная экспертиза в центре внимания",
                    ),
                    "level": "h2",
                },
            ),
            (
                "paragraph",
                catalogue.paragraphs(
                    (
                        "The Turku Process brings local actors together, creates dialogue and "
                        "strengthens concrete project cooperation, above all to bring EU and "
                        "Russian actors closer to each other in the Baltic Sea region.",
                        "Turku-prosessi kokoaa paikalliset toimijat yhteen, luo vuoropuhelua ja "
                        "vahvistaa konkreettista hankeyhteistyötä ennen kaikkea tuodakseen EU:n "
                        "ja Venäjän toimijoita lähemmäs toisiaan Itämeren alueella.",
                        "Турку-процесс объединяет местных участников, создаёт диалог и укрепляет "
                        "конкретное проектное сотрудничество — прежде всего чтобы сблизить "
                        "участников из ЕС и России в регионе Балтийского моря.",
                    ),
                    (
                        "It welcomes new ideas, proposals and partners for practical joint action "
                        "for sustainable wellbeing in the Baltic Sea region, and organises Round "
                        "Table meetings and events to enhance project cooperation.",
                        "Se toivottaa tervetulleiksi uudet ideat, ehdotukset ja kumppanit "
                        "käytännön yhteistoimintaan kestävän hyvinvoinnin hyväksi Itämeren "
                        "alueella ja järjestää pyöreän pöydän tapaamisia ja tapahtumia "
                        "hankeyhteistyön vahvistamiseksi.",
                        "Он открыт для новых идей, предложений и партнёров ради практических "
                        "совместных действий для устойчивого благополучия в регионе Балтийского "
                        "моря и проводит встречи «круглого стола» и мероприятия для развития "
                        "проектного сотрудничества.",
                    ),
                ),
            ),
            (
                "heading",
                {
                    "text": T(
                        "The EU Strategy for the Baltic Sea Region",
                        "EU:n Itämeren alueen strategia",
                        "Стратегия ЕС для региона Балтийского моря",
                    ),
                    "level": "h2",
                },
            ),
            (
                "paragraph",
                catalogue.paragraphs(
                    (
                        "In 2013 the Horizontal Action Neighbours was added to the EU Strategy for "
                        "the Baltic Sea Region to bring non-EU countries and actors into "
                        "cooperation. It is coordinated by the City of Turku and the Council of "
                        "the Baltic Sea States (CBSS) Secretariat in Stockholm; the practical work "
                        "is done by the Turku Process Secretariat at the Centrum Balticum "
                        "Foundation.",
                        "Vuonna 2013 EU:n Itämeren alueen strategiaan lisättiin "
                        "Neighbours-horisontaalitoimi, jonka tarkoitus on tuoda EU:n ulkopuoliset "
                        "maat ja toimijat mukaan yhteistyöhön. Sitä koordinoivat Turun kaupunki "
                        "ja Itämeren valtioiden neuvoston (CBSS) sihteeristö Tukholmassa; "
                        "käytännön työn tekee Centrum Balticum -säätiössä toimiva Turku-prosessin "
                        "sihteeristö.",
                        "В 2013 году в Стратегию ЕС для региона Балтийского моря было добавлено "
                        "горизонтальное действие «Соседи», чтобы вовлечь в сотрудничество страны "
                        "и участников за пределами ЕС. Его координируют город Турку и секретариат "
                        "Совета государств Балтийского моря (СГБМ) в Стокгольме; практическую "
                        "работу ведёт секретариат Турку-процесса в фонде Centrum Balticum.",
                    ),
                ),
            ),
        ],
    )


def guidelines_page():
    return StandardPage(
        title=catalogue.title("Guidelines", "Ohjeet", "Правила"),
        show_in_menus=True,
        summary=T(
            "How to take part in our activities and events.",
            "Näin osallistut toimintaamme ja tapahtumiimme.",
            "Как участвовать в наших занятиях и мероприятиях.",
        ),
        intro=T(
            "Our activities are open to everyone who shares our aims. These guidelines help "
            "everyone feel welcome.",
            "Toimintamme on avointa kaikille, jotka jakavat tavoitteemme. Nämä ohjeet auttavat, "
            "että jokainen tuntee olonsa tervetulleeksi.",
            "Наши занятия открыты для всех, кто разделяет наши цели. Эти правила помогают каждому "
            "чувствовать себя желанным гостем.",
        ),
        body=[
            (
                "accordion",
                {
                    "title": T("Taking part", "Osallistuminen", "Участие"),
                    "items": [
                        {
                            "question": T(
                                "Do I need to register for events?",
                                "Pitääkö tapahtumiin ilmoittautua?",
                                "Нужно ли регистрироваться на мероприятия?",
                            ),
                            "answer": catalogue.paragraphs(
                                (
                                    "Each event page says whether registration is needed. "
                                    "Courses and journeys have limited places, so register early.",
                                    "Jokaisella tapahtumasivulla kerrotaan, tarvitaanko "
                                    "ilmoittautumista. Kursseilla ja matkoilla on rajoitetusti "
                                    "paikkoja, joten ilmoittaudu ajoissa.",
                                    "На странице каждого мероприятия указано, нужна ли "
                                    "регистрация. На курсы и поездки мест немного, поэтому "
                                    "регистрируйтесь заранее.",
                                ),
                            ),
                        },
                        {
                            "question": T(
                                "Which languages are used?",
                                "Mitä kieliä käytetään?",
                                "На каких языках проходят занятия?",
                            ),
                            "answer": catalogue.paragraphs(
                                (
                                    "Most activities are held in Russian and Finnish; many also "
                                    "in English. The languages are listed on each activity.",
                                    "Useimmat toiminnot pidetään venäjäksi ja suomeksi, monet "
                                    "myös englanniksi. Kielet on mainittu jokaisen toiminnon "
                                    "kohdalla.",
                                    "Большинство занятий проходит на русском и финском, многие "
                                    "также на английском. Языки указаны у каждого занятия.",
                                ),
                            ),
                        },
                        {
                            "question": T(
                                "May I take photos at events?",
                                "Saako tapahtumissa valokuvata?",
                                "Можно ли фотографировать на мероприятиях?",
                            ),
                            "answer": catalogue.paragraphs(
                                (
                                    "Yes, but ask people before you publish pictures of them. "
                                    "We ask for consent before we publish photos in our galleries.",
                                    "Kyllä, mutta kysy lupa ennen kuin julkaiset kuvia muista. "
                                    "Pyydämme suostumuksen ennen kuin julkaisemme kuvia "
                                    "gallerioissamme.",
                                    "Да, но спрашивайте разрешения, прежде чем публиковать "
                                    "фотографии других людей. Мы просим согласия, прежде чем "
                                    "публиковать снимки в наших галереях.",
                                ),
                            ),
                        },
                    ],
                },
            ),
        ],
    )


PEOPLE = [
    (
        ("Irina Virtanen", "Irina Virtanen", "Ирина Виртанен"),
        ("Chair of the board", "Hallituksen puheenjohtaja", "Председатель правления"),
    ),
    (
        ("Sergei Lehtonen", "Sergei Lehtonen", "Сергей Лехтонен"),
        ("Project coordinator", "Projektikoordinaattori", "Координатор проектов"),
    ),
    (
        ("Anna Korhonen", "Anna Korhonen", "Анна Корхонен"),
        ("Youth and education", "Nuoret ja koulutus", "Молодёжь и образование"),
    ),
    (
        ("Mikhail Nieminen", "Mikhail Nieminen", "Михаил Нieminen".replace("ieminen", "иеминен")),
        ("Culture and events", "Kulttuuri ja tapahtumat", "Культура и мероприятия"),
    ),
]


def load_people():
    collection = demo_collection("People")
    people = []
    for index, (names, roles) in enumerate(PEOPLE):
        name = T(*names)
        person = Person.objects.create(
            locale=english(),
            name=name,
            role=T(*roles),
            email=f"{name.split()[0].lower()}@baltic-region.example",
            photo=save_image(
                draw_picture(f"person-{index}", (120, 90 + index * 30, 140), size=(600, 600)),
                f"Portrait of {name}",
                collection,
                f"person-{index}.jpg",
            ),
        )
        translate_from_catalogue(person, translation_locales())
        people.append(person)
    return people


def load_people_page(home, people):
    page = PeoplePage(
        title=catalogue.title("People and services", "Ihmiset ja palvelut", "Люди и услуги"),
        show_in_menus=True,
        summary=T(
            "Who to turn to, and what we can help you with.",
            "Keneen voit ottaa yhteyttä ja missä voimme auttaa.",
            "К кому обращаться и чем мы можем помочь.",
        ),
        intro=T(
            "Our board and volunteers organise the activities. Get in touch with the person "
            "responsible for the area you are interested in.",
            "Hallituksemme ja vapaaehtoisemme järjestävät toiminnan. Ota yhteyttä kiinnostavan "
            "alueen vastuuhenkilöön.",
            "Занятия организуют правление и волонтёры. Свяжитесь с ответственным за "
            "интересующее вас направление.",
        ),
        body=[
            ("heading", {"text": T("Services", "Palvelut", "Услуги"), "level": "h2"}),
            (
                "paragraph",
                catalogue.bullet_list(
                    (
                        "Advice for families who have recently moved to Finland",
                        "Neuvontaa äskettäin Suomeen muuttaneille perheille",
                        "Консультации для семей, недавно переехавших в Финляндию",
                    ),
                    (
                        "Help with applications to the City of Turku and Kela",
                        "Apua Turun kaupungin ja Kelan hakemuksiin",
                        "Помощь с заявлениями в город Турку и Kela",
                    ),
                    (
                        "Premises for clubs and meetings of our partners",
                        "Tiloja kumppaniemme kerhoille ja kokouksille",
                        "Помещения для кружков и встреч наших партнёров",
                    ),
                ),
            ),
        ],
    )
    for person in people:
        page.people.add(page.people.model(person=person))
    add_page(home, page)


def load_location_page(home):
    add_page(
        home,
        LocationPage(
            title=catalogue.title("Location", "Sijainti", "Как нас найти"),
            show_in_menus=True,
            summary=T(
                "Our address, opening hours and how to get here.",
                "Osoitteemme, aukioloajat ja kulkuohjeet.",
                "Наш адрес, часы работы и как добраться.",
            ),
            address=T(
                "Baltic Region association\nLinnankatu 20\n20100 Turku",
                "Baltic Region ry\nLinnankatu 20\n20100 Turku",
                "Ассоциация «Балтийский регион»\nLinnankatu 20\n20100 Турку",
            ),
            opening_hours=T(
                "Monday to Thursday 10–17\nFriday 10–15",
                "Maanantaista torstaihin 10–17\nPerjantaina 10–15",
                "Понедельник — четверг 10–17\nПятница 10–15",
            ),
            directions=T(
                "Five minutes' walk from the market square along the Aura river. Buses 1 and 6 "
                "stop at Linnankatu.",
                "Viiden minuutin kävely kauppatorilta Aurajoen vartta. Bussit 1 ja 6 pysähtyvät "
                "Linnankadulla.",
                "Пять минут пешком от Рыночной площади вдоль реки Аура. Автобусы 1 и 6 "
                "останавливаются на Linnankatu.",
            ),
            accessibility=T(
                "Step-free entrance from the courtyard, a lift to all floors and an accessible "
                "toilet. Ask us for a hearing loop.",
                "Esteetön sisäänkäynti pihan puolelta, hissi kaikkiin kerroksiin ja "
                "esteetön WC. Induktiosilmukkaa voi kysyä henkilökunnalta.",
                "Вход без ступенек со двора, лифт на все этажи и доступный туалет. "
                "Индукционную петлю можно попросить у сотрудников.",
            ),
            latitude="60.449800",
            longitude="22.258900",
        ),
    )
