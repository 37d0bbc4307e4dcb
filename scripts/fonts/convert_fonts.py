#!/usr/bin/env python3
"""Prepare the role fonts of an official document as TrueType files for libharu.

Run through scripts/prepare-fonts (set-up only; fontTools is not a run-time
dependency of tws).

libharu 2.3.0 embeds only TrueType ('glyf') outlines, and the free CJK faces on
Debian are CFF (Noto CJK, Fandol).  For every face in FACES this script

  * picks the face out of its file (a .ttc member is chosen by its PostScript
    name in the 'name' table, never by a fixed index);
  * keeps only the glyphs the BMP cmap reaches, less Hangul (see
    EXCLUDED_RANGES), ordered by code point so that consecutive characters get
    consecutive glyph ids, then the ideographs of planes 2 and 3 (CJK Extensions
    B–G: rare characters of people's names, e.g. 𠮷 U+20BB7), after every BMP
    glyph so that BMP glyph ids do not depend on them;
  * converts CFF cubic outlines to TrueType quadratics with cu2qu (max error
    1/1000 em, direction reversed for TrueType winding); TrueType sources are
    copied glyph by glyph, composites decomposed (libharu follows only one level
    of components when it subsets);
  * writes glyf/loca, maxp 1.0 (maxima recomputed), post 3.0 (no glyph names),
    hmtx with lsb = xMin, and keeps head/hhea/OS/2/name (and gasp/cvt/fpgm/prep
    of a TrueType source).  CFF, VORG, vhea/vmtx and the OpenType layout tables
    (GSUB/GPOS/GDEF/BASE) are dropped: libharu never reads them and keeping them
    would keep tens of thousands of unreachable glyphs;
  * writes one cmap subtable, (3,1) format 4, with few segments: small gaps
    between mapped runs are filled with glyph 0 through the glyphIdArray (see
    build_cmap4).  libharu's HPDF_GetFont looks up all 65,536 BMP code points
    with a linear scan over the segments, so thousands of segments cost tens of
    milliseconds per font; a handful cost nearly nothing.  A second subtable,
    (3,10) format 12, maps every kept character, planes 2 and 3 included: tws
    (HarfBuzz) reads it to find and measure those characters, and its PDF subsets
    give each one a Private Use Area code in their own format-4 cmap (libharu
    reads only format 4 and cannot address code points above U+FFFF).

Converted sets are cached outside the checkout under
${TWS_CACHE_DIR:-${XDG_CACHE_HOME:-~/.cache}/tws}/fonts/<key>/, key = sha256 over
the source files' hashes, the face names, this script and the fontTools version.
fonts/.stamp records the key that fonts/ holds, so an up-to-date run does nothing.
"""

import argparse
import fcntl
import hashlib
import json
import multiprocessing
import os
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
from bisect import bisect_left
from pathlib import Path

import fontTools
from fontTools.ttLib import TTCollection, TTFont, newTable
from fontTools.ttLib.tables._c_m_a_p import CmapSubtable
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.pens.ttGlyphPen import TTGlyphPen

PROG = "prepare-fonts"
FORMAT_VERSION = 2          # bump when the output layout changes
MAX_ERR_EM = 1.0 / 1000     # cu2qu tolerance, in em
CMAP4_MAX_LENGTH = 65534    # format-4 'length' is a uint16 (libharu reads it so)

# Hangul (jamo, compatibility jamo, syllables) is left out of every face.  Hangul
# syllables are 920 units wide in Noto CJK, and libharu's HPDF_GetFont writes a /W
# entry for every character whose width differs from glyph 0's (1000): the 11,172
# syllables made GetFont take ~10 ms per Noto face (a /W array built with
# quadratic list growth) and added that array to every PDF.  A Chinese personnel
# office's documents do not use Hangul; delete these ranges to keep it.
EXCLUDED_RANGES = [(0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7FF)]

# Planes 2 and 3 (Supplementary and Tertiary Ideographic Planes).
SUPPLEMENTARY_IDEOGRAPHS = (0x20000, 0x3FFFF)

FONT_DIRS = ["/usr/share/fonts", "/usr/local/share/fonts",
             os.path.expanduser("~/.local/share/fonts"), os.path.expanduser("~/.fonts")]

FANDOL_PKG = "texlive-lang-chinese"
FANDOL_FILE = "FandolFang-Regular.otf"


