#!/usr/bin/python3
"""pdftags: checks that a PDF is a tagged PDF, read from the PDF itself:
its objects and decoded streams through qpdf --json, its structure as
poppler's pdfinfo -struct-text shows it.

    pdftags.py CHECK PDF [XML]

CHECK is one of:

  marked     every operator of every page's content that shows text
             (Tj TJ ' "), paints a path (S s f F f* B B* b b*), paints a
             shading (sh) or draws an XObject (Do) lies inside marked
             content that is an /Artifact or carries an MCID, and the
             parent tree ties that MCID of that page to a structure
             element whose /K holds it (as a number with the element's
             /Pg, or as an MCR); no MCID is used twice on a page or held
             by two elements; BMC/BDC and EMC balance on every page;
             every page has /StructParents and /Tabs /S; an XObject
             (an image) is drawn in a Figure or an Artifact.
  figures    every Figure element has a non-empty /Alt.
  headings   the headings (H1 to H6, in the order of the structure tree)
             begin with H1 and never go deeper by more than one level at
             a time (H1 then H3 is a skip); there is no plain H.
  fonts      every font of every page has a /ToUnicode CMap that parses:
             code space ranges, then bfchar and bfrange entries only
             (no cidrange or cidchar), sources of the code space's
             length, a range within one last byte, targets UTF-16BE.
  catalog    /MarkInfo <</Marked true>>, a /Lang, a /StructTreeRoot
             whose /ParentTreeNextKey is above every key of its parent
             tree, /ViewerPreferences <</DisplayDocTitle true>>, PDF 1.7
             or later; every Note element has an /ID the /IDTree holds.
  links      every link annotation has a /StructParent, a non-empty
             /Contents and /F with the print flag (4), and the parent
             tree ties it to a Link element whose /K holds its OBJR.
  all        every check above, one verdict line each.
  sections   (needs XML, the report) the section titles of the report
             (not those only="handout"), in the report's language,
             appear in pdfinfo -struct-text in order as headings of
             their depth (H1 for a top-level section: the text after
             its number), and every other H1 is the locale's word for
             the contents or the imprint.
  charts     (XML is the CSV of `brochure stats --format csv`) every
             chart's bars appear in one Figure's /Alt in order, each
             bar's label followed by its share as printed (a no-break
             space may be a space).
  alts       prints every Figure's /Alt, one per line (no verdict).

Each check prints "ok ..." or "FAIL ..." on its first line, details
after it, indented, and exits 1 on a failure.
"""
import base64
import csv
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', 'refs'))
import pdfrefs  # noqa: E402  (tests/refs/pdfrefs.py: qpdf's strings)

