"""Demo publications spread over the last year and a half, some with PDF documents."""

import datetime
import io
import textwrap

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.documents import get_document_model

from core.demo.catalogue import T, catalogue
from core.demo.images import draw_picture, save_image
from core.demo.site import AREA_RGB, SEA, add_page, demo_collection, english, language_home
from core.models import Area, Person
from publications.models import (
    PublicationAttachment,
    PublicationAuthor,
    PublicationIndexPage,
    PublicationKind,
    PublicationPage,
)

ALL_AREAS = list(AREA_RGB)

# Tags are words of each language: (en, fi, ru).
FAMILIES = ("families", "perheet", "семьи")
LANGUAGE_LEARNING = ("language learning", "kieltenopiskelu", "изучение языков")
ANNUAL_REPORT = ("annual report", "vuosikertomus", "годовой отчёт")
VOLUNTEERING = ("volunteering", "vapaaehtoistyö", "волонтёрство")
TURKU_PROCESS = ("Turku Process", "Turku-prosessi", "Турку-процесс")
COOPERATION = (
    "cross-border cooperation",
    "rajat ylittävä yhteistyö",
    "приграничное сотрудничество",
)
MUSIC = ("music", "musiikki", "музыка")
PRIVACY = ("privacy", "yksityisyys", "конфиденциальность")
CHILDREN = ("children", "lapset", "дети")
INTEGRATION = ("integration", "kotoutuminen", "интеграция")
HEALTH = ("health", "terveys", "здоровье")


def annual_report(days_ago, today):
    year = (today - datetime.timedelta(days=days_ago)).year - 1
    return {
        "kind": PublicationKind.REPORT,
        "days_ago": days_ago,
        "title": (f"Annual report {year}", f"Vuosikertomus {year}", f"Годовой отчёт за {year} год"),
        "summary": (
            f"Our activities, members, finances and partners in {year}.",
            f"Toimintamme, jäsenemme, taloutemme ja kumppanimme vuonna {year}.",
            f"Наша деятельность, члены, финансы и партнёры в {year} году.",
        ),
        "paragraphs": [
            (
                f"In {year} the association organised more than 150 events in its five activity "
                "areas; about 400 members and 2,000 people of our network took part.",
                f"Vuonna {year} yhdistys järjesti yli 150 tapahtumaa viidellä "
                "toiminta-alueellaan; niihin osallistui noin 400 jäsentä ja 2 000 verkostomme "
                "ihmistä.",
                f"В {year} году ассоциация провела более 150 мероприятий по пяти направлениям; "
                "в них участвовали около 400 членов и 2000 человек из нашей сети.",
            ),
            (
                "The full report, with the financial statements approved by the annual meeting, "
                "is attached below.",
                "Koko kertomus ja vuosikokouksen hyväksymä tilinpäätös ovat liitteenä alla.",
                "Полный отчёт с финансовой отчётностью, утверждённой годовым собранием, приложен "
                "ниже.",
            ),
        ],
        "areas": ALL_AREAS,
        "tags": [ANNUAL_REPORT],
        "authors": [0, 1],
        "documents": [
            {
                "title": f"Annual report {year}",
                "filename": f"annual-report-{year}.pdf",
                "label": (
                    f"Annual report {year} (full text)",
                    f"Vuosikertomus {year} (koko teksti)",
                    f"Годовой отчёт за {year} год (полный текст)",
                ),
            }
        ],
    }


