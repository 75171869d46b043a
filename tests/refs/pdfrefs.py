#!/usr/bin/python3
"""pdfrefs: end-to-end checks of the links, notes and outline of a PDF
that brochure wrote, read from the PDF itself (qpdf --json for its
objects, pdftotext -bbox for the words and where they are printed) and
compared with the dataset it was set from (xmllint --xinclude).

    pdfrefs.py [options] CHECK PDF XML

brochure writes every internal link with an explicit destination
([page /XYZ left top null]), not a named one (the names of the --dump,
"#note-3", "rudis", do not reach the PDF; a named destination would be
resolved through /Dests or the /Names tree).  So a link is known by its
text, the words whose centre lies inside its rectangles: a note mark is
a number, a reference ends in "(S. N)" (the locale's page-abbrev), any
other internal link is a line of contents.  CHECK is one of:

  labels     every page with a label (/PageLabels) prints that label in
             its footer; a page without a label prints no number there.
  targets    every internal link leads to the page where its target is
             printed: a reference's "(S. N)" names the label of that
             page, a contents line ends with it; and the target's text
             (an entry's, a section's or a chart's title, a quote's first
             words, a figure's caption) is the first text printed at the
             destination (after a section's number), in the column or,
             for a top-level section or a page-wide figure, across the
             page; a figure without caption: its page holds an image.
             Which target a reference has is found in the dataset: its
             content, or the locale's word for the kind and the title.
  notes      every note mark is on the page where its note begins (the
             destination of the mark, which prints the mark's number):
             a note that continues begins on the page of its mark; the
             marks are numbered 1..N once each, N the notes the dataset
             prints, and a later page never holds a smaller number.
  count      the link annotations, joined where one link was split into
             several rectangles (see join_links), are exactly
               refs + marks + contents + links + media + hrefs
             where, over what the build prints (see Printed):
               refs      <ref> elements whose target is printed: each is
                         one link whose text ends in "(S. N)";
               marks     <note> elements: one link each, the mark;
               contents  top-level sections when the style shows the
                         table of contents: one link per entry;
               links     <link> elements (external);
               media     <media> elements of the listed entries;
               hrefs     listed entries with an href (their "online"
                         link) and references to entries the build
                         leaves out that fall back to the entry's href.
             Each kind is counted in the PDF as well, and the URIs of
             the external links are, as a multiset, these hrefs
             percent-encoded.  Not links: the notes' text, the photo
             credits' pages, the imprint's contact lines.
  borders    every link annotation has /Border [0 0 0].
  outline    the outline holds the texts of --xpath (evaluated with
             xmllint --xinclude over XML), each as an item's title or as
             its title after a section number; every item leads to a
             page that prints its title; the outline opens on start.
  note-text  every note of plain text is printed whole: from its start
             at the destination of its mark, word for word in reading
             order, leaving the note only to continue at the start of a
             line in another column or on another page.

Each check prints "ok ..." or "FAIL ..." on its first line, details
after it, indented, and exits 1 on a failure.  Page numbers in the
details count the PDF's pages from 1; labels are what is printed.
"""
import argparse
import collections
import html
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

XML_LANG = '{http://www.w3.org/XML/1998/namespace}lang'
OPENERS = '([{»«›‹"\'„“‚‘'	# printed before a link, in its first word
SLACK = 0.6		# [pt] rounding between the layout and the PDF
GUTTER = 15.0		# [pt] a gap this wide ends a line of a column
HEAD = 0.08		# the top of a page, as a part of its height


# --- small helpers ---

def squash(s):
    """Text compared across line breaks: no spaces, no hyphens."""
    return re.sub(r'[\s\u00a0\u00ad\-]+', '', s or '')


def norm(s):
    return ' '.join((s or '').split())


def run(argv):
    return subprocess.run(argv, check=True, capture_output=True).stdout


class Report:
    """The details of one check; its verdict is the first line."""

    def __init__(self):
        self.problems = []
        self.notes = []

    def fail(self, msg):
        self.problems.append(msg)

    def note(self, msg):
        self.notes.append(msg)

    def finish(self, what):
        word = 'FAIL' if self.problems else 'ok'
        print('%s %s' % (word, what))
        for m in self.problems + self.notes:
            print('     ' + m)
        return 1 if self.problems else 0


# --- the PDF: objects through qpdf --json ---

