"""The guided intake: the title, the explanation and the examples shown at each step."""

from django.utils.translation import gettext_lazy as _

STEP_TEXTS = {
    "doel": {
        "title": _("Aim"),
        "intro": _(
            "Start with what you want to achieve. Think of the result, not yet of the way to "
            "get there."
        ),
        "examples": [
            _("More colleagues can work with the laser cutter in our TechLab."),
            _("Our PIE teachers teach home automation themselves from next school year."),
            _("Mentors know how to calm things down when a pupil loses their temper."),
        ],
    },
    "doelgroep": {
        "title": _("Target group"),
        "intro": _("Who should take part? The more precise, the better the offer fits."),
        "examples": [
            _("The six teachers of BWI and PIE and our two TOAs."),
            _("All mentors of years 1 and 2, about fourteen people."),
            _("The teachers of groups 7 and 8 of the primary schools that use our TechLab."),
        ],
    },
    "nu": {
        "title": _("Current situation"),
        "intro": _("Describe how things are now: what goes well and where it gets stuck."),
        "examples": [
            _(
                "Only one TOA can operate the laser cutter; when he is ill, the practical "
                "lessons are cancelled."
            ),
            _("Teachers use the 3D printer, but nobody knows how to maintain it."),
            _("We have a home automation panel, but it is hardly used in lessons."),
        ],
    },
    "straks": {
        "title": _("Desired situation"),
        "intro": _("What does it look like when the question has been answered?"),
        "examples": [
            _(
                "At least four colleagues can use the laser cutter safely, and two can teach others."
            ),
            _("Every PIE teacher has given at least one lesson with the home automation panel."),
            _("Mentors share one approach and feel confident in difficult conversations."),
        ],
    },
    "vorm": {
        "title": _("Preferred forms"),
        "intro": _(
            "How would your colleagues like to learn? The coordinators look for an offer that "
            "fits; several forms are fine."
        ),
        "examples": [
            _("A hands-on training in our own TechLab, on a Wednesday afternoon."),
            _("A visit to a school that already works with the machine."),
            _("A short e-learning first, then practising together."),
        ],
    },
    "urgentie": {
        "title": _("Urgency"),
        "intro": _(
            "When should your colleagues be able to start? Mention a deadline in the earlier steps."
        ),
        "examples": [
            _("Before the new practical period starts after the autumn holiday."),
            _("This school year, because our TOA retires in the summer."),
        ],
    },
}