class Face:
    def __init__(self, out, psname, filename, package, roles, cost, rename=()):
        self.out = out              # file written into fonts/
        self.psname = psname        # PostScript name (name ID 6) of the face to take
        self.filename = filename    # source file name, looked up in FONT_DIRS
        self.package = package      # where the source comes from, for messages
        self.roles = roles          # for the one-line report
        self.cost = cost            # rough relative conversion time (scheduling)
        self.rename = list(rename)  # (old, new) substitutions in the font's names


FACES = [
    Face("NotoSerifCJKsc-Bold-tt.ttf", "NotoSerifCJKsc-Bold", "NotoSerifCJK-Bold.ttc",
         "fonts-noto-cjk", "title 标题 (heavy Song)", 10),
    Face("NotoSerifCJKsc-Regular-tt.ttf", "NotoSerifCJKsc-Regular", "NotoSerifCJK-Regular.ttc",
         "fonts-noto-cjk", "number 数字/页码 (Song); fallback", 10),
    Face("NotoSansCJKsc-Regular-tt.ttf", "NotoSansCJKsc-Regular", "NotoSansCJK-Regular.ttc",
         "fonts-noto-cjk", "heading1 一级标题 (Hei)", 9),
    Face("FandolFang-Regular-tt.ttf", "FandolFang-Regular", FANDOL_FILE,
         FANDOL_PKG + " (.deb downloaded, not installed)", "body 正文 (FangSong)", 3),
    # "LXGW" and "霞鹜" are Reserved Font Names under the OFL: a modified version (this
    # one has a new cmap and fewer glyphs) must not be called by them.
    Face("LXGWWenKai-Regular-tt.ttf", "LXGWWenKai-Regular", "LXGWWenKai-Regular.ttf",
         "fonts-lxgw-wenkai", "heading2 二级标题 (Kai)", 2,
         rename=[("LXGW WenKai", "WenKai TWS"), ("LXGWWenKai", "WenKaiTWS"),
                 ("霞鹜文楷", "文楷TWS")]),
]


class SetupError(Exception):
    pass


def say(msg):
    print(msg, flush=True)


def warn(msg):
    print(f"{PROG}: {msg}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- files

def atomic_write_bytes(path, data):
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class HashMemo:
    """sha256 of files, remembered by (path, size, mtime, inode) in the cache."""

    def __init__(self, path):
        self.path = path
        self.changed = False
        try:
            self.memo = json.loads(Path(path).read_text())
        except (OSError, ValueError):
            self.memo = {}

    def get(self, file):
        st = os.stat(file)
        sig = [st.st_size, st.st_mtime_ns, st.st_ino]
        key = os.path.realpath(file)
        ent = self.memo.get(key)
        if ent and ent[0] == sig:
            return ent[1]
        digest = sha256_file(file)
        self.memo[key] = [sig, digest]
        self.changed = True
        return digest

    def save(self):
        if self.changed:
            atomic_write_bytes(self.path, json.dumps(self.memo, indent=0).encode())


# ------------------------------------------------------------------------- sources

def find_font_file(name):
    for d in FONT_DIRS:
        if not os.path.isdir(d):
            continue
        for root, _dirs, files in os.walk(d):
            if name in files:
                return os.path.join(root, name)
    return None


def run(cmd, cwd=None):
    return subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True)