class Pdf:
    def __init__(self, path):
        self.path = path
        j = json.loads(run(['qpdf', '--json', path]))
        self.obj = {k[4:]: v for k, v in j['qpdf'][1].items()
                    if k.startswith('obj:')}
        self.trailer = j['qpdf'][1]['trailer']['value']
        self.page_refs = [p['object'] for p in j['pages']]
        self.page_no = {r: i for i, r in enumerate(self.page_refs)}
        self.outlines = j['outlines']
        self.images = [len(p['images']) for p in j['pages']]
        self.catalog = self.get(self.trailer['/Root'])
        self.labels = self.page_labels(j['pagelabels'])
        self.words = Words(path)
        self.links = self.read_links()

    def get(self, v):
        """The value of v, following an indirect reference."""
        while isinstance(v, str) and re.fullmatch(r'\d+ \d+ R', v):
            o = self.obj.get(v, {})
            v = o['value'] if 'value' in o else o.get('stream', {}).get(
                'dict')
        return v

    @staticmethod
    def string(v):
        if not isinstance(v, str):
            return None
        if v.startswith('u:'):
            return v[2:]
        if v.startswith('b:'):
            b = bytes.fromhex(v[2:])
            return b[2:].decode('utf-16-be') if b[:2] == b'\xfe\xff' \
                else b.decode('latin-1')
        return v

    def page_labels(self, ranges):
        """The label of every page, '' where it has none."""
        out = []
        for i in range(len(self.page_refs)):
            r = max((r for r in ranges if r['index'] <= i),
                    key=lambda r: r['index'], default=None)
            out.append(label_text(r, i) if r else str(i + 1))
        return out

    def read_links(self):
        links = []
        for pno, ref in enumerate(self.page_refs):
            for a in self.get(self.get(ref).get('/Annots', [])) or []:
                d = self.get(a)
                if d.get('/Subtype') != '/Link':
                    continue
                links.append(self.link(pno, d))
        return links

    def link(self, pno, d):
        x1, y1, x2, y2 = [float(self.get(v)) for v in self.get(d['/Rect'])]
        ln = Link(pno, min(x1, x2), min(y1, y2), max(x1, x2),
                  max(y1, y2), d.get('/Border'))
        act = self.get(d.get('/A')) or {}
        if act.get('/S') == '/URI':
            ln.uri = self.string(self.get(act.get('/URI')))
        else:
            dest = d.get('/Dest', act.get('/D'))
            ln.dest, ln.dest_name = self.resolve_dest(dest)
        ln.words = self.words.inside(ln)
        ln.text = ' '.join(w.text for w in ln.words)
        return ln

    def resolve_dest(self, dest):
        """(page, x, y) of a destination, and its name if it has one."""
        name = None
        dest = self.get(dest)
        if isinstance(dest, str):
            name = self.string(dest).lstrip('/')
            dest = self.get(self.named_dest(name))
        if isinstance(dest, dict):
            dest = self.get(dest.get('/D'))
        if not isinstance(dest, list) or not dest:
            return None, name
        page = self.page_no.get(dest[0])
        x = y = None
        if len(dest) >= 4 and dest[1] == '/XYZ':
            x, y = self.get(dest[2]), self.get(dest[3])
        return (page, x, y), name

    def named_dest(self, name):
        old = self.get(self.catalog.get('/Dests'))
        if isinstance(old, dict) and '/' + name in old:
            return old['/' + name]
        names = self.get(self.catalog.get('/Names')) or {}
        return self.name_tree(self.get(names.get('/Dests')), name)

    def name_tree(self, node, name):
        if not isinstance(node, dict):
            return None
        pairs = self.get(node.get('/Names')) or []
        for i in range(0, len(pairs) - 1, 2):
            if self.string(self.get(pairs[i])) == name:
                return pairs[i + 1]
        for kid in self.get(node.get('/Kids')) or []:
            found = self.name_tree(self.get(kid), name)
            if found is not None:
                return found
        return None

    def label(self, page):
        return self.labels[page] if page is not None else '?'


def roman(n):
    out = ''
    for v, s in ((1000, 'm'), (900, 'cm'), (500, 'd'), (400, 'cd'),
                 (100, 'c'), (90, 'xc'), (50, 'l'), (40, 'xl'), (10, 'x'),
                 (9, 'ix'), (5, 'v'), (4, 'iv'), (1, 'i')):
        while n >= v:
            out, n = out + s, n - v
    return out


