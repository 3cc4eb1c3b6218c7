"""Demo content for the five activity areas, their activities and galleries."""

import datetime

from django.utils import timezone

from core.demo.catalogue import T, catalogue
from core.demo.images import draw_picture, save_image
from core.demo.site import (
    AREA_RGB,
    add_page,
    demo_collection,
    english,
    language_home,
    translation_locales,
)
from core.demo.translation import translate_from_catalogue
from core.models import Area, Person
from culture.models import ActivityPage, GalleryIndexPage, GalleryPage, SectionPage

GALLERY_SIZE = 8

# name, slug, colour, description, activities, gallery
AREAS = [
    {
        "name": ("Culture", "Kulttuuri", "Культура"),
        "slug": "culture",
        "colour": "berry",
        "description": (
            "Concerts, theatre, literature evenings and festivals that bring Finnish and Russian "
            "culture together.",
            "Konsertteja, teatteria, kirjallisuusiltoja ja festivaaleja, jotka tuovat suomalaisen "
            "ja venäläisen kulttuurin yhteen.",
            "Концерты, театр, литературные вечера и фестивали, которые объединяют финскую и "
            "русскую культуру.",
        ),
        "activities": [
            (
                (
                    "Children's theatre studio",
                    "Lasten teatteristudio",
                    "Детская театральная студия",
                ),
                ("Saturdays 11:00–12:30", "Lauantaisin 11.00–12.30", "По субботам 11:00–12:30"),
                ("Children 6–12", "6–12-vuotiaat lapset", "Дети 6–12 лет"),
                ["ru", "fi"],
            ),
            (
                ("Literature evenings", "Kirjallisuusillat", "Литературные вечера"),
                (
                    "First Thursday of the month at 18:00",
                    "Kuukauden ensimmäisenä torstaina klo 18",
                    "В первый четверг месяца в 18:00",
                ),
                ("Adults", "Aikuiset", "Взрослые"),
                ["ru", "fi", "en"],
            ),
        ],
        "gallery": (
            "Dialogue of Cultures festival",
            "Kulttuurien dialogi -festivaali",
            "Фестиваль «Диалог культур»",
        ),
    },
    {
        "name": ("Education", "Koulutus", "Образование"),
        "slug": "education",
        "colour": "sea",
        "description": (
            "Language courses, homework help and seminars for children and adults.",
            "Kielikursseja, läksyapua ja seminaareja lapsille ja aikuisille.",
            "Языковые курсы, помощь с домашними заданиями и семинары для детей и взрослых.",
        ),
        "activities": [
            (
                (
                    "Russian for bilingual children",
                    "Venäjää kaksikielisille lapsille",
                    "Русский язык для детей-билингвов",
                ),
                ("Wednesdays 17:00–18:00", "Keskiviikkoisin 17.00–18.00", "По средам 17:00–18:00"),
                ("Children 5–14", "5–14-vuotiaat lapset", "Дети 5–14 лет"),
                ["ru"],
            ),
            (
                (
                    "Finnish conversation club",
                    "Suomen kielen keskustelukerho",
                    "Разговорный клуб финского языка",
                ),
                ("Mondays 18:00–19:30", "Maanantaisin 18.00–19.30", "По понедельникам 18:00–19:30"),
                ("Adults", "Aikuiset", "Взрослые"),
                ["fi"],
            ),
        ],
        "gallery": ("Spring seminar", "Kevätseminaari", "Весенний семинар"),
    },
    {
        "name": ("Wellness", "Hyvinvointi", "Здоровье"),
        "slug": "wellness",
        "colour": "forest",
        "description": (
            "Sport, outdoor activities and peer support that keep body and mind well.",
            "Liikuntaa, ulkoilua ja vertaistukea kehon ja mielen hyvinvoinniksi.",
            "Спорт, прогулки на природе и взаимная поддержка для здоровья тела и души.",
        ),
        "activities": [
            (
                ("Nordic walking group", "Sauvakävelyryhmä", "Группа скандинавской ходьбы"),
                (
                    "Sundays 10:00 at Ruissalo",
                    "Sunnuntaisin klo 10 Ruissalossa",
                    "По воскресеньям в 10:00 на Руиссало",
                ),
                ("Everyone", "Kaikki", "Все желающие"),
                ["ru", "fi"],
            ),
            (
                ("Peer support for seniors", "Vertaistukea senioreille", "Поддержка для пожилых"),
                ("Tuesdays 13:00–15:00", "Tiistaisin 13.00–15.00", "По вторникам 13:00–15:00"),
                ("Seniors", "Seniorit", "Пожилые люди"),
                ["ru"],
            ),
        ],
        "gallery": (
            "Autumn walk in Ruissalo",
            "Syyskävely Ruissalossa",
            "Осенняя прогулка на Руиссало",
        ),
    },
    {
        "name": ("Journeys", "Matkat", "Путешествия"),
        "slug": "journeys",
        "colour": "amber",
        "description": (
            "Study trips and excursions around Finland and the Baltic Sea region.",
            "Opintomatkoja ja retkiä Suomessa ja Itämeren alueella.",
            "Учебные поездки и экскурсии по Финляндии и региону Балтийского моря.",
        ),
        "activities": [
            (
                ("Archipelago day trips", "Saaristoretket", "Однодневные поездки по архипелагу"),
                ("Summer weekends", "Kesäviikonloppuisin", "Летом по выходным"),
                ("Families", "Perheet", "Семьи"),
                ["ru", "fi", "en"],
            ),
            (
                ("Museum excursions", "Museoretket", "Экскурсии по музеям"),
                ("Once a month", "Kerran kuukaudessa", "Раз в месяц"),
                ("Everyone", "Kaikki", "Все желающие"),
                ["ru", "fi"],
            ),
        ],
        "gallery": ("Archipelago trip", "Saaristoretki", "Поездка по архипелагу"),
    },
    {
        "name": ("Hobbies", "Harrastukset", "Хобби"),
        "slug": "hobbies",
        "colour": "violet",
        "description": (
            "Clubs for crafts, chess, choir singing and photography.",
            "Kerhoja käsitöille, shakille, kuorolaululle ja valokuvaukselle.",
            "Кружки рукоделия, шахмат, хорового пения и фотографии.",
        ),
        "activities": [
            (
                ("Chess club", "Shakkikerho", "Шахматный клуб"),
                ("Thursdays 17:30–19:30", "Torstaisin 17.30–19.30", "По четвергам 17:30–19:30"),
                ("Children and adults", "Lapset ja aikuiset", "Дети и взрослые"),
                ["ru", "fi", "en"],
            ),
            (
                ("Choir Beryozka", "Kuoro Berjozka", "Хор «Берёзка»"),
                ("Wednesdays 18:30–20:00", "Keskiviikkoisin 18.30–20.00", "По средам 18:30–20:00"),
                ("Adults", "Aikuiset", "Взрослые"),
                ["ru"],
            ),
        ],
        "gallery": ("Crafts fair", "Käsityömessut", "Ярмарка рукоделия"),
    },
]