def fetch_fandol(cache):
    """FandolFang-Regular.otf out of the texlive-lang-chinese .deb, without installing it.

    The .deb is kept in <cache>/deb/ and the extracted font (with its licence
    files) in <cache>/sources/fandol/, so later runs need no network."""
    src_dir = cache / "sources" / "fandol"
    otf = src_dir / FANDOL_FILE
    if otf.is_file():
        return otf

    deb_dir = cache / "deb"
    deb_dir.mkdir(parents=True, exist_ok=True)
    debs = sorted(deb_dir.glob(FANDOL_PKG + "_*.deb"), key=lambda p: p.stat().st_mtime)
    if not debs:
        if not shutil.which("apt-get"):
            raise SetupError(f"{FANDOL_FILE} is missing and apt-get is not available to "
                             f"download {FANDOL_PKG}")
        say(f"{PROG}: downloading {FANDOL_PKG} (.deb only, ~50 MB, not installed) for {FANDOL_FILE}")
        with tempfile.TemporaryDirectory(prefix="dl-", dir=deb_dir) as tmp:
            os.chmod(tmp, 0o755)
            r = run(["apt-get", "download", FANDOL_PKG], cwd=tmp)
            if r.returncode != 0 and os.geteuid() == 0:
                # a fresh machine may have no package lists yet
                run(["apt-get", "update", "-q"])
                r = run(["apt-get", "download", FANDOL_PKG], cwd=tmp)
            got = list(Path(tmp).glob(FANDOL_PKG + "_*.deb"))
            if r.returncode != 0 or not got:
                raise SetupError(f"cannot get {FANDOL_FILE}: `apt-get download {FANDOL_PKG}` "
                                 f"failed:\n{r.stdout.strip()}")
            os.replace(got[0], deb_dir / got[0].name)
            debs = [deb_dir / got[0].name]
    deb = debs[-1]

    (cache / "sources").mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="x-", dir=cache / "sources") as tmp:
        tree = Path(tmp) / "tree"
        r = run(["dpkg-deb", "-x", str(deb), str(tree)])
        if r.returncode != 0:
            raise SetupError(f"cannot unpack {deb}: {r.stdout.strip()} "
                             f"(delete it to download it again)")
        r = run(["find", str(tree), "-type", "f", "-name", FANDOL_FILE])
        found = [line for line in r.stdout.splitlines() if line.strip()]
        if not found:
            raise SetupError(f"{FANDOL_FILE} not found inside {deb}")
        stage = Path(tmp) / "fandol"
        stage.mkdir()
        shutil.copy2(found[0], stage / FANDOL_FILE)
        fdoc = tree / "usr/share/doc/texlive-doc/fonts/fandol"
        for name in ("README", "COPYING.gz"):
            if (fdoc / name).is_file():
                shutil.copy2(fdoc / name, stage / name)
        (stage / "SOURCE").write_text(f"extracted from {deb.name}\n{found[0][len(str(tree)):]}\n")
        if src_dir.exists():
            shutil.rmtree(src_dir)
        os.replace(stage, src_dir)
    return otf


def resolve_sources(cache):
    """Source path of every face; SetupError naming the package if one is missing."""
    paths, missing = {}, []
    for face in FACES:
        if face.filename == FANDOL_FILE:
            continue
        p = find_font_file(face.filename)
        if p is None:
            missing.append(f"{face.filename} (package {face.package})")
        paths[face.out] = p
    if missing:
        raise SetupError("source font(s) missing: " + ", ".join(missing) +
                         " — run scripts/setup or apt-get install them")
    fandol = next(f for f in FACES if f.filename == FANDOL_FILE)
    paths[fandol.out] = str(fetch_fandol(cache))
    return paths


# ----------------------------------------------------------------------- conversion

def open_face(path, psname):
    """The face of `path` whose PostScript name is `psname` (a .ttc is searched)."""
    with open(path, "rb") as f:
        tag = f.read(4)
    if tag == b"ttcf":
        coll = TTCollection(path, lazy=True)
        names = []
        for i, font in enumerate(coll.fonts):
            name = font["name"].getDebugName(6)
            names.append(name)
            if name == psname:
                return TTFont(path, fontNumber=i, lazy=True)
        raise SetupError(f"{path} has no face named {psname} (it has: {', '.join(map(str, names))})")
    font = TTFont(path, lazy=True)
    name = font["name"].getDebugName(6)
    if name != psname:
        raise SetupError(f"{path} is {name}, expected {psname}")
    return font


def bmp_cmap(font):
    """{code point: glyph name} for the BMP (U+FFFF ends the table; EXCLUDED_RANGES)."""
    cmap = font["cmap"]
    sub = cmap.getcmap(3, 1) or cmap.getcmap(0, 3)
    mapping = sub.cmap if sub is not None else cmap.getBestCmap()
    if not mapping:
        raise SetupError("no Unicode cmap")
    return {cp: g for cp, g in mapping.items()
            if cp < 0xFFFF and g != ".notdef"
            and not any(lo <= cp <= hi for lo, hi in EXCLUDED_RANGES)}


def ideograph_cmap(font):
    """{code point: glyph name} for planes 2 and 3 (CJK Extensions B–G and the
    compatibility supplement), from the (3,10) subtable; empty when there is none."""
    sub = font["cmap"].getcmap(3, 10) or font["cmap"].getcmap(0, 4)
    if sub is None:
        return {}
    return {cp: g for cp, g in sub.cmap.items()
            if SUPPLEMENTARY_IDEOGRAPHS[0] <= cp <= SUPPLEMENTARY_IDEOGRAPHS[1] and g != ".notdef"}