def publications(today):
    return [
        {
            "kind": PublicationKind.NEWS,
            "days_ago": 9,
            "title": (
                "Seminar on bilingual families",
                "Seminaari kaksikielisistä perheistä",
                "Семинар о двуязычных семьях",
            ),
            "summary": (
                "Parents, teachers and researchers shared how children keep two languages alive "
                "at home and at school.",
                "Vanhemmat, opettajat ja tutkijat kertoivat, miten lapset pitävät kaksi kieltä "
                "elävinä kotona ja koulussa.",
                "Родители, учителя и исследователи рассказали, как дети сохраняют два языка дома "
                "и в школе.",
            ),
            "paragraphs": [
                (
                    "More than sixty people came to our seminar at the Turku City Library. "
                    "Researchers from the University of Turku presented new findings on how "
                    "bilingual children learn to read.",
                    "Seminaariimme Turun kaupunginkirjastossa osallistui yli kuusikymmentä henkeä. "
                    "Turun yliopiston tutkijat esittelivät uusia tuloksia siitä, miten "
                    "kaksikieliset lapset oppivat lukemaan.",
                    "На наш семинар в городской библиотеке Турку пришли более шестидесяти "
                    "человек. Исследователи из Университета Турку представили новые данные о "
                    "том, как дети-билингвы учатся читать.",
                ),
                (
                    "The presentations and a list of reading tips for parents are available from "
                    "our office.",
                    "Esitykset ja vanhemmille tarkoitettu lukuvinkkilista ovat saatavilla "
                    "toimistostamme.",
                    "Презентации и список советов по чтению для родителей можно получить в нашем "
                    "офисе.",
                ),
            ],
            "areas": ["education"],
            "tags": [FAMILIES, LANGUAGE_LEARNING],
            "authors": [2],
        },
        {
            "kind": PublicationKind.NEWS,
            "days_ago": 25,
            "title": (
                "Nordic walking group welcomes new members",
                "Sauvakävelyryhmä toivottaa uudet jäsenet tervetulleiksi",
                "Группа скандинавской ходьбы приглашает новых участников",
            ),
            "summary": (
                "Every Sunday at ten we walk together in Ruissalo, whatever the weather.",
                "Kävelemme yhdessä Ruissalossa joka sunnuntai kello kymmenen säällä kuin säällä.",
                "Каждое воскресенье в десять утра мы гуляем вместе на Руиссало в любую погоду.",
            ),
            "paragraphs": [
                (
                    "Our Nordic walking group has grown to thirty regular walkers. Poles can be "
                    "borrowed from the group leader, so all you need is a good pair of shoes.",
                    "Sauvakävelyryhmässämme on jo kolmekymmentä vakituista kävelijää. Sauvoja voi "
                    "lainata ryhmän vetäjältä, joten tarvitset vain hyvät kengät.",
                    "В нашей группе скандинавской ходьбы уже тридцать постоянных участников. "
                    "Палки можно взять у руководителя группы, так что нужна только удобная обувь.",
                ),
            ],
            "areas": ["wellness"],
            "tags": [HEALTH],
            "authors": [1],
        },
        annual_report(40, today),
        {
            "kind": PublicationKind.GUIDELINE,
            "days_ago": 70,
            "title": (
                "Photos at our events: guidelines on consent",
                "Valokuvat tapahtumissamme: suostumusohjeet",
                "Фотографии на наших мероприятиях: правила о согласии",
            ),
            "summary": (
                "How we take, publish and remove photos of people, and how you can tell us your "
                "wishes.",
                "Miten otamme, julkaisemme ja poistamme kuvia ihmisistä ja miten voit kertoa "
                "meille toiveistasi.",
                "Как мы снимаем, публикуем и удаляем фотографии людей и как сообщить нам о своих "
                "пожеланиях.",
            ),
            "paragraphs": [
                (
                    "We publish photos of people only with their consent, and photos of children "
                    "only with the consent of a parent.",
                    "Julkaisemme kuvia ihmisistä vain heidän suostumuksellaan ja kuvia lapsista "
                    "vain vanhemman suostumuksella.",
                    "Мы публикуем фотографии людей только с их согласия, а фотографии детей — "
                    "только с согласия родителей.",
                ),
                (
                    "If you find a photo of yourself that you would like removed, write to us and "
                    "we will remove it within a week.",
                    "Jos löydät itsestäsi kuvan, jonka haluat poistettavan, kirjoita meille, niin "
                    "poistamme sen viikon kuluessa.",
                    "Если вы нашли свою фотографию и хотите её удалить, напишите нам, и мы удалим "
                    "её в течение недели.",
                ),
            ],
            "areas": ["culture", "hobbies"],
            "tags": [PRIVACY],
            "authors": [0],
            "documents": [
                {
                    "title": "Photo consent form",
                    "filename": "photo-consent-form.pdf",
                    "label": (
                        "Consent form for photos",
                        "Kuvauslupalomake",
                        "Форма согласия на фотосъёмку",
                    ),
                }
            ],
        },
        {
            "kind": PublicationKind.ARTICLE,
            "days_ago": 120,
            "title": (
                "Why reading aloud helps bilingual children",
                "Miksi ääneen lukeminen auttaa kaksikielisiä lapsia",
                "Почему чтение вслух помогает детям-билингвам",
            ),
            "summary": (
                "Ten minutes a day of reading aloud in the home language builds vocabulary in "
                "both languages.",
                "Kymmenen minuuttia ääneen lukemista päivässä kotikielellä kasvattaa "
                "sanavarastoa molemmilla kielillä.",
                "Десять минут чтения вслух на родном языке в день пополняют словарный запас на "
                "обоих языках.",
            ),
            "paragraphs": [
                (
                    "Children who hear stories in their home language learn words and ideas that "
                    "they later carry over to Finnish. Reading together is also a quiet moment "
                    "for the whole family.",
                    "Lapset, jotka kuulevat tarinoita kotikielellään, oppivat sanoja ja "
                    "käsitteitä, jotka he myöhemmin siirtävät suomeen. Yhdessä lukeminen on myös "
                    "koko perheen rauhallinen hetki.",
                    "Дети, которые слушают истории на родном языке, усваивают слова и понятия, "
                    "которые потом переносят в финский. Совместное чтение — это ещё и спокойная "
                    "минута для всей семьи.",
                ),
                (
                    "Our Russian lessons for bilingual children lend books for every age group.",
                    "Kaksikielisten lasten venäjän tunneillamme lainataan kirjoja jokaiselle "
                    "ikäryhmälle.",
                    "На наших занятиях русским языком для детей-билингвов можно взять книги для "
                    "любого возраста.",
                ),
            ],
            "areas": ["education"],
            "tags": [CHILDREN, LANGUAGE_LEARNING],
            "authors": [2],
        },
        {
            "kind": PublicationKind.REPORT,
            "days_ago": 170,
            "title": (
                "Turku Process round table: summary of results",
                "Turku-prosessin pyöreä pöytä: tulosten yhteenveto",
                "Круглый стол Турку-процесса: итоги",
            ),
            "summary": (
                "Twenty-five organisations from four countries discussed joint projects for "
                "wellbeing in the Baltic Sea region.",
                "Kaksikymmentäviisi järjestöä neljästä maasta keskusteli yhteisistä hankkeista "
                "hyvinvoinnin edistämiseksi Itämeren alueella.",
                "Двадцать пять организаций из четырёх стран обсудили совместные проекты для "
                "благополучия в регионе Балтийского моря.",
            ),
            "paragraphs": [
                (
                    "The round table agreed on three project ideas: youth exchanges, a network of "
                    "language clubs and joint training for volunteers.",
                    "Pyöreä pöytä sopi kolmesta hankeideasta: nuorisovaihdoista, kielikerhojen "
                    "verkostosta ja vapaaehtoisten yhteisestä koulutuksesta.",
                    "Участники круглого стола договорились о трёх проектных идеях: молодёжные "
                    "обмены, сеть языковых клубов и совместное обучение волонтёров.",
                ),
            ],
            "areas": ["journeys", "education"],
            "tags": [TURKU_PROCESS, COOPERATION],
            "authors": [1],
            "documents": [
                {
                    "title": "Turku Process round table summary",
                    "filename": "round-table-summary.pdf",
                    "label": (
                        "Summary of the round table",
                        "Pyöreän pöydän yhteenveto",
                        "Итоги круглого стола",
                    ),
                }
            ],
        },
        {
            "kind": PublicationKind.NEWS,
            "days_ago": 215,
            "title": (
                "Choir Beryozka sang at the Dialogue of Cultures festival",
                "Kuoro Berjozka esiintyi Kulttuurien dialogi -festivaalilla",
                "Хор «Берёзка» выступил на фестивале «Диалог культур»",
            ),
            "summary": (
                "Russian and Finnish folk songs filled the hall on the festival's opening night.",
                "Venäläiset ja suomalaiset kansanlaulut täyttivät salin festivaalin "
                "avajaisillassa.",
                "Русские и финские народные песни наполнили зал в вечер открытия фестиваля.",
            ),
            "paragraphs": [
                (
                    "Our choir of twenty-two singers performed Russian and Finnish folk songs "
                    "together with the Turku youth orchestra.",
                    "Kahdenkymmenenkahden laulajan kuoromme esitti venäläisiä ja suomalaisia "
                    "kansanlauluja yhdessä Turun nuoriso-orkesterin kanssa.",
                    "Наш хор из двадцати двух певцов исполнил русские и финские народные песни "
                    "вместе с молодёжным оркестром Турку.",
                ),
                (
                    "New singers are welcome at rehearsals on Wednesday evenings.",
                    "Uudet laulajat ovat tervetulleita harjoituksiin keskiviikkoiltaisin.",
                    "Новых певцов ждём на репетициях по средам вечером.",
                ),
            ],
            "areas": ["culture", "hobbies"],
            "tags": [MUSIC],
            "authors": [3],
        },
        {
            "kind": PublicationKind.NEWS,
            "days_ago": 260,
            "title": (
                "Archipelago day trips are fully booked",
                "Saaristoretket on varattu täyteen",
                "Все места на поездки по архипелагу заняты",
            ),
            "summary": (
                "All places on the archipelago trips are taken; join the waiting list for "
                "cancellations.",
                "Kaikki saaristoretkien paikat on varattu; ilmoittaudu varasijalle peruutusten "
                "varalta.",
                "Все места на поездки по архипелагу заняты; запишитесь в лист ожидания на случай "
                "отказов.",
            ),
            "paragraphs": [
                (
                    "The trips to Nagu and Korpo were booked out in two days. We are planning an "
                    "extra trip if we find a larger boat.",
                    "Retket Nauvoon ja Korppooseen varattiin täyteen kahdessa päivässä. "
                    "Suunnittelemme lisäretkeä, jos löydämme isomman veneen.",
                    "Поездки в Нагу и Корпо были распроданы за два дня. Если найдём судно "
                    "побольше, организуем дополнительную поездку.",
                ),
            ],
            "areas": ["journeys"],
            "tags": [FAMILIES],
            "authors": [1],
        },
        {
            "kind": PublicationKind.REPORT,
            "days_ago": 330,
            "title": (
                "Survey: how Russian-speaking families settle in Turku",
                "Kysely: miten venäjänkieliset perheet asettuvat Turkuun",
                "Опрос: как русскоязычные семьи обживаются в Турку",
            ),
            "summary": (
                "Two hundred families told us what helped them most in their first years in "
                "Finland and what they still miss.",
                "Kaksisataa perhettä kertoi meille, mikä auttoi heitä eniten ensimmäisinä "
                "vuosina Suomessa ja mitä he yhä kaipaavat.",
                "Двести семей рассказали нам, что больше всего помогло им в первые годы в "
                "Финляндии и чего им до сих пор не хватает.",
            ),
            "paragraphs": [
                (
                    "Language courses, help with official paperwork and hobbies for children were "
                    "named most often. Many parents asked for more evening activities for "
                    "teenagers.",
                    "Useimmin mainittiin kielikurssit, apu viranomaisasioissa ja lasten "
                    "harrastukset. Moni vanhempi toivoi lisää iltatoimintaa nuorille.",
                    "Чаще всего называли языковые курсы, помощь с официальными документами и "
                    "кружки для детей. Многие родители просили больше вечерних занятий для "
                    "подростков.",
                ),
                (
                    "The full report and a two-page summary are attached below.",
                    "Koko raportti ja kaksisivuinen tiivistelmä ovat liitteenä alla.",
                    "Полный отчёт и краткое изложение на двух страницах приложены ниже.",
                ),
            ],
            "areas": ["education", "wellness"],
            "tags": [FAMILIES, INTEGRATION],
            "authors": [2, 0],
            "documents": [
                {
                    "title": "Family survey report",
                    "filename": "family-survey-report.pdf",
                    "label": ("Survey report", "Kyselyraportti", "Отчёт об опросе"),
                },
                {
                    "title": "Family survey summary",
                    "filename": "family-survey-summary.pdf",
                    "label": (
                        "Two-page summary",
                        "Kaksisivuinen tiivistelmä",
                        "Краткое изложение на двух страницах",
                    ),
                },
            ],
        },
        {
            "kind": PublicationKind.NEWS,
            "days_ago": 390,
            "title": (
                "Volunteers wanted for the crafts fair",
                "Käsityömessuille haetaan vapaaehtoisia",
                "Ищем волонтёров для ярмарки рукоделия",
            ),
            "summary": (
                "Help us set up stalls, serve tea and welcome visitors at our crafts fair.",
                "Auta meitä pystyttämään myyntipöydät, tarjoilemaan teetä ja ottamaan kävijät "
                "vastaan käsityömessuillamme.",
                "Помогите нам расставить прилавки, угощать чаем и встречать гостей на нашей "
                "ярмарке рукоделия.",
            ),
            "paragraphs": [
                (
                    "Volunteers work in shifts of three hours. Everyone who helps gets a free "
                    "lunch and a small thank-you gift.",
                    "Vapaaehtoiset työskentelevät kolmen tunnin vuoroissa. Jokainen auttaja saa "
                    "ilmaisen lounaan ja pienen kiitoslahjan.",
                    "Волонтёры работают сменами по три часа. Каждый помощник получает бесплатный "
                    "обед и небольшой подарок в благодарность.",
                ),
            ],
            "areas": ["hobbies"],
            "tags": [VOLUNTEERING],
            "authors": [3],
        },
        {
            "kind": PublicationKind.ARTICLE,
            "days_ago": 450,
            "title": (
                "Turku and St. Petersburg: seventy years of twin-city ties",
                "Turku ja Pietari: seitsemänkymmentä vuotta ystävyyskaupunkisuhteita",
                "Турку и Санкт-Петербург: семьдесят лет побратимских связей",
            ),
            "summary": (
                "Since 1953 the two cities have exchanged choirs, teachers, doctors and ideas.",
                "Vuodesta 1953 kaupungit ovat vaihtaneet kuoroja, opettajia, lääkäreitä ja "
                "ajatuksia.",
                "С 1953 года города обмениваются хорами, учителями, врачами и идеями.",
            ),
            "paragraphs": [
                (
                    "In 1953 Turku became the first city in the world to establish official "
                    "relations with St. Petersburg. The ties between people have lasted through "
                    "changing times.",
                    "Vuonna 1953 Turusta tuli maailman ensimmäinen kaupunki, joka solmi "
                    "viralliset suhteet Pietariin. Ihmisten väliset siteet ovat kestäneet "
                    "muuttuvien aikojen läpi.",
                    "В 1953 году Турку первым в мире установил официальные отношения с "
                    "Санкт-Петербургом. Связи между людьми сохранились, несмотря на меняющиеся "
                    "времена.",
                ),
            ],
            "areas": ["journeys", "culture"],
            "tags": [TURKU_PROCESS, COOPERATION],
            "authors": [0],
        },
        annual_report(530, today),
    ]