def load(report):
    home = language_home(english())
    if SectionPage.objects.filter(locale=english()).exists():
        return
    report("Creating the five areas, their activities and galleries")
    people = list(Person.objects.filter(locale=english()).order_by("pk"))
    gallery_index = add_page(
        home,
        GalleryIndexPage(
            title=catalogue.title("Galleries", "Galleriat", "Галереи"),
            show_in_menus=True,
            summary=T(
                "Photos from our events, trips and clubs.",
                "Kuvia tapahtumistamme, matkoiltamme ja kerhoistamme.",
                "Фотографии с наших мероприятий, поездок и кружков.",
            ),
            intro=T(
                "Photos from our events, trips and clubs. We publish pictures of people only with "
                "their consent.",
                "Kuvia tapahtumistamme, matkoiltamme ja kerhoistamme. Julkaisemme kuvia ihmisistä "
                "vain heidän luvallaan.",
                "Фотографии с наших мероприятий, поездок и кружков. Мы публикуем снимки людей "
                "только с их согласия.",
            ),
        ),
    )
    for order, spec in enumerate(AREAS):
        area = Area.objects.create(
            locale=english(),
            name=T(*spec["name"]),
            slug=spec["slug"],
            colour=spec["colour"],
            description=T(*spec["description"]),
        )
        translate_from_catalogue(area, translation_locales())
        section = add_section(home, area, spec)
        for index, activity in enumerate(spec["activities"]):
            add_activity(section, area, spec, activity, people[(order + index) % len(people)])
        add_gallery(gallery_index, area, spec, days_ago=20 + order * 30)


def add_section(home, area, spec):
    image = save_image(
        draw_picture(f"area-{spec['slug']}", AREA_RGB[spec["slug"]]),
        f"{area.name} header",
        demo_collection(area.name),
        f"area-{spec['slug']}.jpg",
    )
    return add_page(
        home,
        SectionPage(
            title=catalogue.title(*spec["name"]),
            slug=catalogue.slug(spec["slug"], slugify_fi(spec), slugify_ru(spec)),
            area=area,
            show_in_menus=True,
            summary=area.description,
            intro=area.description,
            image=image,
        ),
    )