def cmap4_segments_in(font):
    """Segment count of the (3,1) format-4 subtable of the source, for the report."""
    raw = font.reader["cmap"]
    n = struct.unpack(">H", raw[2:4])[0]
    for k in range(n):
        pid, eid, off = struct.unpack(">HHI", raw[4 + 8 * k:12 + 8 * k])
        if (pid, eid) == (3, 1) and struct.unpack(">H", raw[off:off + 2])[0] == 4:
            return struct.unpack(">H", raw[off + 6:off + 8])[0] // 2
    return None


def build_cmap4(gids):
    """Binary cmap format-4 subtable for {code point: glyph id} (code points < 0xFFFF).

    Start from the maximal runs of consecutive code points with consecutive glyph
    ids (one idDelta segment each, 8 bytes).  Then repeatedly merge the two
    neighbouring segments whose merge costs the fewest bytes into one
    glyphIdArray segment that spans the gap between them, the gap's code points
    mapped to glyph 0 (2 bytes per code point spanned), while the subtable stays
    within the 16-bit length.  Returns (bytes, segment count incl. the final
    0xFFFF one)."""
    import heapq

    cps = sorted(gids)
    starts, ends, deltas = [], [], []
    for cp in cps:
        d = gids[cp] - cp
        if starts and cp == ends[-1] + 1 and d == deltas[-1]:
            ends[-1] = cp
        else:
            starts.append(cp)
            ends.append(cp)
            deltas.append(d)
    n = len(starts)
    is_array = [False] * n
    nxt = list(range(1, n + 1))
    prv = list(range(-1, n - 1))
    alive = [True] * n
    version = [0] * n

    def size(i):
        return 8 + (2 * (ends[i] - starts[i] + 1) if is_array[i] else 0)

    def merge_cost(i):
        j = nxt[i]
        return 8 + 2 * (ends[j] - starts[i] + 1) - size(i) - size(j)

    total = 16 + 8 * (n + 1)
    heap = [(merge_cost(i), i, 0) for i in range(n - 1)]
    heapq.heapify(heap)
    while heap:
        cost, i, ver = heapq.heappop(heap)
        if not alive[i] or ver != version[i] or nxt[i] >= n:
            continue
        if total + cost > CMAP4_MAX_LENGTH:
            break
        j = nxt[i]
        total += cost
        ends[i] = ends[j]
        is_array[i] = True
        alive[j] = False
        nxt[i] = nxt[j]
        if nxt[j] < n:
            prv[nxt[j]] = i
        version[i] += 1
        if nxt[i] < n:
            heapq.heappush(heap, (merge_cost(i), i, version[i]))
        p = prv[i]
        if p >= 0:
            version[p] += 1
            heapq.heappush(heap, (merge_cost(p), p, version[p]))

    segs = [i for i in range(n) if alive[i]]
    seg_count = len(segs) + 1
    end_codes, start_codes, id_deltas, id_range_offsets, glyph_array = [], [], [], [], []
    for k, i in enumerate(segs):
        start_codes.append(starts[i])
        end_codes.append(ends[i])
        if is_array[i]:
            id_deltas.append(0)
            id_range_offsets.append(2 * (seg_count - k) + 2 * len(glyph_array))
            glyph_array.extend(gids.get(cp, 0) for cp in range(starts[i], ends[i] + 1))
        else:
            id_deltas.append(deltas[i] & 0xFFFF)
            id_range_offsets.append(0)
    start_codes.append(0xFFFF)
    end_codes.append(0xFFFF)
    id_deltas.append(1)
    id_range_offsets.append(0)

    search_range = 2
    entry_selector = 0
    while search_range * 2 <= seg_count * 2:
        search_range *= 2
        entry_selector += 1
    range_shift = 2 * seg_count - search_range
    length = 16 + 8 * seg_count + 2 * len(glyph_array)
    if length > CMAP4_MAX_LENGTH:
        raise SetupError(f"{seg_count} cmap segments do not fit a format-4 subtable")
    assert length == total, (length, total)
    assert max(id_range_offsets) <= 0xFFFF
    data = struct.pack(">7H", 4, length, 0, 2 * seg_count, search_range, entry_selector,
                       range_shift)
    data += struct.pack(f">{seg_count}H", *end_codes) + b"\0\0"
    data += struct.pack(f">{seg_count}H", *start_codes)
    data += struct.pack(f">{seg_count}H", *id_deltas)
    data += struct.pack(f">{seg_count}H", *id_range_offsets)
    data += struct.pack(f">{len(glyph_array)}H", *glyph_array)
    assert len(data) == length
    return data, seg_count