def load(report):
    home = language_home(english())
    if PublicationIndexPage.objects.filter(locale=english()).exists():
        return
    report("Creating the publications: news, reports, a guideline and articles with documents")
    index = add_page(
        home,
        PublicationIndexPage(
            title=catalogue.title("Publications", "Julkaisut", "Публикации"),
            show_in_menus=True,
            summary=T(
                "News, reports, guidelines and articles of the Baltic Region association.",
                "Baltic Region -yhdistyksen uutiset, raportit, ohjeet ja artikkelit.",
                "Новости, отчёты, правила и статьи ассоциации «Балтийский регион».",
            ),
            intro=T(
                "News from our activities, our annual reports and surveys, guidelines and "
                "articles. Follow new publications with the RSS or Atom feed.",
                "Uutisia toiminnastamme, vuosikertomuksemme ja kyselymme, ohjeet ja artikkelit. "
                "Seuraa uusia julkaisuja RSS- tai Atom-syötteellä.",
                "Новости о нашей работе, годовые отчёты и опросы, правила и статьи. Следите за "
                "новыми публикациями через RSS или Atom.",
            ),
        ),
    )
    people = list(Person.objects.filter(locale=english()).order_by("pk"))
    areas = {area.slug: area for area in Area.objects.filter(locale=english())}
    collection = demo_collection("Publications")
    today = timezone.localdate()
    for number, spec in enumerate(publications(today)):
        add_publication(index, spec, number, today, people, areas, collection)


