"""The text of a demo article: the same for a given seed and article number."""

import random

# Topics appear as whole phrases, so phrase searches ("compassion fatigue") have real hits.
TOPICS = [
    "compassion fatigue",
    "vicarious trauma",
    "secondary traumatic stress",
    "moral injury",
    "workplace violence",
    "burnout",
    "nightmares",
    "sleep disruption",
    "night shifts",
    "grief",
    "intrusive memories",
    "guided imagery",
    "eye movements",
    "emotional exhaustion",
    "resilience",
    "peer support",
    "clinical supervision",
    "critical incidents",
    "patient deaths",
    "team debriefing",
]
# Filler vocabulary; the shuffled result reads as obvious placeholder text.
WORDS = (  # noqa: SIM905 -- a word list is easier to read as one string
    "the of and to in for with on a that as by from care patients clinicians nurses "
    "doctors team ward shift practice support session training review staff work hospital "
    "clinic service colleagues time week month experience stress memory feelings body "
    "mind rest recovery change pattern example case note plan question answer approach "
    "therapist therapy treatment referral follow-up routine pressure workload balance "
    "attention energy focus image scene sound detail response reaction story day night"
).split()
AUTHOR_STEMS = (  # noqa: SIM905
    "ash brook cliff dale field ford gate hart ley moor ridge stone ton well wood berg "
    "holm mann vik son bury combe croft haven hurst land mere mont port shaw thorpe "
    "wick worth bridge by low more stead water win"
).split()
# Visibly synthetic surnames: Demoash, Demobrook, ... Demowin.
AUTHOR_NAMES = [f"Demo{stem}" for stem in AUTHOR_STEMS]


class DemoArticleWriter:
    """Synthetic article content, the same for a given seed and article number."""

    def __init__(self, seed):
        self.seed = seed

    def _topic(self, rng, focus):
        # Mostly the article's own topics, now and then any other, as in real writing.
        return rng.choice(focus) if rng.random() < 0.85 else rng.choice(TOPICS)

    def _sentence(self, rng, focus):
        words = rng.choices(WORDS, k=rng.randint(7, 16))
        if rng.random() < 0.4:
            words.insert(rng.randrange(len(words) + 1), self._topic(rng, focus))
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def _paragraph(self, rng, focus):
        sentences = [self._sentence(rng, focus) for _ in range(rng.randint(3, 6))]
        return "<p>Demo text. " + " ".join(sentences) + "</p>"

    def _authors(self, rng):
        names = [
            f"{rng.choice(AUTHOR_NAMES)}, {rng.choice('ABCDEFGHJKLMNPRSTW')}."
            for _ in range(rng.randint(1, 3))
        ]
        if len(names) == 1:
            return names[0]
        return ", ".join(names[:-1]) + ", & " + names[-1]

    def _reference(self, rng, focus):
        topic = self._topic(rng, focus)
        return {
            "kind": "article-journal",
            "authors": self._authors(rng),
            "year": rng.randint(1990, 2024),
            "title": f"Demo reference on {topic}",
            "source": f"Demo Journal of {self._topic(rng, focus).title()}",
            "volume": str(rng.randint(1, 40)),
            "issue": str(rng.randint(1, 12)),
            "pages": f"{(start := rng.randint(1, 400))}-{start + rng.randint(5, 20)}",
            "doi": "",
            "url": "",
            "peer_reviewed": True,
        }

    def article(self, number):
        """Field values for demo article ``number``."""
        rng = random.Random(f"{self.seed}-{number}")  # noqa: S311 -- demo text, not secrets
        focus = rng.sample(TOPICS, 3)
        topic, second, third = focus
        body = []
        for section in range(1, rng.randint(4, 7) + 1):
            body.append(
                {"type": "heading", "value": f"Demo section {section}: {self._topic(rng, focus)}"}
            )
            body.extend(
                {"type": "paragraph", "value": self._paragraph(rng, focus)}
                for _ in range(rng.randint(1, 3))
            )
            if rng.random() < 0.15:
                body.append(
                    {
                        "type": "quote",
                        "value": {
                            "text": f"Demo quotation about {self._topic(rng, focus)}.",
                            "attribution": "Demo attribution",
                        },
                    }
                )
        body.append(
            {
                "type": "call_to_action",
                "value": {
                    "heading": "Demo call to action",
                    "text": f"Demo invitation about {topic}.",
                    "button_label": "Demo button",
                    "page": None,
                    "url": "",
                },
            }
        )
        body.append(
            {
                "type": "references",
                "value": {
                    "heading": "Peer-Reviewed References",
                    "references": [
                        {"type": "reference", "value": self._reference(rng, focus)}
                        for _ in range(rng.randint(3, 8))
                    ],
                },
            }
        )
        return {
            "title": f"Demo article {number} on {topic}",
            "subtitle": f"Demo subtitle about {second} and {third}",
            "summary": (
                f"Demo summary for load testing: placeholder text about {topic}, {second} "
                f"and {third}."
            ),
            "body": body,
            "published_days_ago": rng.randint(0, 3 * 365),
        }