def label_text(r, page):
    """A page's label from the /PageLabels range r that covers it."""
    d = r['label']
    n = int(d.get('/St', 1)) + page - r['index']
    style = d.get('/S')
    num = {'/D': str(n), '/r': roman(n), '/R': roman(n).upper(),
           '/a': chr(96 + (n - 1) % 26 + 1) * ((n - 1) // 26 + 1),
           '/A': chr(64 + (n - 1) % 26 + 1) * ((n - 1) // 26 + 1)
           }.get(style, '')
    return (Pdf.string(d.get('/P')) or '') + num


class Link:
    def __init__(self, page, x1, y1, x2, y2, border):
        self.page = page
        self.x1, self.y1, self.x2, self.y2 = x1, y1, x2, y2
        self.border = border
        self.uri = None
        self.dest = None
        self.dest_name = None
        self.words = []
        self.text = ''

    def target(self):
        if self.uri is not None:
            return ('uri', self.uri)
        if self.dest is None:
            return ('dest', None, self.dest_name)
        p, x, y = self.dest
        return ('dest', p, round(x or 0, 1), round(y or 0, 1))

    def where(self):
        return 'page %d at (%.1f, %.1f)' % (self.page + 1, self.x1, self.y1)


# --- the words of the PDF through pdftotext -bbox ---

WORD_RE = re.compile(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" '
                     r'xMax="([-\d.]+)" yMax="([-\d.]+)">(.*?)</word>')


class Word:
    def __init__(self, page, n, x1, top, x2, bottom, text):
        self.page, self.n = page, n
        self.x1, self.top, self.x2, self.bottom = x1, top, x2, bottom
        self.text = text

    def cy(self):
        return (self.top + self.bottom) / 2


class Words:
    """Every word in poppler's reading order, page by page; y from the
    top of the page, as pdftotext gives it."""

    def __init__(self, path):
        out = run(['pdftotext', '-bbox', path, '-']).decode('utf-8')
        self.pages, self.heights = [], []
        n = 0
        for chunk in out.split('<page ')[1:]:
            m = re.match(r'width="([\d.]+)" height="([\d.]+)"', chunk)
            self.heights.append(float(m.group(2)))
            words = []
            for w in WORD_RE.finditer(chunk):
                x1, t, x2, b = map(float, w.groups()[:4])
                words.append(Word(len(self.pages), n, x1, t, x2, b,
                                  html.unescape(w.group(5))))
                n += 1
            self.pages.append(words)
        self.stream = [w for ws in self.pages for w in ws]

    def top(self, page, y):
        return self.heights[page] - y

    def inside(self, ln):
        """The words whose centre lies inside a link's rectangle."""
        t, b = self.top(ln.page, ln.y2), self.top(ln.page, ln.y1)
        return [w for w in self.pages[ln.page]
                if ln.x1 - SLACK <= (w.x1 + w.x2) / 2 <= ln.x2 + SLACK
                and t - SLACK <= w.cy() <= b + SLACK]

    def read_on(self, a, b):
        """Whether reading goes on from the last word of rectangle a to
        the first of b, passing only what lies below a on its page
        (notes, the footer) and the head of b's page."""
        if not a.words or not b.words:
            return False
        first = min(w.n for w in b.words)
        last = max(w.n for w in a.words)
        h = self.heights[b.page]
        bottom_a = self.top(a.page, a.y1)
        return first > last and all(
            (w.page == a.page and w.top >= bottom_a - SLACK) or
            (w.page == b.page and w.page != a.page and w.bottom < h * HEAD)
            for w in self.stream[last + 1:first])

    def same_line(self, page, ln):
        t, b = self.top(page, ln.y2), self.top(page, ln.y1)
        return [w for w in self.pages[page] if t <= w.cy() <= b]

    def ends_line(self, ln):
        """Nothing printed right after the rectangle on its line."""
        return not any(w.x2 > ln.x2 + SLACK and w.x1 < ln.x2 + GUTTER
                       for w in self.same_line(ln.page, ln))

    def starts_line(self, ln):
        return not any(w.x1 < ln.x1 - SLACK and w.x2 > ln.x1 - GUTTER
                       for w in self.same_line(ln.page, ln))

    def box(self, page, x, y, width, depth):
        """The words printed from (x, y) down by depth and right by
        width, in reading order and in line order."""
        t = self.top(page, y)
        ws = [w for w in self.pages[page] if x - 2 <= w.x1 <= x + width
              and t - 6 <= w.top <= t + depth]
        lines = sorted(ws, key=lambda w: (round(w.cy() / 3), w.x1))
        return (' '.join(w.text for w in ws),
                ' '.join(w.text for w in lines))


# --- joining the rectangles of one link ---

def continues(words, a, b):
    """Whether rectangle b carries on the link whose last rectangle is
    a: b touches a on the same line, or a ends its line, b starts one,
    and reading goes on from a to b (to the next line, column or page).
    Two links to one target split only by a space at a line break would
    be taken for one."""
    if a.page == b.page and abs(a.y1 - b.y1) < SLACK and \
            abs(a.y2 - b.y2) < SLACK and abs(b.x1 - a.x2) < SLACK:
        return True
    return words.ends_line(a) and words.starts_line(b) and \
        words.read_on(a, b)


def join_links(pdf):
    """The links as the reader sees them: each rectangle joins the
    first earlier link to the same target that it continues, looking
    only at the next rectangle to that target after the link's last."""
    groups, open_by_target = [], {}
    for ln in pdf.links:
        key = ln.target()
        g = open_by_target.get(key)
        if g is not None and continues(pdf.words, g[-1], ln):
            g.append(ln)
            continue
        g = [ln]
        groups.append(g)
        open_by_target[key] = g
    return [Joined(g) for g in groups]


class Joined:
    def __init__(self, parts):
        self.parts = parts
        self.first = parts[0]
        self.text = ' '.join(p.text for p in parts)
        self.uri, self.dest = self.first.uri, self.first.dest

    def where(self):
        return self.first.where()


# --- the dataset: what the build prints ---

class Printed:
    """What a build of the report variant in one language prints, by
    dataset.md: meta/title and subtitle, the body (without blocks of
    another variant), the quotes where pull-quotes place them, the
    entries that entry-lists hold (with the quotes tied to them that no
    pull-quote places) and the imprint.  Of consecutive siblings that
    differ only in xml:lang, the one of the build's language is kept,
    else the report's, else the first."""

    def __init__(self, path, lang, variant):
        root = ET.fromstring(run(['xmllint', '--xinclude', '--nonet',
                                  path]))
        self.root, self.variant = root, variant
        self.report_lang = root.get(XML_LANG)
        self.lang = lang or self.report_lang
        self.entries = {e.get('id'): e for e in root.iter('entry')}
        self.quotes = {q.get('id'): q for q in root.iter('quote')}
        self.count = collections.Counter()
        self.hrefs = []
        self.notes = []
        self.refs = []
        self.targets = {}
        self.top_sections = 0
        body = root.find('body')
        self.listed = self.listed_entries(body)
        self.pulled = {p.get('ref') for p in self.iter_kept(body)
                       if p.tag == 'pull-quote'}
        self.collect_targets(body)
        for part in ('meta/title', 'meta/subtitle', 'body', 'imprint'):
            for el in self.select(root.findall(part)):
                self.walk(el)

    # language alternatives and variants

    def lang_of(self, el):
        return el.get(XML_LANG) or self.report_lang

    def select(self, children):
        """The children kept: one of each group of alternatives."""
        out, group = [], []
        for el in children:
            if el.get('only') not in (None, self.variant):
                continue
            if group and el.tag == group[0].tag and \
                    self.lang_of(el) not in map(self.lang_of, group):
                group.append(el)
                continue
            if group:
                out.append(self.pick(group))
            group = [el]
        if group:
            out.append(self.pick(group))
        return out

    def pick(self, group):
        for want in (self.lang, self.report_lang):
            for el in group:
                if self.lang_of(el) == want:
                    return el
        return group[0]

    def kids(self, el):
        return self.select(list(el))

    def iter_kept(self, el):
        if el is None:
            return
        yield el
        for k in self.kids(el):
            yield from self.iter_kept(k)

    def plain(self, el):
        """The text of an element as printed, without notes."""
        if el is None:
            return None
        parts = [el.text or '']
        for k in self.kids(el):
            if k.tag != 'note':
                parts.append(self.plain(k))
            parts.append(k.tail or '')
        return norm(''.join(parts))

    def child_text(self, el, tag):
        kept = [k for k in self.kids(el) if k.tag == tag]
        return self.plain(kept[0]) if kept else None

    # what is printed and may be referred to

    def listed_entries(self, body):
        listed = []
        for el in self.iter_kept(body):
            if el.tag != 'entry-list':
                continue
            region = el.get('region')
            listed += [e for e in self.entries.values()
                       if region is None or e.get('region') == region]
        return listed

    def profile_quotes(self, entry):
        return [q for q in self.quotes.values()
                if q.get('entry') == entry.get('id')
                and q.get('id') not in self.pulled]

    def collect_targets(self, body):
        top = self.kids(body) if body is not None else []
        for el in self.iter_kept(body):
            if el.tag == 'section' and el.get('id'):
                self.add_target(el, 'section', self.child_text(el, 'title'),
                                wide=any(el is t for t in top))
            elif el.tag == 'chart' and el.get('id'):
                self.add_target(el, 'chart', self.child_text(el, 'title'))
            elif el.tag == 'figure' and el.get('id'):
                cap = self.child_text(el, 'caption')
                self.add_target(el, 'figure', cap,
                                cap or self.child_text(el, 'alt'),
                                wide=el.get('width') == 'page')
            elif el.tag == 'pull-quote' and el.get('ref') in self.quotes:
                self.add_quote(self.quotes[el.get('ref')])
        for e in self.listed:
            self.add_target(e, 'entry', self.child_text(e, 'title'))
            for q in self.profile_quotes(e):
                self.add_quote(q)
        if body is not None:
            self.top_sections = sum(1 for k in self.kids(body)
                                    if k.tag == 'section')

    def add_quote(self, q):
        self.add_target(q, 'quote', self.child_text(q, 'text'),
                        self.child_text(q, 'speaker'))

    def add_target(self, el, kind, printed, words=None, wide=False):
        """printed: the text to find at the target; words: what a
        reference without content names (the title by default); wide:
        it spans the columns (a top-level section, a page figure)."""
        self.targets[el.get('id')] = (kind, printed, words or printed, wide)

    # the walk that counts

    def walk(self, el):
        handler = {'ref': self.on_ref, 'note': self.on_note,
                   'link': self.on_link, 'pull-quote': self.on_pull,
                   'entry-list': self.on_list}.get(el.tag)
        if handler is None or handler(el):
            for k in self.kids(el):
                self.walk(k)

    def on_ref(self, el):
        to = el.get('to')
        if to in self.targets:
            self.count['refs'] += 1
            content = self.plain(el) if len(el) or (el.text or '').strip() \
                else None
            self.refs.append((to, content))
        elif to in self.entries and self.entries[to].get('href'):
            self.count['hrefs'] += 1
            self.hrefs.append(self.entries[to].get('href'))
        return True

    def on_note(self, el):
        self.count['marks'] += 1
        self.notes.append(el)
        return True

    def on_link(self, el):
        self.count['links'] += 1
        self.hrefs.append(el.get('href'))
        return True

    def on_pull(self, el):
        q = self.quotes.get(el.get('ref'))
        if q is not None:
            self.walk(q)
        return False

    def on_list(self, el):
        region = el.get('region')
        for e in self.entries.values():
            if region is None or e.get('region') == region:
                self.walk_entry(e)
        return False

    def walk_entry(self, e):
        if e.get('href'):
            self.count['hrefs'] += 1
            self.hrefs.append(e.get('href'))
        for k in self.kids(e):
            if k.tag == 'media':
                self.count['media'] += 1
                self.hrefs.append(k.get('href'))
            self.walk(k)
        for q in self.profile_quotes(e):
            self.walk(q)


def uri_encoded(href):
    """A URI as brochure writes it: bytes outside ! to ~ as %XX."""
    return ''.join(chr(b) if 0x20 < b < 0x7f else '%%%02X' % b
                   for b in href.encode('utf-8'))


class Locale:
    """The words a reference is set with, from the locale file."""

    def __init__(self, path):
        root = ET.parse(path).getroot()
        self.label = {l.get('key'): norm(l.text)
                      for l in root.iter('label')}

    def page_re(self):
        return re.compile(r'\(\s*%s\s*([^\s()]+)\s*\)' %
                          re.escape(self.label['page-abbrev']))


class Style:
    """What the checks need of the style sheet."""

    UNITS = {'pt': 1.0, 'mm': 72 / 25.4, 'cm': 72 / 2.54, 'in': 72.0}

    def __init__(self, path):
        root = ET.parse(path).getroot()
        c = root.find('contents')
        self.contents = c is not None and c.get('show') == 'yes'
        p = root.find('page')
        n = int(p.get('columns', '1'))
        text = self.length(p.get('width')) - self.length(
            p.get('margin-inner')) - self.length(p.get('margin-outer'))
        gutter = self.length(p.get('gutter', '0'))
        # [pt] how far right of a column's edge its words may begin
        self.column = (text - (n - 1) * gutter) / n + gutter / 2

    def length(self, v):
        m = re.fullmatch(r'\s*([\d.]+)\s*(pt|mm|cm|in)?\s*', v or '0')
        return float(m.group(1)) * self.UNITS[m.group(2) or 'pt']


# --- the checks ---

def page_suffix(loc, text):
    """The page that a reference's text names and the text before it."""
    found = list(loc.page_re().finditer(text))
    if not found:
        return None, None
    return found[-1].group(1), text[:found[-1].start()]


def kind_of(loc, ln):
    """What a link is, from its text: a note mark is a number, a
    reference ends in "(S. N)", a line of contents is any other text."""
    if ln.uri is not None:
        return 'external'
    if re.fullmatch(r'\d+', squash(ln.text)):
        return 'mark'
    if page_suffix(loc, ln.text)[0] is not None:
        return 'ref'
    return 'contents' if ln.text.strip() else 'other'


def printed_at(pdf, dest, target, column):
    """Whether a target's text (its first words) is the first text
    printed at a destination, after a section's number: within the
    column, or across the page for what is as wide.  A figure without
    caption prints no text: its page must hold an image."""
    kind, text, _, wide = target
    if text is None:
        return pdf.images[dest[0]] > 0
    want = squash(' '.join(text.split()[:6]))
    width = float('inf') if wide else column
    depth = 650 if kind == 'figure' else 150
    for got in pdf.words.box(dest[0], dest[1] or 0, dest[2] or 0,
                             width, depth):
        first = squash(got.split()[0]) if got else ''
        got = squash(got).lstrip(OPENERS)
        if got.startswith(want) or (kind == 'section' and
                                    got[len(first):].startswith(want)):
            return True
    return False


def ref_candidates(doc, loc, head):
    """The printed references whose words are head."""
    h = squash(head).lstrip(OPENERS)
    out = []
    for to, content in doc.refs:
        kind, _, words, _ = doc.targets[to]
        if content is not None:
            ok = squash(content) == h
        else:
            ok = h.startswith(squash(loc.label.get(kind, ''))) and \
                h.endswith(squash(words))
        if ok:
            out.append(to)
    return out


def check_ref(pdf, doc, loc, ln, rep, column):
    page, head = page_suffix(loc, ln.text)
    want = pdf.label(ln.dest[0])
    if page != want:
        rep.fail('%s: "%s" prints page %s, its target is on page %d '
                 'labelled %s' % (ln.where(), ln.text, page,
                                  ln.dest[0] + 1, want))
    cands = ref_candidates(doc, loc, head)
    if not cands:
        rep.fail('%s: "%s" is the text of no reference of the dataset' %
                 (ln.where(), ln.text))
    elif not any(printed_at(pdf, ln.dest, doc.targets[to], column)
                 for to in set(cands)):
        rep.fail('%s: "%s" leads to page %s, which does not print %s '
                 'at (%.1f, %.1f)' % (ln.where(), ln.text, want,
                                      ' or '.join(sorted(set(cands))),
                                      ln.dest[1] or 0, ln.dest[2] or 0))


def check_contents(pdf, ln, rep):
    """A line of contents: its section is a top-level one."""
    words = ln.text.split()
    want = pdf.label(ln.dest[0])
    if words[-1] != want:
        rep.fail('%s: contents line "%s" ends with %s, its section is on '
                 'page %d labelled %s' % (ln.where(), ln.text, words[-1],
                                          ln.dest[0] + 1, want))
    title = ' '.join(words[:-1])
    if not printed_at(pdf, ln.dest, ('section', title, title, True), 0):
        rep.fail('%s: contents line "%s" leads to page %s, which does '
                 'not print its title there' % (ln.where(), ln.text, want))


def cmd_targets(pdf, doc, loc, rep, column):
    n = collections.Counter()
    for ln in join_links(pdf):
        kind = kind_of(loc, ln)
        n[kind] += 1
        if kind == 'external':
            continue
        if ln.dest is None or ln.dest[0] is None:
            rep.fail('%s: "%s" has no destination page' %
                     (ln.where(), ln.text))
        elif kind == 'ref':
            check_ref(pdf, doc, loc, ln, rep, column)
        elif kind == 'contents':
            check_contents(pdf, ln, rep)
        elif kind == 'other':
            rep.fail('%s: internal link "%s" names no page' %
                     (ln.where(), ln.text))
    return 'every reference and contents line leads to its target and ' \
        'names its page (%d references, %d contents lines)' % (
            n['ref'], n['contents'])


def cmd_labels(pdf, doc, loc, rep):
    for p, label in enumerate(pdf.labels):
        h = pdf.words.heights[p]
        foot = [w.text for w in pdf.words.pages[p] if w.top > h * 0.92]
        if label and label not in foot:
            rep.fail('page %d: label %s, footer prints %s' %
                     (p + 1, label, foot or 'nothing'))
        if not label and any(re.fullmatch(r'\d+', w) for w in foot):
            rep.fail('page %d: no label, footer prints %s' % (p + 1, foot))
    return 'page labels equal the printed page numbers (%s)' % ' '.join(
        l or '-' for l in pdf.labels)


def note_start(pdf, ln):
    """The first word printed at a mark's destination."""
    p, x, y = ln.dest
    t = pdf.words.top(p, y or 0)
    ws = [w for w in pdf.words.pages[p] if x - 2 <= w.x1 <= x + 30 and
          t - 3 <= w.top <= t + 14]
    return min(ws, key=lambda w: (w.top, w.x1)) if ws else None


def marks(pdf, loc):
    return [ln for ln in join_links(pdf) if kind_of(loc, ln) == 'mark']


def cmd_notes(pdf, doc, loc, rep):
    seen = collections.Counter()
    for ln in marks(pdf, loc):
        num = squash(ln.text)
        seen[int(num)] += 1
        if ln.dest is None or ln.dest[0] is None:
            rep.fail('%s: mark %s has no destination' % (ln.where(), num))
            continue
        if ln.dest[0] != ln.first.page:
            rep.fail('%s: mark %s is on page %s, its note begins on page '
                     '%s' % (ln.where(), num, pdf.label(ln.first.page),
                             pdf.label(ln.dest[0])))
        w = note_start(pdf, ln)
        if w is None or w.text != num:
            rep.fail('%s: mark %s leads to "%s", not to note %s' % (
                ln.where(), num, w.text if w else 'nothing', num))
    want = len(doc.notes)
    if sorted(seen) != list(range(1, want + 1)) or max(
            seen.values(), default=1) > 1:
        rep.fail('marks %s, the dataset prints %d notes' %
                 (dict(sorted(seen.items())), want))
    by_page = collections.defaultdict(list)
    for ln in marks(pdf, loc):
        by_page[ln.first.page].append(int(squash(ln.text)))
    last = 0
    for p in sorted(by_page):
        if min(by_page[p]) <= last:
            rep.fail('page %d: marks %s come after mark %d' %
                     (p + 1, sorted(by_page[p]), last))
        last = max(last, max(by_page[p]))
    return 'every note begins on the page of its mark (%d notes)' % want


def cmd_count(pdf, doc, loc, rep, toc):
    joined = join_links(pdf)
    want = collections.Counter(doc.count)
    want['contents'] = doc.top_sections if toc else 0
    got = collections.Counter({'ref': 'refs', 'mark': 'marks'}.get(k, k)
                              for k in (kind_of(loc, ln)
                                        for ln in joined))
    got['links+media+hrefs'] = got.pop('external', 0)
    ext = want['links'] + want['media'] + want['hrefs']
    for k, w in (('refs', want['refs']), ('marks', want['marks']),
                 ('contents', want['contents']),
                 ('links+media+hrefs', ext), ('other', 0)):
        if got[k] != w:
            rep.fail('%s: %d links in the PDF, %d expected' % (k, got[k], w))
    uris = collections.Counter(ln.uri for ln in joined if ln.uri)
    hrefs = collections.Counter(uri_encoded(h) for h in doc.hrefs)
    for u in sorted((uris - hrefs) + (hrefs - uris)):
        rep.fail('URI %s: %d links in the PDF, %d hrefs in the dataset' %
                 (u, uris[u], hrefs[u]))
    total = sum(want[k] for k in ('refs', 'marks', 'contents', 'links',
                                  'media', 'hrefs'))
    if len(joined) != total:
        rep.fail('%d links, %d expected' % (len(joined), total))
    rep.note('%d annotations joined into %d links' % (len(pdf.links),
                                                       len(joined)))
    return ('links = refs + marks + contents + links + media + hrefs: '
            '%d = %d + %d + %d + %d + %d + %d' % (
                len(joined), want['refs'], want['marks'], want['contents'],
                want['links'], want['media'], want['hrefs']))


def cmd_borders(pdf, doc, loc, rep):
    for ln in pdf.links:
        b = pdf.get(ln.border)
        if not isinstance(b, list) or [float(pdf.get(v)) for v in b[:3]] \
                != [0.0, 0.0, 0.0]:
            rep.fail('%s: "%s" has border %s' % (ln.where(), ln.text, b))
    return 'every link annotation has border [0 0 0] (%d annotations)' % \
        len(pdf.links)


def xpath_texts(xml, xpath):
    base = ['xmllint', '--xinclude', '--nonet', '--xpath']
    n = int(float(run(base + ['count(%s)' % xpath, xml])))
    return [norm(run(base + ['string((%s)[%d])' % (xpath, i), xml])
                 .decode('utf-8')) for i in range(1, n + 1)]


def outline_items(pdf, nodes=None):
    for o in pdf.outlines if nodes is None else nodes:
        yield o
        yield from outline_items(pdf, o.get('kids', []))


def outline_titles_printed(pdf, rep):
    for o in outline_items(pdf):
        p = o.get('destpageposfrom1')
        page = ' '.join(w.text for w in pdf.words.pages[p - 1]) if p else ''
        if p is None or squash(o['title']) not in squash(page):
            rep.fail('outline "%s" leads to page %s, which does not print '
                     'it' % (o['title'], p))


def cmd_outline(pdf, doc, loc, rep, xml, xpath, what):
    want = xpath_texts(xml, xpath)
    have = collections.Counter(norm(o['title']) for o in outline_items(pdf))
    for t in want:
        num = [h for h in have if have[h] > 0 and (h == t or (
            ' ' in h and h.split(' ', 1)[1] == t))]
        if not num:
            rep.fail('not in the outline: "%s"' % t)
            continue
        have[num[0]] -= 1
    if not want:
        rep.fail('no texts for %s' % xpath)
    outline_titles_printed(pdf, rep)
    if pdf.catalog.get('/PageMode') != '/UseOutlines':
        rep.fail('the outline is not opened on start (/PageMode %s)' %
                 pdf.catalog.get('/PageMode'))
    return 'the outline holds every %s (%d)' % (what, len(want))


# note-text: a note's words in reading order

def match_word(stream, i, want):
    """How many stream words from i print want (a word split by a
    hyphen at a line end is two), or 0."""
    w = stream[i].text
    if w == want:
        return 1
    if w.endswith('-') and i + 1 < len(stream) and want in (
            w[:-1] + stream[i + 1].text, w + stream[i + 1].text):
        return 2
    return 0


def moved_on(words, last, w):
    """w is in another column or on another page than last, and begins
    its line: where a note may continue."""
    other = w.page != last.page or w.top < last.top - SLACK or \
        w.x1 > last.x2 + GUTTER
    first = not any(v.x2 < w.x1 - SLACK and v.x2 > w.x1 - GUTTER and
                    abs(v.cy() - w.cy()) < 3 for v in words.pages[w.page])
    return other and first


def follow_note(words, start, want):
    """Match the words want in the stream from index start: the places
    where the note continues, or None and what is missing."""
    stream, i, last, jumps = words.stream, start, words.stream[start], []
    for k, word in enumerate(want):
        n = match_word(stream, i, word) if i < len(stream) else 0
        j = i
        while not n and j + 1 < len(stream):
            j += 1
            n = match_word(stream, j, word)
            if n and not moved_on(words, last, stream[j]):
                n = 0
        if not n:
            return None, 'word %d of %d ("%s") is not printed after ' \
                '"%s" on page %d' % (k + 1, len(want), word, last.text,
                                     last.page + 1)
        if j != i:
            jumps.append(stream[j])
        last, i = stream[j + n - 1], j + n
    return jumps, None


def note_texts(pdf, loc):
    """For each mark, the index in the stream of its note's first word
    after the number."""
    out = []
    for ln in marks(pdf, loc):
        w = note_start(pdf, ln) if ln.dest and ln.dest[0] is not None \
            else None
        if w is not None and w.n + 1 < len(pdf.words.stream):
            out.append((int(squash(ln.text)), w.n + 1))
    return sorted(out)


def words_matched(attempt):
    """How far a failed follow_note got: its message names the word."""
    return int(re.search(r'word (\d+)', attempt[1]).group(1))


def cmd_note_text(pdf, doc, loc, rep):
    starts = note_texts(pdf, loc)
    checked = 0
    for el in doc.notes:
        want = (el.text or '').split()
        if len(el) or not want:
            continue
        label = 'note "%s …"' % ' '.join(want[:4])
        tries = [follow_note(pdf.words, i, want) + (n,) for n, i in starts
                 if match_word(pdf.words.stream, i, want[0])]
        good = [t for t in tries if t[0] is not None]
        checked += 1
        if not good:
            rep.fail('%s: %s' % (label, max(tries, key=words_matched)[1]
                                 if tries else 'no mark leads to it'))
            continue
        jumps, _, num = good[0]
        rep.note('%s (note %d): %d words, continued %d times%s' % (
            label, num, len(want), len(jumps), ''.join(
                ', on page %d at x=%.0f' % (w.page + 1, w.x1)
                for w in jumps)))
    if not checked:
        rep.fail('no note of plain text in the dataset')
    return 'every note of plain text is printed whole (%d notes)' % checked


# --- main ---

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('check', choices=('labels', 'targets', 'notes', 'count',
                                      'borders', 'outline', 'note-text'))
    ap.add_argument('pdf')
    ap.add_argument('xml')
    ap.add_argument('--style', default='styles/brochure-a4.xml')
    ap.add_argument('--locale', help='default styles/locales/LANG.xml')
    ap.add_argument('--lang', help="default: the report's xml:lang")
    ap.add_argument('--variant', default='report')
    ap.add_argument('--xpath', help='outline: the texts to look for')
    ap.add_argument('--what', default='text', help='outline: their name')
    ap.add_argument('--name', help='a prefix for the verdict line')
    a = ap.parse_args()
    pdf = Pdf(a.pdf)
    doc = Printed(a.xml, a.lang, a.variant)
    loc = Locale(a.locale or 'styles/locales/%s.xml' % doc.lang)
    rep = Report()
    style = Style(a.style)
    if a.check == 'count':
        what = cmd_count(pdf, doc, loc, rep, style.contents)
    elif a.check == 'targets':
        what = cmd_targets(pdf, doc, loc, rep, style.column)
    elif a.check == 'outline':
        what = cmd_outline(pdf, doc, loc, rep, a.xml, a.xpath, a.what)
    else:
        what = {'labels': cmd_labels, 'notes': cmd_notes, 'borders': cmd_borders,
                'note-text': cmd_note_text}[a.check](pdf, doc, loc, rep)
    if a.name:
        what = '%s: %s' % (a.name, what)
    return rep.finish(what)


if __name__ == '__main__':
    sys.exit(main())