def add_publication(index, spec, number, today, people, areas, collection):
    chosen_areas = [areas[slug] for slug in spec["areas"] if slug in areas]
    page = PublicationPage(
        title=catalogue.title(*spec["title"]),
        kind=spec["kind"],
        date_published=today - datetime.timedelta(days=spec["days_ago"]),
        summary=T(*spec["summary"]),
        cover_image=save_image(
            draw_picture(f"publication-{number}", AREA_RGB[spec["areas"][0]], size=(1600, 900)),
            f"Cover: {spec['title'][0]}",
            collection,
            f"publication-{number + 1}.jpg",
        ),
        body=[("paragraph", catalogue.paragraphs(*spec["paragraphs"]))],
        areas=chosen_areas,
    )
    page.tags.add(*[T(*tag) for tag in spec["tags"]])
    if people:
        for order, person in enumerate(spec["authors"]):
            page.authors.add(
                PublicationAuthor(person=people[person % len(people)], sort_order=order)
            )
    for order, document in enumerate(spec.get("documents", [])):
        pdf = draw_pdf(document["title"], spec["summary"][0], [p[0] for p in spec["paragraphs"]])
        page.attachments.add(
            PublicationAttachment(
                document=save_document(pdf, document["title"], collection, document["filename"]),
                label=T(*document["label"]),
                locale=index.locale,
                sort_order=order,
            )
        )
    page = add_page(index, page)
    # Translations start with the English tags; each language gets its own words.
    for translation in page.get_translations():
        translation = translation.specific
        language = translation.locale.language_code
        translation.tags.set([catalogue.translate(T(*tag), language) for tag in spec["tags"]])
        translation.save_revision().publish()
    return page


