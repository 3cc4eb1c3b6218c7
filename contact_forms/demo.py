"""Demo forms: how to contact the association and how to apply for membership."""

from contact_forms.models import FormField, FormPage
from core.demo.catalogue import T, catalogue
from core.demo.site import add_page, english, language_home
from core.models import ContactSettings

CONSENT = (
    "I agree that the Baltic Region association keeps these answers to reply to me and "
    "deletes them within a year.",
    "Hyväksyn, että Baltic Region -yhdistys säilyttää nämä vastaukset vastatakseen minulle ja "
    "poistaa ne vuoden kuluessa.",
    "Я согласен(на), что ассоциация «Балтийский регион» хранит эти ответы, чтобы ответить мне, "
    "и удаляет их в течение года.",
)


def field(label, field_type, required=True, help_text=None, choices=None):
    return FormField(
        label=T(*label),
        field_type=field_type,
        required=required,
        help_text=T(*help_text) if help_text else "",
        choices=T(*choices) if choices else "",
    )


NAME = ("Your name", "Nimesi", "Ваше имя")
EMAIL = ("E-mail address", "Sähköpostiosoite", "Адрес электронной почты")


def contact_page():
    return FormPage(
        title=catalogue.title("Contact us", "Ota yhteyttä", "Связаться с нами"),
        show_in_menus=True,
        summary=T(
            "Write to the association: questions, ideas for activities, partnership proposals.",
            "Kirjoita yhdistykselle: kysymyksiä, toimintaideoita, kumppanuusehdotuksia.",
            "Напишите ассоциации: вопросы, идеи для занятий, предложения о партнёрстве.",
        ),
        intro=catalogue.paragraphs(
            (
                "Questions about our activities, ideas for new ones or proposals for "
                "cooperation: write to us and a member of the board will answer within a "
                "week, in English, Finnish or Russian.",
                "Kysymyksiä toiminnastamme, ideoita uusiksi toiminnoiksi tai "
                "yhteistyöehdotuksia: kirjoita meille, niin hallituksen jäsen vastaa viikon "
                "kuluessa suomeksi, englanniksi tai venäjäksi.",
                "Вопросы о наших занятиях, идеи новых или предложения о сотрудничестве: "
                "напишите нам, и член правления ответит в течение недели на русском, финском "
                "или английском языке.",
            ),
        ),
        consent_text=T(*CONSENT),
        submit_label=T("Send the message", "Lähetä viesti", "Отправить сообщение"),
        thank_you_text=catalogue.paragraphs(
            (
                "Thank you for your message. We will answer you within a week.",
                "Kiitos viestistäsi. Vastaamme sinulle viikon kuluessa.",
                "Спасибо за сообщение. Мы ответим вам в течение недели.",
            ),
        ),
        to_address=ContactSettings.load().email,
        subject=T(
            "New message from the website",
            "Uusi viesti verkkosivuilta",
            "Новое сообщение с сайта",
        ),
        form_fields=[
            field(NAME, "singleline"),
            field(EMAIL, "email"),
            field(("Message", "Viesti", "Сообщение"), "multiline"),
        ],
    )


def membership_page():
    return FormPage(
        title=catalogue.title("Become a member", "Liity jäseneksi", "Стать членом"),
        show_in_menus=True,
        summary=T(
            "Join about 400 members who take part in our culture, education, wellness, "
            "journeys and hobbies.",
            "Liity noin 400 jäsenemme joukkoon kulttuurin, koulutuksen, hyvinvoinnin, matkojen "
            "ja harrastusten pariin.",
            "Присоединяйтесь к нашим 400 членам: культура, образование, здоровье, поездки и хобби.",
        ),
        intro=catalogue.paragraphs(
            (
                "The association has about 400 members and a network of more than 2,000 "
                "people. Members take part in our clubs, courses, trips and events and can "
                "start activities of their own.",
                "Yhdistyksellä on noin 400 jäsentä ja yli 2 000 hengen verkosto. Jäsenet "
                "osallistuvat kerhoihin, kursseihin, retkiin ja tapahtumiin ja voivat aloittaa "
                "omaa toimintaa.",
                "В ассоциации около 400 членов и сеть из более чем 2000 человек. Члены "
                "участвуют в наших клубах, курсах, поездках и мероприятиях и могут начинать "
                "собственные проекты.",
            ),
            (
                "Send this application and the board will confirm your membership by e-mail.",
                "Lähetä tämä hakemus, niin hallitus vahvistaa jäsenyytesi sähköpostitse.",
                "Отправьте эту заявку, и правление подтвердит ваше членство по электронной почте.",
            ),
        ),
        consent_text=T(
            "I agree that the Baltic Region association keeps these answers in its member "
            "register while I am a member, and deletes the application within a year.",
            "Hyväksyn, että Baltic Region -yhdistys säilyttää nämä tiedot jäsenrekisterissään "
            "jäsenyyteni ajan ja poistaa hakemuksen vuoden kuluessa.",
            "Я согласен(на), что ассоциация «Балтийский регион» хранит эти данные в реестре "
            "членов, пока я состою в ней, и удаляет заявку в течение года.",
        ),
        submit_label=T("Send the application", "Lähetä hakemus", "Отправить заявку"),
        thank_you_text=catalogue.paragraphs(
            (
                "Thank you for your application. The board will confirm your membership by e-mail.",
                "Kiitos hakemuksestasi. Hallitus vahvistaa jäsenyytesi sähköpostitse.",
                "Спасибо за заявку. Правление подтвердит ваше членство по электронной почте.",
            ),
        ),
        to_address=ContactSettings.load().email,
        subject=T(
            "New membership application",
            "Uusi jäsenhakemus",
            "Новая заявка на членство",
        ),
        form_fields=[
            field(("Full name", "Koko nimi", "Полное имя"), "singleline"),
            field(EMAIL, "email"),
            field(("Phone", "Puhelin", "Телефон"), "singleline", required=False),
            field(
                ("Home municipality", "Kotikunta", "Муниципалитет проживания"),
                "singleline",
                required=False,
            ),
            field(
                (
                    "Activities that interest you",
                    "Sinua kiinnostavat toiminnot",
                    "Интересующие вас занятия",
                ),
                "checkboxes",
                required=False,
                choices=(
                    "Culture, Education, Wellness, Journeys, Hobbies",
                    "Kulttuuri, Koulutus, Hyvinvointi, Matkat, Harrastukset",
                    "Культура, Образование, Здоровье, Поездки, Хобби",
                ),
            ),
            field(
                ("Anything else we should know", "Muuta kerrottavaa", "Что ещё нам стоит знать"),
                "multiline",
                required=False,
            ),
        ],
    )


def load(report):
    if FormPage.objects.filter(locale=english()).exists():
        return
    report("Creating the contact and membership forms")
    home = language_home(english())
    add_page(home, contact_page())
    add_page(home, membership_page())
