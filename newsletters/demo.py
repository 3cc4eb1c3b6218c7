"""The newsletter's archive page, in the three languages, so editors have somewhere to write
issues and visitors a page that lists the ones sent."""

from core.demo.catalogue import T, catalogue
from core.demo.site import add_page, english, language_home

from .models import NewsletterIndexPage


def load(report):
    if NewsletterIndexPage.objects.filter(locale=english()).exists():
        return
    report("Creating the newsletter's archive")
    add_page(
        language_home(english()),
        NewsletterIndexPage(
            # Not "newsletter": /en/newsletter/ is the subscribe page (subscribers.urls).
            title=catalogue.title("Newsletter archive", "Uutiskirjeiden arkisto", "Архив рассылки"),
            summary=T(
                "Every newsletter we have sent, to read in the browser.",
                "Kaikki lähettämämme uutiskirjeet luettavina selaimessa.",
                "Все отправленные нами рассылки — их можно прочитать в браузере.",
            ),
            intro=T(
                "News of our activities, events and publications, in English, Finnish and "
                "Russian, a few times a year.",
                "Uutisia toiminnastamme, tapahtumistamme ja julkaisuistamme suomeksi, "
                "englanniksi ja venäjäksi muutaman kerran vuodessa.",
                "Новости о наших занятиях, мероприятиях и публикациях на русском, финском и "
                "английском языках несколько раз в год.",
            ),
        ),
    )