def draw_pdf(title, summary, paragraphs):
    """A small multi-page A4 PDF: a cover and the text, drawn with Pillow."""
    size = (827, 1169)  # A4 at 100 dpi
    heading = ImageFont.load_default(size=40)
    body = ImageFont.load_default(size=20)
    cover = PILImage.new("RGB", size, "white")
    draw = ImageDraw.Draw(cover)
    draw.rectangle([0, 0, size[0], 220], fill=SEA)
    draw.text((70, 90), "Baltic Region association · Turku", fill="white", font=body)
    y = 320
    for line in textwrap.wrap(title, 30):
        draw.text((70, y), line, fill=SEA, font=heading)
        y += 56
    for line in textwrap.wrap(summary, 60):
        y += 30
        draw.text((70, y), line, fill="black", font=body)
    pages = [cover]
    lines = []
    for paragraph in [summary, *paragraphs]:
        lines.extend(textwrap.wrap(paragraph, 68))
        lines.append("")
    per_page = 40
    for start in range(0, len(lines), per_page):
        page = PILImage.new("RGB", size, "white")
        draw = ImageDraw.Draw(page)
        draw.text((70, 60), title, fill=SEA, font=body)
        for row, line in enumerate(lines[start : start + per_page]):
            draw.text((70, 130 + row * 24), line, fill="black", font=body)
        draw.text((70, size[1] - 80), f"{len(pages) + 1}", fill="grey", font=body)
        pages.append(page)
    buffer = io.BytesIO()
    pages[0].save(
        buffer,
        "PDF",
        save_all=True,
        append_images=pages[1:],
        resolution=100,
        title=title,
        author="Baltic Region association",
    )
    return buffer.getvalue()


def save_document(data, title, collection, filename):
    """Store a file as a Wagtail document (once: a document with the title is reused)."""
    Document = get_document_model()
    existing = Document.objects.filter(title=title, collection=collection).first()
    if existing:
        return existing
    document = Document.objects.create(
        title=title,
        collection=collection,
        file=ContentFile(data, name=filename),
        file_size=len(data),
    )
    document.get_file_hash()
    return document