def parse_cmap4_like_libharu(data):
    """A lookup function that reads a format-4 subtable the way libharu 2.3.0 does
    (HPDF_TTFontDef_GetGlyphid), to check the table we wrote."""
    fmt, length, _lang, segx2 = struct.unpack(">4H", data[:8])
    n = segx2 // 2
    o = 14
    ends = struct.unpack(f">{n}H", data[o:o + 2 * n]); o += 2 * n + 2
    starts = struct.unpack(f">{n}H", data[o:o + 2 * n]); o += 2 * n
    deltas = struct.unpack(f">{n}h", data[o:o + 2 * n]); o += 2 * n
    ros = struct.unpack(f">{n}H", data[o:o + 2 * n]); o += 2 * n
    count = (length - o) // 2
    arr = struct.unpack(f">{count}H", data[o:o + 2 * count])

    def lookup(u):
        i = bisect_left(ends, u)        # first segment with end >= u (ends are sorted)
        if i >= n or starts[i] > u:
            return 0
        if ros[i] == 0:
            return (u + deltas[i]) & 0xFFFF
        idx = ros[i] // 2 + (u - starts[i]) - (n - i)
        if idx >= count:
            return 0
        return (arr[idx] + deltas[i]) & 0xFFFF
    return lookup


NAME_IDS_RENAMED = (1, 3, 4, 6, 16, 17, 18, 20, 21, 22)


def rewrite_names(name_table, rename, psname):
    """Apply the face's renames to its naming records and say where the file came from."""
    for rec in name_table.names:
        if rec.nameID not in NAME_IDS_RENAMED:
            continue
        text = rec.toUnicode()
        new = text
        for old, repl in rename:
            new = new.replace(old, repl)
        if new != text:
            rec.string = new
    note = (f"TrueType conversion of {psname} for libharu, made by tws "
            f"scripts/prepare-fonts (fontTools {fontTools.version}); not for redistribution.")
    name_table.setName(note, 10, 3, 1, 0x409)


