#!/usr/bin/python3
"""gen: writes a synthetic report shaped like the 2024 report, for the bench.

    gen.py N OUTDIR [--seed S]

OUTDIR/report.xml includes OUTDIR/entries.xml (N entries) with XInclude,
as input/kreativland-2024 does: ten numbered sections of paragraphs with
footnotes, cross-references to entries, sections and charts, pull quotes,
a list, four charts over the four facets, the entry list, the imprint.
No images, so the bench measures text.  Every word is drawn from the 2024
report's German text with a seeded generator: the same N and seed give the
same bytes, on any machine, at any time.

This script must never use randomness it was not seeded with, nor the
clock.
"""
import os
import random
import re
import sys
import xml.etree.ElementTree as ET

SOURCE = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                      "..", "..", "input", "kreativland-2024")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
WORD = re.compile(r"^[A-Za-zÄÖÜäöüß][A-Za-zÄÖÜäöüß:-]*[A-Za-zäöüß]$")

SECTIONS = 10           # numbered sections before the entry list
PARAS_PER_SECTION = 3   # paragraphs in a section (sub-sections add more)
PULL_QUOTES = 10        # quotes placed by the body, as in 2024
REGIONS = [("Erzgebirge", "DE"), ("Lausitz", "DE"), ("Vogtland", "DE"),
           ("Steiermark", "AT"), ("Böhmerwald", "CZ"),
           ("Niederschlesien", "PL")]
SUBMARKETS = ["music", "books", "art", "film", "broadcasting",
              "performing-arts", "design", "architecture", "press",
              "advertising", "software-games", "other"]
FACETS = [  # facet, chart type, multiple, keys with their labels
    ("contact", "ring", True,
     [("targeted", "durch gezielte Kontaktaufnahme"),
      ("previous", "durch vorangegangene Kooperationen oder Projekte"),
      ("events", "durch gemeinsam besuchte Veranstaltungen")]),
    ("region-value", "bar", True,
     [("attractiveness", "attraktiverer Standort"),
      ("infrastructure", "bessere regionale Infrastruktur"),
      ("tourism", "(kultur-)touristisches Angebot"),
      ("skilled-workers", "Gewinnung und Bindung von Fachkräften")]),
    ("partner-value", "bar", True,
     [("innovation", "Innovation"), ("quality", "Qualität"),
      ("competence", "Kompetenzgewinn")]),
    ("duration", "bar", False,
     [("over-2y", "länger als zwei Jahre"),
      ("over-5y", "länger als fünf Jahre"),
      ("continuous", "fortlaufend")]),
]