def slugify_fi(spec):
    from django.utils.text import slugify

    return slugify(spec["name"][1])


def slugify_ru(spec):
    from django.utils.text import slugify

    return slugify(spec["name"][2], allow_unicode=True)


def finish(report):
    """Link the conversation club's activity to its weekly event (made by the events' demo,
    after the areas), in every language: its dates then come from the event's repeat."""
    english_activity = ActivityPage.objects.filter(
        locale=english(), slug="finnish-conversation-club"
    ).first()
    if english_activity is None or english_activity.calendar_event_id:
        return
    event_model = ActivityPage._meta.get_field("calendar_event").related_model
    event = event_model.objects.filter(locale=english(), slug="finnish-conversation-club").first()
    if event is None:
        return
    report("Linking the conversation club to its weekly event")
    for activity in ActivityPage.objects.filter(translation_key=english_activity.translation_key):
        activity.calendar_event = event
        activity.save_revision().publish()


def add_activity(section, area, spec, activity, person):
    titles, schedule, audience, languages = activity
    title = catalogue.title(*titles)
    page = ActivityPage(
        title=title,
        summary=T(
            f"{titles[0]}: part of our {spec['name'][0].lower()} activities.",
            f"{titles[1]}: osa toimintaamme alueella {spec['name'][1].lower()}.",
            f"{titles[2]}: часть направления «{spec['name'][2]}».",
        ),
        schedule=T(*schedule),
        place=T(
            "Baltic Region clubroom, Linnankatu 20, Turku",
            "Baltic Regionin kerhohuone, Linnankatu 20, Turku",
            "Клубная комната «Балтийского региона», Linnankatu 20, Турку",
        ),
        age_group=T(*audience),
        languages=languages,
        leader=person,
        contact_person=person,
        body=[
            (
                "paragraph",
                catalogue.paragraphs(
                    (
                        "New participants are always welcome. Come and try once before you decide.",
                        "Uudet osallistujat ovat aina tervetulleita. Tule kokeilemaan kerran "
                        "ennen kuin päätät.",
                        "Новые участники всегда желанны. Приходите попробовать, прежде чем решить.",
                    ),
                ),
            )
        ],
    )
    page.image = section.image
    return add_page(section, page, areas=[area])


def add_gallery(index, area, spec, days_ago):
    collection = demo_collection(area.name)
    images = [
        save_image(
            draw_picture(f"{spec['slug']}-gallery-{n}", AREA_RGB[spec["slug"]], size=(1200, 800)),
            f"{spec['gallery'][0]} {n + 1}",
            collection,
            f"{spec['slug']}-gallery-{n + 1}.jpg",
        )
        for n in range(GALLERY_SIZE)
    ]
    title = catalogue.title(*spec["gallery"])
    gallery = GalleryPage(
        title=title,
        date=timezone.localdate() - datetime.timedelta(days=days_ago),
        cover_image=images[0],
        summary=T(
            f"Photos: {spec['gallery'][0]}.",
            f"Kuvia: {spec['gallery'][1]}.",
            f"Фотографии: {spec['gallery'][2]}.",
        ),
        intro=T(
            f"Pictures from “{spec['gallery'][0]}”.",
            f"Kuvia tapahtumasta ”{spec['gallery'][1]}”.",
            f"Снимки: «{spec['gallery'][2]}».",
        ),
    )
    index.add_child(instance=gallery)
    gallery.areas.set([area])
    for n, image in enumerate(images):
        gallery.gallery_images.create(
            image=image,
            sort_order=n,
            locale=gallery.locale,
            alt_text=T(
                f"{spec['gallery'][0]}, picture {n + 1} of {GALLERY_SIZE}: a landscape in the "
                f"colours of {spec['name'][0].lower()}",
                f"{spec['gallery'][1]}, kuva {n + 1}/{GALLERY_SIZE}: maisema alueen "
                f"{spec['name'][1].lower()} väreissä",
                f"{spec['gallery'][2]}, снимок {n + 1} из {GALLERY_SIZE}: пейзаж в цветах "
                f"направления «{spec['name'][2]}»",
            ),
            caption=T(
                f"Moment {n + 1} of the day",
                f"Päivän hetki {n + 1}",
                f"Момент дня № {n + 1}",
            ),
        )
    gallery.save_revision().publish()
    gallery = GalleryPage.objects.get(pk=gallery.pk)
    translate_from_catalogue(gallery, translation_locales())
    return gallery
