"""Demo events around the day the demo is loaded, so the schedule never looks stale."""

import datetime
from decimal import Decimal

from django.utils import timezone
from wagtail.images import get_image_model

from core.demo.catalogue import T, catalogue
from core.demo.site import add_page, english, language_home, translation_locales
from core.demo.translation import translate_from_catalogue
from core.models import Area
from events.models import EventIndexPage, EventPage, EventRepeat, Venue

VENUES = [
    {
        "name": (
            "Baltic Region clubroom",
            "Baltic Regionin kerhohuone",
            "Клубная комната «Балтийского региона»",
        ),
        "address": (
            "Linnankatu 20\n20100 Turku",
            "Linnankatu 20\n20100 Turku",
            "Linnankatu 20\n20100 Турку",
        ),
        "coordinates": ("60.449800", "22.258900"),
    },
    {
        "name": ("Turku Main Library", "Turun pääkirjasto", "Главная библиотека Турку"),
        "address": (
            "Linnankatu 2\n20100 Turku",
            "Linnankatu 2\n20100 Turku",
            "Linnankatu 2\n20100 Турку",
        ),
        "coordinates": ("60.451100", "22.265300"),
    },
    {
        "name": ("Ruissalo nature trail", "Ruissalon luontopolku", "Природная тропа на Руиссало"),
        "address": (
            "Ruissalon puistotie\n20100 Turku",
            "Ruissalon puistotie\n20100 Turku",
            "Ruissalon puistotie\n20100 Турку",
        ),
        "coordinates": ("60.432700", "22.148000"),
    },
]