def vocabulary():
    """The German words of the 2024 report, sorted (a stable order)."""
    words = set()

    def walk(el, lang):
        lang = el.get(XML_LANG, lang)
        if lang == "de":
            for t in (el.text, el.tail):
                for w in (t or "").split():
                    w = w.strip(".,;()„“»«!?")
                    if WORD.match(w):
                        words.add(w)
        for child in el:
            walk(child, lang)

    for name in ("report.xml", "entries.xml"):
        walk(ET.parse(os.path.join(SOURCE, name)).getroot(), "de")
    return sorted(words)


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class Gen:
    def __init__(self, n, seed):
        self.n = n
        self.rng = random.Random(seed)
        self.vocab = vocabulary()
        self.ids = ["e%05d" % i for i in range(n)]

    def words(self, lo, hi):
        return [self.rng.choice(self.vocab)
                for _ in range(self.rng.randint(lo, hi))]

    def title(self, lo=1, hi=4):
        w = self.words(lo, hi)
        return " ".join(x[:1].upper() + x[1:] for x in w)

    def sentence(self):
        w = self.words(8, 20)
        if len(w) > 10 and self.rng.random() < 0.5:
            w[self.rng.randint(3, len(w) - 4)] += ","
        s = " ".join(w)
        return s[:1].upper() + s[1:] + "."

    def text(self, lo, hi, inline=()):
        """Sentences, with the inline markup strings spliced in."""
        parts = [self.sentence() for _ in range(self.rng.randint(lo, hi))]
        for m in inline:
            parts.insert(self.rng.randint(0, len(parts)), m)
        return "\n      ".join(parts)

    def note(self):
        return "<note>%s</note>" % self.text(1, 3)

    def ref(self):
        return "siehe <ref to=\"%s\"/>." % self.rng.choice(self.ids)

    def emphasis(self):
        w = self.words(1, 3)
        tag = self.rng.choice(["em", "strong"])
        return "<%s>%s</%s>" % (tag, " ".join(w), tag)

    # --- entries ---

    def tags(self, facet, multiple, keys, since):
        k = [key for key, _ in keys]
        if facet == "duration" and since > 2019:
            k.remove("over-5y")     # brochure check would warn
        if multiple:
            pick = [x for x in k if self.rng.random() < 0.5] or [k[0]]
        else:
            pick = [self.rng.choice(k)]
        return '<tags facet="%s">%s</tags>' % (facet, " ".join(pick))

    def entry(self, i):
        r, country = REGIONS[i % len(REGIONS)]
        eid = self.ids[i]
        since = self.rng.randint(2012, 2023)
        out = ['  <entry id="%s" since="%d" region="%s" country="%s"\n'
               '         href="https://example.org/kooperationen/%s">'
               % (eid, since, r, country, eid),
               "    <title>%s</title>" % esc(self.title()),
               '    <partner role="sme" sector="%s" employees="%d">%s'
               "</partner>" % (esc(self.title(1, 2)),
                               self.rng.randint(2, 240),
                               esc(self.title(1, 3))),
               '    <partner role="creative" submarket="%s">%s</partner>'
               % (self.rng.choice(SUBMARKETS), esc(self.title(1, 3))),
               '    <place population="%d">%s</place>'
               % (self.rng.randint(800, 19000), esc(self.title(1, 1)))]
        for facet, _, multiple, keys in FACETS:
            out.append("    " + self.tags(facet, multiple, keys, since))
        out.append("    <summary>")
        for _ in range(2):
            mark = [self.emphasis()] if self.rng.random() < 0.3 else []
            out.append("      <p>%s</p>" % self.text(2, 4, mark))
        out.append("    </summary>")
        # one entry in ten points at another: page numbers in profiles
        mark = [self.ref()] if i % 10 == 3 else []
        out.append("    <advice><p>%s</p></advice>" % self.text(1, 2, mark))
        if i % 3 == 0:
            out.append('    <media kind="video" href="https://example.org/'
                       'media/%s">Videoportrait: %s</media>'
                       % (eid, esc(self.title(1, 3))))
        out.append("  </entry>")
        return "\n".join(out)

    def entries(self):
        return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                "<!-- generated by tests/bench/gen.py -->\n<entries>\n%s\n"
                "</entries>\n" % "\n".join(self.entry(i)
                                          for i in range(self.n)))

    # --- quotes ---

    def quote(self, qid, entry):
        tie = ' entry="%s"' % entry if entry else ""
        ctx = ""
        if self.rng.random() < 0.4:
            ctx = "\n      <context>%s%s</context>" % (
                " ".join(self.words(2, 5)),
                self.note() if self.rng.random() < 0.5 else "")
        return ('    <quote id="%s"%s>\n      <text>%s</text>\n'
                "      <speaker>%s</speaker>\n      <org>%s</org>%s\n"
                "    </quote>" % (qid, tie, self.text(1, 2),
                                  esc(self.title(1, 2)),
                                  esc(self.title(1, 3)), ctx))

    def quotes(self):
        q = [self.quote("q-body-%d" % i, None) for i in range(PULL_QUOTES)]
        q += [self.quote("q-%s" % e, e) for e in self.ids[::2]]
        return "  <quotes>\n%s\n  </quotes>" % "\n".join(q)

    # --- body ---

    def para(self, refs):
        mark = []
        if self.rng.random() < 0.4:
            mark.append(self.note())
        if self.rng.random() < 0.3:
            mark.append(self.emphasis())
        mark += refs
        return "      <p>%s</p>" % self.text(3, 6, mark)

    def charts(self):
        out = []
        for facet, kind, multiple, keys in FACETS:
            out.append('      <chart id="chart-%s" type="%s" facet="%s"%s>'
                       % (facet, kind, facet,
                          ' multiple="yes"' if multiple else ""))
            out.append("        <title>%s</title>" % esc(self.title(2, 4)))
            for key, label in keys:
                out.append('        <bar key="%s">%s</bar>' % (key, label))
            out.append("      </chart>")
            out.append(self.para(['(<ref to="chart-%s"/>)' % facet]))
        return out

    def section(self, k):
        sid = "s%02d" % k
        out = ['    <section id="%s">' % sid,
               "      <title>%s</title>" % esc(self.title(1, 5))]
        for j in range(PARAS_PER_SECTION):
            refs = []
            if j == 1:
                refs.append(self.ref())
            if j == 2 and k > 0:
                refs.append('siehe <ref to="s%02d"/>.' % self.rng.randint(
                    0, SECTIONS - 1))
            out.append(self.para(refs))
        if k == 3:
            out += self.charts()
        if k == 2:
            out.append("      <list>\n%s\n      </list>" % "\n".join(
                "        <item>%s</item>" % " ".join(self.words(5, 14))
                for _ in range(6)))
        if k % 2 == 1:
            out.append("      <section>\n        <title>%s</title>\n%s\n"
                       "      </section>" % (esc(self.title(1, 3)),
                                             self.para([])))
        out.append('      <pull-quote ref="q-body-%d"/>' % k)
        out.append("    </section>")
        return "\n".join(out)

    def body(self):
        out = [self.section(k) for k in range(SECTIONS)]
        out.append('    <section id="kooperationen">\n'
                   "      <title>Die Kooperationen im Überblick</title>\n"
                   "      <entry-list/>\n    </section>")
        return "  <body>\n%s\n  </body>" % "\n".join(out)

    def report(self):
        return """<?xml version="1.0" encoding="UTF-8"?>
<!-- generated by tests/bench/gen.py: %d entries -->
<report version="1" xml:lang="de" xmlns:xi="http://www.w3.org/2001/XInclude">
  <meta>
    <title>%s</title>
    <subtitle>Auswertung einer Datenbank mit %d Kooperationen</subtitle>
    <series>Synthetische Berichte</series>
    <date>2024-08</date>
    <publisher>Landesverband der Kultur- und Kreativwirtschaft</publisher>
    <author>Projektteam</author>
    <keywords>Kooperation, Innovation</keywords>
  </meta>
  <xi:include href="entries.xml"/>
%s
%s
  <imprint>
    <contact>
      <org>Landesverband der Kultur- und Kreativwirtschaft</org>
      <street>Kraftwerk Mitte 7</street>
      <city>01067 Dresden</city>
      <email>kontakt@example.org</email>
      <web>https://example.org/</web>
    </contact>
    <publisher>Landesverband der Kultur- und Kreativwirtschaft</publisher>
    <funding><p>%s</p></funding>
    <photo-credits/>
    <p>%s</p>
  </imprint>
</report>
""" % (self.n, esc(self.title(2, 4)), self.n, self.quotes(), self.body(),
       self.text(2, 3), self.text(2, 4))


def main(argv):
    args = list(argv[1:])
    seed = 2024
    if "--seed" in args:
        k = args.index("--seed")
        seed = int(args[k + 1])
        del args[k:k + 2]
    if len(args) != 2 or not args[0].isdigit() or int(args[0]) < 1:
        sys.stderr.write("usage: gen.py N OUTDIR [--seed S]\n")
        return 2
    n, outdir = int(args[0]), args[1]
    g = Gen(n, seed)
    os.makedirs(outdir, exist_ok=True)
    # entries first: the report's random draws follow theirs
    for name, text in (("entries.xml", g.entries()),
                       ("report.xml", g.report())):
        with open(os.path.join(outdir, name), "w", encoding="utf-8") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