def convert_face(src, psname, out_path, rename=()):
    """Convert one face; writes out_path (atomically) and returns report figures."""
    t0 = time.monotonic()
    src_font = open_face(src, psname)
    upem = src_font["head"].unitsPerEm
    cmap = bmp_cmap(src_font)
    rare = ideograph_cmap(src_font)
    segs_before = cmap4_segments_in(src_font)
    src_glyph_count = len(src_font.getGlyphOrder())

    first_cp = {}
    for cp in sorted(cmap):
        first_cp.setdefault(cmap[cp], cp)
    for cp in sorted(rare):
        first_cp.setdefault(rare[cp], cp)     # after every BMP code point
    order = [".notdef"] + sorted(first_cp, key=first_cp.get)
    gid_of = {name: i for i, name in enumerate(order)}

    glyph_set = src_font.getGlyphSet()
    src_hmtx = src_font["hmtx"]
    is_cff = "CFF " in src_font
    if not is_cff and "glyf" not in src_font:
        raise SetupError(f"{src}: neither CFF nor glyf outlines")
    max_err = upem * MAX_ERR_EM

    def decomposed(name):
        # libharu's subsetter follows components one level deep only, and the
        # components may be glyphs the cmap does not reach: draw them in place
        rec = DecomposingRecordingPen(glyph_set)
        glyph_set[name].draw(rec)
        pen = TTGlyphPen(None)
        rec.replay(Cu2QuPen(pen, max_err, reverse_direction=True) if is_cff else pen)
        return pen.glyph()

    glyphs = {}
    src_glyf = None if is_cff else src_font["glyf"]
    for name in order:
        if is_cff:
            pen = TTGlyphPen(None)
            glyph_set[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
            g = pen.glyph()
        else:
            g = src_glyf[name]       # TrueType already: copied as it is
        if g.isComposite():
            g = decomposed(name)
        glyphs[name] = g

    font = TTFont(sfntVersion="\x00\x01\x00\x00", recalcBBoxes=True, recalcTimestamp=False)
    font.setGlyphOrder(order)
    for tag in ("head", "hhea", "OS/2", "name"):
        font[tag] = src_font[tag]
    if not is_cff:
        for tag in ("gasp", "cvt ", "fpgm", "prep"):
            if tag in src_font:
                font[tag] = src_font[tag]
    font["head"].glyphDataFormat = 0
    rewrite_names(font["name"], rename, psname)

    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    font["glyf"] = glyf
    font["loca"] = newTable("loca")

    hmtx = newTable("hmtx")
    hmtx.metrics = {}
    for name in order:
        g = glyphs[name]
        if g.numberOfContours:
            g.recalcBounds(glyf)
            lsb = g.xMin
        else:
            lsb = 0
        hmtx.metrics[name] = (src_hmtx[name][0], lsb)
    font["hmtx"] = hmtx

    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = len(order)
    src_maxp = src_font["maxp"]
    for attr, default in (("maxZones", 1), ("maxTwilightPoints", 0), ("maxStorage", 0),
                          ("maxFunctionDefs", 0), ("maxInstructionDefs", 0),
                          ("maxStackElements", 0), ("maxSizeOfInstructions", 0)):
        value = getattr(src_maxp, attr, default) if not is_cff else default
        setattr(maxp, attr, value)
    for attr in ("maxPoints", "maxContours", "maxCompositePoints", "maxCompositeContours",
                 "maxComponentElements", "maxComponentDepth"):
        setattr(maxp, attr, 0)          # recomputed from glyf on save (recalcBBoxes)
    font["maxp"] = maxp

    post = newTable("post")
    src_post = src_font["post"]
    post.formatType = 3.0
    for attr in ("italicAngle", "underlinePosition", "underlineThickness", "isFixedPitch"):
        setattr(post, attr, getattr(src_post, attr))
    post.minMemType42 = post.maxMemType42 = post.minMemType1 = post.maxMemType1 = 0
    font["post"] = post

    gids = {cp: gid_of[name] for cp, name in cmap.items()}
    cmap4_data, segs_after = build_cmap4(gids)
    sub = CmapSubtable.newSubtable(4)
    sub.platformID, sub.platEncID, sub.language = 3, 1, 0
    sub.cmap = dict(cmap)                      # used by OS/2 first/last char index
    sub.compile = lambda ttFont, _data=cmap4_data: _data
    full = CmapSubtable.newSubtable(12)
    full.platformID, full.platEncID, full.language = 3, 10, 0
    full.cmap = {**cmap, **rare}
    cmap_table = newTable("cmap")
    cmap_table.tableVersion = 0
    cmap_table.tables = [sub, full]
    font["cmap"] = cmap_table
    if hasattr(font["OS/2"], "recalcUnicodeRanges"):
        font["OS/2"].recalcUnicodeRanges(font, pruneOnly=True)   # Hangul etc. gone

    tmp = out_path + ".part"
    font.save(tmp, reorderTables=True)
    os.replace(tmp, out_path)

    check_output(out_path, gids, cmap4_data, {cp: gid_of[name] for cp, name in rare.items()})
    return {
        "out": os.path.basename(out_path),
        "source": src,
        "psname": psname,
        "psname_out": font["name"].getDebugName(6),
        "outlines": "CFF→TrueType (cu2qu)" if is_cff else "TrueType (copied)",
        "glyphs_before": src_glyph_count,
        "glyphs_after": len(order),
        "bmp_chars": len(cmap),
        "plane2_3_chars": len(rare),
        "cmap4_segments_before": segs_before,
        "cmap4_segments_after": segs_after,
        "cmap4_bytes": len(cmap4_data),
        "source_bytes": os.path.getsize(src),
        "bytes": os.path.getsize(out_path),
        "seconds": round(time.monotonic() - t0, 1),
    }


def check_output(path, gids, cmap4_data, rare_gids):
    """Reload the written font and check what libharu will rely on."""
    f = TTFont(path)
    tags = set(f.keys())
    for bad in ("CFF ", "CFF2", "VORG"):
        if bad in tags:
            raise SetupError(f"{path}: still has {bad}")
    for need in ("glyf", "loca", "head", "hhea", "hmtx", "maxp", "name", "post", "OS/2", "cmap"):
        if need not in tags:
            raise SetupError(f"{path}: no {need} table")
    subs = f["cmap"].tables
    if [(s.platformID, s.platEncID, s.format) for s in subs] != [(3, 1, 4), (3, 10, 12)]:
        raise SetupError(f"{path}: unexpected cmap subtables")
    if f["maxp"].tableVersion != 0x00010000 or f["post"].formatType != 3.0:
        raise SetupError(f"{path}: maxp/post version")
    # every BMP code point resolves (as libharu resolves it) to the intended glyph
    lookup = parse_cmap4_like_libharu(cmap4_data)
    for u in range(0x10000):
        if lookup(u) != gids.get(u, 0):
            raise SetupError(f"{path}: cmap maps U+{u:04X} to {lookup(u)}, "
                             f"expected {gids.get(u, 0)}")
    # and fontTools' own reading of the file agrees
    gid_of = {name: i for i, name in enumerate(f.getGlyphOrder())}
    decoded = {cp: gid_of[g] for cp, g in subs[0].cmap.items() if g != ".notdef"}
    if decoded != gids:
        raise SetupError(f"{path}: fontTools reads {len(decoded)} cmap entries that differ "
                         f"from the {len(gids)} written")
    decoded = {cp: gid_of[g] for cp, g in subs[1].cmap.items() if g != ".notdef"}
    if decoded != {**gids, **rare_gids}:
        raise SetupError(f"{path}: the format-12 cmap differs from the characters kept")
    if f["maxp"].numGlyphs != len(gid_of) or len(f["hmtx"].metrics) != len(gid_of):
        raise SetupError(f"{path}: maxp/hmtx glyph count")


def convert_worker(args):
    src, psname, out_path, rename = args
    return convert_face(src, psname, out_path, rename)


def _worker_init():
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # the parent handles Ctrl-C ...
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # ... and ends the workers with TERM
    signal.signal(signal.SIGHUP, signal.SIG_DFL)


def convert_all(paths, out_dir, jobs):
    """Convert every face into out_dir, `jobs` at a time, biggest first; returns the
    manifest.  An interrupt or a failure terminates the other conversions at once."""
    order = sorted(FACES, key=lambda f: -f.cost)
    manifest = {}
    pool = multiprocessing.get_context("fork").Pool(
        processes=max(1, min(jobs, len(order))), initializer=_worker_init, maxtasksperchild=1)
    try:
        pending = [(f, pool.apply_async(convert_worker, ((paths[f.out], f.psname,
                                                          str(out_dir / f.out), f.rename),)))
                   for f in order]
        while pending:
            pending[0][1].wait(0.2)
            for item in [p for p in pending if p[1].ready()]:
                pending.remove(item)
                face, res = item
                try:
                    info = res.get()
                except Exception as e:  # noqa: BLE001 - reported with the face
                    raise SetupError(f"converting {face.psname} from {paths[face.out]} "
                                     f"failed: {type(e).__name__}: {e}") from e
                manifest[face.out] = info
                say(report_line(face, info, f"converted in {info['seconds']} s"))
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
    return manifest


# ----------------------------------------------------------------------- main flow

def cache_root():
    base = os.environ.get("TWS_CACHE_DIR")
    if not base:
        xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        base = os.path.join(xdg, "tws")
    return Path(base)


def compute_key(paths, memo):
    h = hashlib.sha256()
    h.update(f"format {FORMAT_VERSION}\nfontTools {fontTools.version}\n".encode())
    h.update(("converter " + sha256_file(__file__) + "\n").encode())
    for face in FACES:
        h.update(f"{face.out} {face.psname} {memo.get(paths[face.out])}\n".encode())
    return h.hexdigest()[:32]


def read_stamp(fonts_dir):
    try:
        lines = (fonts_dir / ".stamp").read_text().split("\n")
    except OSError:
        return None, []
    return lines[0].strip(), [x.strip() for x in lines[1:] if x.strip()]


def fmt_mb(n):
    return f"{n / 1e6:.1f} MB"


DISPLAY_DIR = "fonts"   # how the report names the output folder (set by main)


def report_line(face, info, how):
    seg = ""
    if info.get("cmap4_segments_after") is not None:
        seg = f", cmap {info.get('cmap4_segments_before')}→{info['cmap4_segments_after']} segments"
    return (f"  {DISPLAY_DIR}/{face.out:<31} {face.roles}: {info['glyphs_after']} glyphs, "
            f"{fmt_mb(info['bytes'])}{seg} ({how})")


def install(set_dir, fonts_dir, key, old_files):
    """Put the cached set into fonts/ (hard link or copy, each by rename)."""
    for face in FACES:
        src = set_dir / face.out
        tmp = fonts_dir / f".{face.out}.{os.getpid()}.tmp"
        if tmp.exists():
            tmp.unlink()
        try:
            os.link(src, tmp)
        except OSError:
            shutil.copy2(src, tmp)
        os.replace(tmp, fonts_dir / face.out)
    new_files = [f.out for f in FACES]
    for name in old_files:                 # files a previous version of this script made
        if name not in new_files and name.endswith("-tt.ttf"):
            try:
                (fonts_dir / name).unlink()
            except FileNotFoundError:
                pass
    atomic_write_bytes(fonts_dir / ".stamp", ("\n".join([key] + new_files) + "\n").encode())


def prune_cache(fonts_cache, keep):
    """Keep the `keep` most recently used converted sets."""
    sets = [p for p in fonts_cache.iterdir() if p.is_dir() and not p.name.startswith(".")]
    sets.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    for p in sets[keep:]:
        shutil.rmtree(p, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(prog=PROG, description=__doc__.split("\n\n")[0])
    ap.add_argument("--force", action="store_true", help="convert again, ignoring the cache")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1),
                    help="faces converted in parallel (default: 2, or 1 on one core)")
    ap.add_argument("--fonts-dir", default="fonts", help="output folder (default: fonts)")
    args = ap.parse_args()

    global DISPLAY_DIR
    t0 = time.monotonic()
    fonts_dir = Path(args.fonts_dir)
    DISPLAY_DIR = args.fonts_dir.rstrip("/") or "/"
    fonts_dir.mkdir(parents=True, exist_ok=True)
    cache = cache_root()
    fonts_cache = cache / "fonts"
    fonts_cache.mkdir(parents=True, exist_ok=True)

    with open(cache / "lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            say(f"{PROG}: waiting for another prepare-fonts run to finish")
            fcntl.flock(lock, fcntl.LOCK_EX)
        for stale in fonts_cache.glob(".tmp-*"):   # left by a killed run
            shutil.rmtree(stale, ignore_errors=True)
        memo = HashMemo(cache / "hashes.json")
        paths = resolve_sources(cache)
        key = compute_key(paths, memo)
        memo.save()
        set_dir = fonts_cache / key
        manifest_path = set_dir / "manifest.json"

        stamp_key, old_files = read_stamp(fonts_dir)
        manifest = None
        if manifest_path.is_file():
            manifest = json.loads(manifest_path.read_text())
        if (not args.force and stamp_key == key
                and all((fonts_dir / f.out).is_file() for f in FACES)):
            for face in FACES:
                info = (manifest or {}).get(face.out) or {
                    "glyphs_after": "?", "bytes": (fonts_dir / face.out).stat().st_size}
                say(report_line(face, info, "up to date"))
            say(f"{PROG}: fonts/ is up to date ({time.monotonic() - t0:.2f} s)")
            return 0

        how = "cached"
        if manifest is not None and not all((set_dir / f.out).is_file() for f in FACES):
            manifest = None                    # damaged cache entry: convert again
        if args.force or manifest is None:
            how = "converted"
            tmp_dir = Path(tempfile.mkdtemp(prefix=f".tmp-{key}-", dir=fonts_cache))
            os.chmod(tmp_dir, 0o755)
            try:
                say(f"{PROG}: converting {len(FACES)} faces to TrueType with {args.jobs} "
                    f"job(s); this takes about a minute, once: later runs use "
                    f"{fonts_cache}/")
                manifest = convert_all(paths, tmp_dir, args.jobs)
                atomic_write_bytes(tmp_dir / "manifest.json",
                                   json.dumps(manifest, indent=1, ensure_ascii=False).encode())
                if set_dir.exists():
                    shutil.rmtree(set_dir)
                os.replace(tmp_dir, set_dir)
            finally:
                if tmp_dir.exists():
                    shutil.rmtree(tmp_dir, ignore_errors=True)
        os.utime(set_dir)
        install(set_dir, fonts_dir, key, old_files)
        if how == "cached":
            for face in FACES:
                say(report_line(face, manifest[face.out], "from cache"))
        prune_cache(fonts_cache, keep=3)
        say(f"{PROG}: fonts/ ready ({how}, {time.monotonic() - t0:.1f} s)")
    return 0


def _terminate(signum, _frame):
    raise KeyboardInterrupt


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGHUP, _terminate)
    try:
        sys.exit(main())
    except SetupError as e:
        warn(f"error: {e}")
        sys.exit(1)
    except KeyboardInterrupt:
        warn("interrupted; nothing half-written was installed")
        sys.exit(130)