# title (en, fi, ru), area slug, venue index or None (online), days from today, hour,
# duration hours, weekly repeats, all-day days, price, status, languages, summary (en, fi, ru)
EVENTS = [
    (
        (
            "Dialogue of Cultures festival",
            "Kulttuurien dialogi -festivaali",
            "Фестиваль «Диалог культур»",
        ),
        "culture",
        1,
        24,
        None,
        None,
        1,
        3,
        Decimal("15"),
        "scheduled",
        ["ru", "fi", "en"],
        (
            "Three days of music, theatre and food from around the Baltic Sea.",
            "Kolme päivää musiikkia, teatteria ja ruokaa Itämeren ympäriltä.",
            "Три дня музыки, театра и кухни стран Балтийского моря.",
        ),
    ),
    (
        ("Chess club evenings", "Shakkikerhon illat", "Вечера шахматного клуба"),
        "hobbies",
        0,
        2,
        17,
        2,
        6,
        None,
        None,
        "scheduled",
        ["ru", "fi", "en"],
        (
            "Weekly games for beginners and experienced players.",
            "Viikoittaisia pelejä aloittelijoille ja kokeneille.",
            "Еженедельные партии для начинающих и опытных игроков.",
        ),
    ),
    (
        (
            "Turku Process Round Table",
            "Turku-prosessin pyöreä pöytä",
            "Круглый стол Турку-процесса",
        ),
        "education",
        1,
        10,
        13,
        3,
        1,
        None,
        None,
        "scheduled",
        ["en", "ru"],
        (
            "Project partners from the Baltic Sea region meet to plan joint work.",
            "Itämeren alueen hankekumppanit suunnittelevat yhteistä työtä.",
            "Партнёры проектов из региона Балтийского моря планируют совместную работу.",
        ),
    ),
    (
        ("Autumn Nordic walk", "Syksyn sauvakävely", "Осенняя скандинавская ходьба"),
        "wellness",
        2,
        5,
        10,
        2,
        1,
        None,
        None,
        "scheduled",
        ["ru", "fi"],
        (
            "A gentle two-hour walk on the island of Ruissalo.",
            "Rauhallinen kahden tunnin kävely Ruissalon saarella.",
            "Спокойная двухчасовая прогулка по острову Руиссало.",
        ),
    ),
    (
        (
            "Russian literature evening",
            "Venäläisen kirjallisuuden ilta",
            "Вечер русской литературы",
        ),
        "culture",
        1,
        16,
        18,
        2,
        1,
        None,
        Decimal("5"),
        "scheduled",
        ["ru"],
        (
            "Readings and a discussion of Chekhov's short stories.",
            "Lukuesityksiä ja keskustelua Tšehovin novelleista.",
            "Чтения и обсуждение рассказов Чехова.",
        ),
    ),
    (
        ("Archipelago day trip", "Saaristoretki", "Поездка по архипелагу"),
        "journeys",
        0,
        40,
        8,
        10,
        1,
        None,
        Decimal("35"),
        "scheduled",
        ["ru", "fi", "en"],
        (
            "A day on the islands of the Turku archipelago by boat and bus.",
            "Päivä Turun saaristossa laivalla ja bussilla.",
            "День на островах Турку на пароме и автобусе.",
        ),
    ),
    (
        (
            "Online seminar: studying in Finland",
            "Verkkoseminaari: opiskelu Suomessa",
            "Онлайн-семинар: учёба в Финляндии",
        ),
        "education",
        None,
        7,
        18,
        1,
        1,
        None,
        None,
        "scheduled",
        ["ru", "fi"],
        (
            "How the Finnish school and university system works, with time for questions.",
            "Miten suomalainen koulu- ja korkeakoulujärjestelmä toimii; kysymyksille on aikaa.",
            "Как устроены финские школы и вузы, с ответами на вопросы.",
        ),
    ),
    (
        ("Choir concert Beryozka", "Kuoro Berjozkan konsertti", "Концерт хора «Берёзка»"),
        "hobbies",
        1,
        30,
        17,
        2,
        1,
        None,
        Decimal("10"),
        "cancelled",
        ["ru", "fi"],
        (
            "Our choir sings Russian and Finnish folk songs.",
            "Kuoromme laulaa venäläisiä ja suomalaisia kansanlauluja.",
            "Наш хор поёт русские и финские народные песни.",
        ),
    ),
    (
        (
            "Spring seminar on integration",
            "Kotoutumisen kevätseminaari",
            "Весенний семинар по интеграции",
        ),
        "education",
        1,
        -60,
        12,
        4,
        1,
        None,
        None,
        "scheduled",
        ["fi", "ru", "en"],
        (
            "Researchers and families talked about integration in Turku.",
            "Tutkijat ja perheet keskustelivat kotoutumisesta Turussa.",
            "Исследователи и семьи обсуждали интеграцию в Турку.",
        ),
    ),
    (
        ("Crafts fair", "Käsityömessut", "Ярмарка рукоделия"),
        "hobbies",
        0,
        -35,
        11,
        5,
        1,
        None,
        None,
        "scheduled",
        ["ru", "fi"],
        (
            "Members sold and showed their handicrafts.",
            "Jäsenet myivät ja esittelivät käsitöitään.",
            "Участники продавали и показывали свои изделия.",
        ),
    ),
    (
        ("Museum excursion to Turku Castle", "Museoretki Turun linnaan", "Экскурсия в замок Турку"),
        "journeys",
        1,
        -14,
        12,
        3,
        1,
        None,
        Decimal("8"),
        "scheduled",
        ["ru"],
        (
            "A guided tour of the medieval castle in Russian.",
            "Opastettu kierros keskiaikaisessa linnassa venäjäksi.",
            "Экскурсия по средневековому замку на русском языке.",
        ),
    ),
    (
        ("Children's theatre premiere", "Lasten teatterin ensi-ilta", "Премьера детского театра"),
        "culture",
        0,
        -7,
        15,
        1,
        1,
        None,
        None,
        "scheduled",
        ["ru", "fi"],
        (
            "The theatre studio showed its new play to families.",
            "Teatteristudio esitti uuden näytelmänsä perheille.",
            "Театральная студия показала семьям новый спектакль.",
        ),
    ),
    (
        ("Peer support afternoon", "Vertaistuen iltapäivä", "День взаимной поддержки"),
        "wellness",
        0,
        12,
        13,
        2,
        1,
        None,
        None,
        "scheduled",
        ["ru"],
        (
            "Coffee and conversation for seniors.",
            "Kahvia ja keskustelua senioreille.",
            "Кофе и беседа для пожилых людей.",
        ),
    ),
]

# English title -> sign-up on the site, places per date, waiting list.
SIGN_UPS = {
    "Chess club evenings": (True, 8, False),
    "Archipelago day trip": (True, 3, True),
}