XML_LANG = '{http://www.w3.org/XML/1998/namespace}lang'
SHOWS = {'Tj', 'TJ', "'", '"'}
PAINTS = {'S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'sh', 'Do'}
HEADING = re.compile(r'H([1-6])$')
ANNOT_PRINT = 4
WS = b' \t\r\n\f\x00'
DELIMS = b'()<>[]{}/%'


def run(argv):
    return subprocess.run(argv, check=True, capture_output=True).stdout


class Report:
    """The details of one check; its verdict is the first line."""

    def __init__(self):
        self.problems = []

    def fail(self, msg):
        self.problems.append(msg)

    def finish(self, what):
        print('%s %s' % ('FAIL' if self.problems else 'ok', what))
        for m in self.problems[:20]:
            print('     ' + m)
        if len(self.problems) > 20:
            print('     … and %d more' % (len(self.problems) - 20))
        return 1 if self.problems else 0


# --- content streams: tokens and operands ---

def tokens(data):
    """The tokens of a content stream or CMap: (kind, value) pairs, kind
    one of num, name, str, hex, op, '[', ']', '<<', '>>'."""
    i, n = 0, len(data)
    while i < n:
        c = data[i:i + 1]
        if c in WS:
            i += 1
        elif c == b'%':
            while i < n and data[i:i + 1] not in b'\r\n':
                i += 1
        elif c == b'(':
            i, s = literal(data, i)
            yield 'str', s
        elif data[i:i + 2] in (b'<<', b'>>'):
            yield data[i:i + 2].decode(), None
            i += 2
        elif c == b'<':
            j = data.index(b'>', i)
            yield 'hex', re.sub(rb'\s', b'', data[i + 1:j]).decode()
            i = j + 1
        elif c in b'[]':
            yield c.decode(), None
            i += 1
        else:
            j = i + 1
            while j < n and data[j:j + 1] not in WS + DELIMS:
                j += 1
            word = data[i:j].decode('latin-1')
            i = j
            if c == b'/':
                yield 'name', word[1:]
            elif re.fullmatch(r'[+-]?(\d+\.?\d*|\.\d+)', word):
                yield 'num', float(word)
            else:
                yield 'op', word


def literal(data, i):
    """A (string) from data[i]; returns the end and its bytes."""
    depth, out = 0, bytearray()
    while True:
        c = data[i]
        i += 1
        if c == 0x5c:	# backslash: take the next byte as it is
            out.append(data[i])
            i += 1
            continue
        if c == 0x28:
            depth += 1
            if depth == 1:
                continue
        elif c == 0x29:
            depth -= 1
            if depth == 0:
                return i, bytes(out)
        out.append(c)


def operations(data):
    """(operator, operands) of a content stream, operands as Python
    values: numbers, names, strings, lists, dicts."""
    stack = []
    for kind, v in tokens(data):
        if kind == 'op':
            yield v, stack
            stack = []
        elif kind in ('[', '<<'):
            stack.append((kind,))
        elif kind in (']', '>>'):
            k = len(stack) - 1
            while not (isinstance(stack[k], tuple) and len(stack[k]) == 1):
                k -= 1
            items = stack[k + 1:]
            del stack[k:]
            stack.append(items if kind == ']' else
                         dict(zip(items[0::2], items[1::2])))
        else:
            stack.append(v)


# --- the PDF: objects through qpdf --json ---

class Pdf:
    def __init__(self, path):
        j = json.loads(run(['qpdf', '--json=2', '--json-stream-data=inline',
                            '--decode-level=generalized', path]))
        self.version = j['qpdf'][0]['pdfversion']
        objs = j['qpdf'][1]
        self.obj = {k[4:]: v for k, v in objs.items()
                    if k.startswith('obj:')}
        self.trailer = objs['trailer']['value']
        self.catalog = self.get(self.trailer['/Root'])
        self.pages = []
        self.collect_pages(self.catalog['/Pages'])

    @staticmethod
    def is_ref(v):
        return isinstance(v, str) and re.fullmatch(r'\d+ \d+ R', v)

    def get(self, v):
        """The value of v, following indirect references (a stream's
        dictionary)."""
        while self.is_ref(v):
            o = self.obj.get(v, {})
            v = o['value'] if 'value' in o else o.get('stream', {}).get(
                'dict')
        return v

    def data(self, ref):
        """The decoded data of a stream."""
        return base64.b64decode(self.obj[ref]['stream']['data'])

    # A text string of qpdf's JSON ("u:…", "b:<hex>") as Python text.
    string = staticmethod(pdfrefs.Pdf.string)

    def collect_pages(self, ref):
        node = self.get(ref)
        if node.get('/Type') == '/Page':
            self.pages.append(ref)
            return
        for kid in self.get(node.get('/Kids', [])):
            self.collect_pages(kid)

    def content(self, page):
        c = self.get(page).get('/Contents')
        refs = c if isinstance(c, list) else [c] if c else []
        return b'\n'.join(self.data(r) for r in refs)

    def numtree(self, node, out):
        node = self.get(node)
        nums = self.get(node.get('/Nums', []))
        for k in range(0, len(nums), 2):
            out[int(nums[k])] = nums[k + 1]
        for kid in self.get(node.get('/Kids', [])):
            self.numtree(kid, out)
        return out


# --- the structure tree ---

class Tree:
    """The structure tree of a Pdf: elements in order, who holds which
    MCID and OBJR, the parent tree."""

    def __init__(self, pdf, report):
        self.pdf, self.report = pdf, report
        self.root = pdf.get(pdf.catalog.get('/StructTreeRoot'))
        self.elems = []			# (ref, dict) in tree order
        self.mcid = {}			# (page ref, mcid) -> element ref
        self.objr = {}			# annotation ref -> element ref
        self.parents = {}
        if not isinstance(self.root, dict):
            report.fail('no /StructTreeRoot')
            return
        for k in self.kids(self.root.get('/K')):
            self.walk(k, None)
        self.parents = pdf.numtree(self.root.get('/ParentTree', {}), {})

    def kids(self, k):
        k = self.pdf.get(k) if self.pdf.is_ref(k) and not self.is_elem(k) \
            else k
        return k if isinstance(k, list) else [] if k is None else [k]

    def is_elem(self, v):
        d = self.pdf.get(v)
        return isinstance(d, dict) and '/S' in d

    def walk(self, ref, page):
        d = self.pdf.get(ref)
        self.elems.append((ref, d))
        page = d.get('/Pg', page)
        for k in self.kids(d.get('/K')):
            if isinstance(k, (int, float)):
                self.hold((page, int(k)), ref)
            elif self.is_elem(k):
                self.walk(k, page)
            else:
                kd = self.pdf.get(k)
                if kd.get('/Type') == '/OBJR':
                    self.objr[kd.get('/Obj')] = ref
                else:
                    self.hold((kd.get('/Pg', page), int(kd['/MCID'])), ref)

    def hold(self, key, ref):
        if key in self.mcid and self.mcid[key] != ref:
            self.report.fail('MCID %d of page %s is held by %s and %s'
                             % (key[1], key[0], self.mcid[key], ref))
        self.mcid[key] = ref

    def parent_of(self, page_ref, mcid):
        arr = self.pdf.get(self.parents.get(
            self.pdf.get(page_ref).get('/StructParents', -1)))
        if not isinstance(arr, list) or mcid >= len(arr):
            return None
        return arr[mcid]


# --- checks ---

def check_marked(pdf, r):
    tree = Tree(pdf, r)
    for pno, page in enumerate(pdf.pages, 1):
        pd = pdf.get(page)
        if not isinstance(pd.get('/StructParents'), int):
            r.fail('page %d: no /StructParents' % pno)
        if pd.get('/Tabs') != '/S':
            r.fail('page %d: /Tabs is not /S' % pno)
        marked_page(pdf, tree, r, pno, page)
    return r.finish('marked: all content of %d pages is tagged or an '
                    'artifact' % len(pdf.pages))


def marked_page(pdf, tree, r, pno, page):
    stack, used, bad = [], set(), 0
    for op, args in operations(pdf.content(page)):
        if op in ('BMC', 'BDC'):
            props = args[-1] if op == 'BDC' and args else {}
            tag = args[0] if args else None
            stack.append((tag, props if isinstance(props, dict) else {}))
            mark_open(tree, r, pno, page, tag, stack[-1][1], used)
        elif op == 'EMC':
            if not stack:
                r.fail('page %d: EMC without BMC/BDC' % pno)
            else:
                stack.pop()
        elif op in SHOWS or op in PAINTS:
            mark = innermost(stack)
            if mark is None:
                bad += 1
                if bad <= 3:
                    r.fail('page %d: %s outside marked content (no MCID, '
                           'no /Artifact)' % (pno, op))
            elif op == 'Do' and mark[0] not in ('Artifact', 'Figure'):
                r.fail('page %d: an XObject drawn in a %s, not a Figure'
                       % (pno, mark[0]))
    if stack:
        r.fail('page %d: %d BMC/BDC without EMC' % (pno, len(stack)))
    if bad > 3:
        r.fail('page %d: %d operators outside marked content in all'
               % (pno, bad))


def mark_open(tree, r, pno, page, tag, props, used):
    mcid = props.get('MCID')
    if mcid is None:
        return
    mcid = int(mcid)
    if mcid in used:
        r.fail('page %d: MCID %d used twice' % (pno, mcid))
    used.add(mcid)
    elem = tree.parent_of(page, mcid)
    if elem is None:
        r.fail('page %d: MCID %d is not in the parent tree' % (pno, mcid))
    elif tree.mcid.get((page, mcid)) != elem:
        r.fail('page %d: MCID %d: its parent-tree element %s does not '
               'hold it' % (pno, mcid, elem))
    elif tree.pdf.get(elem).get('/S') != '/' + tag:
        r.fail('page %d: MCID %d is tagged %s, its element is %s'
               % (pno, mcid, tag, tree.pdf.get(elem).get('/S')))


def innermost(stack):
    """The innermost marked content that is an Artifact or has an MCID,
    as (tag, properties), or None."""
    for tag, props in reversed(stack):
        if tag == 'Artifact' or 'MCID' in props:
            return tag, props
    return None


def check_figures(pdf, r):
    tree = Tree(pdf, r)
    figures = [(ref, d) for ref, d in tree.elems if d.get('/S') == '/Figure']
    for ref, d in figures:
        alt = pdf.string(pdf.get(d.get('/Alt')))
        if not alt or not alt.strip():
            r.fail('Figure %s has no /Alt' % ref)
    return r.finish('figures: all %d Figure elements have /Alt'
                    % len(figures))


def check_headings(pdf, r):
    tree = Tree(pdf, r)
    prev, n = 0, 0
    for ref, d in tree.elems:
        s = (d.get('/S') or '').lstrip('/')
        if s == 'H':
            r.fail('%s is a plain H: give it a level' % ref)
        m = HEADING.match(s)
        if not m:
            continue
        n += 1
        level = int(m.group(1))
        if level > prev + 1:
            r.fail('%s: %s after H%d skips a level' % (ref, s, prev)
                   if prev else '%s: the first heading is %s' % (ref, s))
        prev = level
    if n == 0:
        r.fail('no headings at all')
    return r.finish('headings: %d headings nest without skipping a level'
                    % n)


def cmap_problems(data):
    """What is wrong with a ToUnicode CMap, as a list of strings."""
    out, vals, width, entries = [], [], None, 0
    for kind, v in tokens(data):
        if kind != 'op':
            vals.append((kind, v))
            continue
        if v in ('begincidrange', 'begincidchar', 'usecmap'):
            out.append('"%s" has no place in a ToUnicode CMap' % v)
        if v == 'endcodespacerange':
            hexes = [x for k, x in vals if k == 'hex']
            if not hexes or len(hexes) % 2:
                out.append('a bad code space range')
            else:
                width = len(hexes[0])
        elif v in ('endbfchar', 'endbfrange'):
            entries += bf_entries(v, vals, width, out)
        if v.startswith('begin') or v.startswith('end'):
            vals = []
    if width is None:
        out.append('no code space range')
    if entries == 0:
        out.append('no bfchar or bfrange entries')
    return out


def bf_entries(op, vals, width, out):
    """Check the entries of a bfchar or bfrange block; their count."""
    step = 2 if op == 'endbfchar' else 3
    flat, k = [], 0
    while k < len(vals):		# a bfrange target may be an array
        if vals[k][0] == '[':
            j = vals.index((']', None), k)
            flat.append(('arr', [v for kk, v in vals[k + 1:j]]))
            k = j + 1
        else:
            flat.append(vals[k])
            k += 1
    if len(flat) % step:
        out.append('a %s block with a broken entry' % op[3:])
        return 0
    for e in range(0, len(flat), step):
        src = [v for kind, v in flat[e:e + step - 1]]
        dst = flat[e + step - 1]
        if any(not isinstance(s, str) or len(s) != width for s in src):
            out.append('a source code of another width than the code '
                       'space: %s' % src)
        if step == 3 and (src[0][:-2] != src[1][:-2] or src[0] > src[1]):
            out.append('a bfrange %s..%s crosses its last byte' % tuple(src))
        targets = dst[1] if dst[0] == 'arr' else [dst[1]]
        if dst[0] not in ('hex', 'arr') or any(
                len(t or '') % 4 or not t for t in targets):
            out.append('a target that is not UTF-16BE: %s' % (dst,))
    return len(flat) // step


def check_fonts(pdf, r):
    seen = {}
    for pno, page in enumerate(pdf.pages, 1):
        res = pdf.get(pdf.get(page).get('/Resources', {})) or {}
        for ref in (pdf.get(res.get("/Font", {})) or {}).values():
            if ref in seen:
                continue
            font = pdf.get(ref)
            seen[ref] = font.get('/BaseFont')
            tu = font.get('/ToUnicode')
            if not pdf.is_ref(tu):
                r.fail('font %s (%s) has no /ToUnicode' % (ref, seen[ref]))
                continue
            for p in cmap_problems(pdf.data(tu)):
                r.fail('font %s (%s): ToUnicode: %s' % (ref, seen[ref], p))
    if not seen:
        r.fail('no fonts')
    return r.finish('fonts: all %d fonts have a ToUnicode CMap that parses'
                    % len(seen))


def check_catalog(pdf, r):
    cat = pdf.catalog
    if (pdf.get(cat.get('/MarkInfo')) or {}).get('/Marked') is not True:
        r.fail('no /MarkInfo <</Marked true>>')
    lang = pdf.string(pdf.get(cat.get('/Lang')))
    if not lang:
        r.fail('no /Lang')
    if (pdf.get(cat.get('/ViewerPreferences')) or {}).get(
            '/DisplayDocTitle') is not True:
        r.fail('no /ViewerPreferences <</DisplayDocTitle true>>')
    if tuple(int(x) for x in pdf.version.split('.')) < (1, 7):
        r.fail('PDF version %s, not 1.7 or later' % pdf.version)
    tree = Tree(pdf, r)
    if tree.root is not None:
        nxt = tree.root.get('/ParentTreeNextKey')
        if not isinstance(nxt, int) or (tree.parents and
                                        nxt <= max(tree.parents)):
            r.fail('/ParentTreeNextKey %s is not above every key' % nxt)
        catalog_notes(pdf, tree, r)
    return r.finish('catalog: marked, /Lang %s, structure tree, document '
                    'title shown' % lang)


def catalog_notes(pdf, tree, r):
    ids = {}
    names = pdf.get((pdf.get(tree.root.get('/IDTree')) or {}).get(
        '/Names', []))
    for k in range(0, len(names), 2):
        ids[pdf.string(names[k])] = names[k + 1]
    for ref, d in tree.elems:
        if d.get('/S') != '/Note':
            continue
        nid = pdf.string(pdf.get(d.get('/ID')))
        if not nid:
            r.fail('Note %s has no /ID' % ref)
        elif ids.get(nid) != ref:
            r.fail('Note %s: the /IDTree does not hold its /ID %s'
                   % (ref, nid))


def check_links(pdf, r):
    tree = Tree(pdf, r)
    n = 0
    for pno, page in enumerate(pdf.pages, 1):
        for a in pdf.get(pdf.get(page).get('/Annots', [])) or []:
            d = pdf.get(a)
            if d.get('/Subtype') != '/Link':
                continue
            n += 1
            link_problems(pdf, tree, r, 'page %d: link %s' % (pno, a), a, d)
    return r.finish('links: all %d link annotations are tied to Link '
                    'elements' % n)


def link_problems(pdf, tree, r, where, a, d):
    if not (pdf.string(pdf.get(d.get('/Contents'))) or '').strip():
        r.fail('%s has no /Contents' % where)
    if not int(d.get('/F', 0)) & ANNOT_PRINT:
        r.fail('%s lacks /F 4' % where)
    sp = d.get('/StructParent')
    if not isinstance(sp, int):
        r.fail('%s has no /StructParent' % where)
        return
    elem = tree.parents.get(sp)
    if elem is None or tree.objr.get(a) != elem:
        r.fail('%s: the parent tree and the OBJR disagree' % where)
    elif pdf.get(elem).get('/S') != '/Link':
        r.fail('%s belongs to a %s, not a Link'
               % (where, pdf.get(elem).get('/S')))


def check_all(pdf, r):
    rc = 0
    for fn in (check_marked, check_figures, check_headings, check_fonts,
               check_catalog, check_links):
        rc |= fn(pdf, Report())
    return rc


# --- against the report: sections and charts ---

def squash(s):
    """Text compared across lines: no white space, no case."""
    return re.sub(r'[\s\u00a0]+', '', s or '').casefold()


def struct_headings(path):
    """(level, text) of every heading pdfinfo -struct-text shows."""
    out, cur, depth = [], None, 0
    for line in run(['pdfinfo', '-struct-text', path]).decode().split('\n'):
        ind = len(line) - len(line.lstrip(' '))
        body = line.strip()
        m = re.match(r'(H[1-6])( \(block\))?$', body)
        if m:
            cur, depth = [int(m.group(1)[1]), ''], ind
            out.append(cur)
        elif cur and ind > depth and body.startswith('"'):
            cur[1] += body[1:-1]
        elif cur and ind <= depth:
            cur = None
    return out


def report_sections(xml_path):
    """(depth, title) of the report's sections in order, in its own
    language, leaving out what only the handout prints."""
    root = ET.fromstring(run(['xmllint', '--xinclude', xml_path]))
    lang = root.get(XML_LANG)
    out = []

    def walk(node, depth):
        for s in node.findall('section'):
            if s.get('only') == 'handout':
                continue
            titles = [t for t in s.findall('title')
                      if t.get(XML_LANG) in (None, lang)]
            if titles:
                out.append((depth, ''.join(titles[0].itertext())))
            walk(s, depth + 1)
    walk(root.find('body'), 1)
    return out, lang


def locale_words(lang):
    root = ET.parse('styles/locales/%s.xml' % lang).getroot()
    return {squash(l.text) for l in root.iter('label')
            if l.get('key') in ('contents', 'imprint')}


def check_sections(path, xml_path, r):
    heads = struct_headings(path)
    sections, lang = report_sections(xml_path)
    k = 0
    for level, text in heads:
        if k < len(sections) and level == sections[k][0] and \
                squash(text).endswith(squash(sections[k][1])):
            k += 1
        elif level == 1 and squash(text) not in locale_words(lang):
            r.fail('H1 "%s" is no section title of the report' % text)
    for depth, title in sections[k:]:
        r.fail('section "%s" (H%d) is not among the headings in order'
               % (title, depth))
    return r.finish('sections: the %d section titles are headings of '
                    'their level, in order' % len(sections))


def figure_alts(pdf):
    tree = Tree(pdf, Report())
    return [pdf.string(pdf.get(d.get('/Alt'))) or ''
            for ref, d in tree.elems if d.get('/S') == '/Figure']


def check_charts(pdf, csv_path, r):
    charts = {}
    with open(csv_path, newline='') as f:
        for row in csv.DictReader(f):
            charts.setdefault(row['chart'], []).append(row)
    alts = [nbsp_as_space(a) for a in figure_alts(pdf)]
    for chart, bars in charts.items():
        want = [nbsp_as_space(x) for b in bars
                for x in (b['label'], b['share'])]
        if not any(in_order(alt, want) for alt in alts):
            r.fail('chart %s: no Figure /Alt names its bars and shares '
                   'in order (%s …)' % (chart, ', '.join(want[:4])))
    return r.finish('charts: the /Alt of %d charts holds every bar\'s '
                    'label and share' % len(charts))


def nbsp_as_space(s):
    """A text string of the PDF may hold a no-break space as a space."""
    return s.replace('\u00a0', ' ')


def in_order(text, parts):
    at = 0
    for p in parts:
        at = text.find(p, at)
        if at < 0:
            return False
        at += len(p)
    return True


CHECKS = {
    'marked': check_marked,
    'figures': check_figures,
    'headings': check_headings,
    'fonts': check_fonts,
    'catalog': check_catalog,
    'links': check_links,
    'all': check_all,
}


def main(argv):
    if len(argv) < 3 or argv[1] not in list(CHECKS) + ['sections',
                                                       'charts', 'alts']:
        sys.stderr.write(__doc__)
        return 2
    what, path = argv[1], argv[2]
    if what == 'sections':
        return check_sections(path, argv[3], Report())
    pdf = Pdf(path)
    if what == 'charts':
        return check_charts(pdf, argv[3], Report())
    if what == 'alts':
        print('\n'.join(figure_alts(pdf)))
        return 0
    return CHECKS[what](pdf, Report())


if __name__ == '__main__':
    sys.exit(main(sys.argv))