def load(report):
    home = language_home(english())
    if EventIndexPage.objects.filter(locale=english()).exists():
        return
    report("Creating the schedule with venues and events")
    venues = []
    for spec in VENUES:
        venue = Venue.objects.create(
            locale=english(),
            name=T(*spec["name"]),
            address=T(*spec["address"]),
            latitude=spec["coordinates"][0],
            longitude=spec["coordinates"][1],
        )
        translate_from_catalogue(venue, translation_locales())
        venues.append(venue)
    index = add_page(
        home,
        EventIndexPage(
            title=catalogue.title("Events", "Tapahtumat", "Мероприятия"),
            show_in_menus=True,
            summary=T(
                "What's on: the schedule of our events in Turku and online.",
                "Mitä tapahtuu: tapahtumiemme ohjelma Turussa ja verkossa.",
                "Афиша: расписание наших мероприятий в Турку и онлайн.",
            ),
            intro=T(
                "Cultural, sports, business and international events, many with the City of Turku.",
                "Kulttuuri-, urheilu-, yritys- ja kansainvälisiä tapahtumia, monet yhdessä Turun kaupungin kanssa.",
                "Культурные, спортивные, деловые и международные мероприятия, многие вместе с городом Турку.",
            ),
        ),
    )
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    for (
        titles,
        area_slug,
        venue_index,
        days,
        hour,
        hours,
        repeats,
        all_day_days,
        price,
        status,
        languages,
        summaries,
    ) in EVENTS:
        page = EventPage(
            title=catalogue.title(*titles),
            summary=T(*summaries),
            venue=venues[venue_index] if venue_index is not None else None,
            online_url="" if venue_index is not None else "https://meet.example.org/baltic-region",
            organiser=T("Baltic Region", "Baltic Region", "Балтийский регион"),
            price=price,
            languages=languages,
            status=status,
            body=[
                (
                    "paragraph",
                    catalogue.paragraphs(
                        (
                            "Everyone is welcome. Bring your friends and family.",
                            "Kaikki ovat tervetulleita. Ota ystävät ja perhe mukaan.",
                            "Приглашаются все желающие. Приходите с друзьями и семьёй.",
                        ),
                    ),
                )
            ],
        )
        # Two events take sign-ups on the site (the registrations app).
        page.registration_open, page.places, page.waiting_list = SIGN_UPS.get(
            titles[0], (False, None, False)
        )
        if page.registration_open:
            page.registration_questions = ["participants", "needs"]
        # The picture of the event's area (culture's demo names it after the area).
        page.image = area_picture(area_slug)
        first_day = today + datetime.timedelta(days=days)
        for week in range(repeats):
            day = first_day + datetime.timedelta(weeks=week)
            if all_day_days:
                start = datetime.datetime.combine(day, datetime.time(0, 0), tzinfo=tz)
                end = datetime.datetime.combine(
                    day + datetime.timedelta(days=all_day_days - 1),
                    datetime.time(23, 59),
                    tzinfo=tz,
                )
                page.occurrences.add(
                    page.occurrences.model(start=start, end=end, all_day=True, sort_order=week)
                )
            else:
                start = datetime.datetime.combine(day, datetime.time(hour, 0), tzinfo=tz)
                page.occurrences.add(
                    page.occurrences.model(
                        start=start, end=start + datetime.timedelta(hours=hours), sort_order=week
                    )
                )
        add_page(index, page, areas=[Area.objects.get(locale=english(), slug=area_slug)])
    add_weekly_club(index, venues[0], today)


# A weekly club of 200 dates (issue 23): one event with a repeat, as an editor sets it, with a
# day left out and an extra one. Culture's demo links the activity of the same name to it.
WEEKLY_CLUB = {
    "title": (
        "Finnish conversation club",
        "Suomen kielen keskustelukerho",
        "Разговорный клуб финского языка",
    ),
    "summary": (
        "Practise everyday Finnish over coffee, every Monday.",
        "Harjoittele arkisuomea kahvin ääressä joka maanantai.",
        "Практика разговорного финского за чашкой кофе, каждый понедельник.",
    ),
    "area": "education",
    "weeks": 200,
}


def add_weekly_club(index, venue, today):
    spec = WEEKLY_CLUB
    first = today + datetime.timedelta(days=(7 - today.weekday()) % 7)
    weeks = [first + datetime.timedelta(weeks=week) for week in range(spec["weeks"])]
    repeat = EventRepeat(
        weekdays=[0],
        start_time=datetime.time(18),
        end_time=datetime.time(19, 30),
        first_date=weeks[0],
        last_date=weeks[-1],
        # A holiday off, and a Saturday session instead.
        exceptions=[weeks[3].isoformat()],
        extra_dates=[(weeks[3] + datetime.timedelta(days=5)).isoformat()],
    )
    page = EventPage(
        title=catalogue.title(*spec["title"]),
        summary=T(*spec["summary"]),
        venue=venue,
        organiser=T("Baltic Region", "Baltic Region", "Балтийский регион"),
        languages=["fi"],
        repeats=[repeat],
    )
    page.image = area_picture(spec["area"])
    page.sync_repeated_occurrences()
    add_page(index, page, areas=[Area.objects.get(locale=english(), slug=spec["area"])])


def area_picture(area_slug):
    area = Area.objects.filter(locale=english(), slug=area_slug).first()
    return get_image_model().objects.filter(title=f"{area.name} header").first() if area else None
