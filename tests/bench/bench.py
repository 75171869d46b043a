#!/usr/bin/python3
"""bench: brochure against the libharu floor on synthetic reports.

    bench.py --brochure BIN --floor BIN --work DIR [--sizes 23,230,2300]
             [--runs 5] [--font fonts/Lato-Regular.ttf]

For each N it generates a report (gen.py, seeded), builds it once with
brochure as a warm-up, takes the words of that PDF (pdftotext) and its
page count (pdfinfo) for the floor, runs the floor once as a warm-up, then
runs both RUNS times, alternately, and prints the medians of the
whole-process figures: wall time, user+sys time and peak memory
(ru_maxrss of the child, from wait4), output size and pages, with the
ratios brochure / floor.

Timings depend on the machine and its load: this prints them, it never
judges them (make check does not run it).
"""
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def run(argv):
    """Run argv to completion: (wall s, user+sys s, max RSS KiB)."""
    with open(os.devnull, "wb") as null:
        t0 = time.monotonic()
        pid = os.posix_spawn(argv[0], argv, os.environ,
                             file_actions=[(os.POSIX_SPAWN_DUP2,
                                            null.fileno(), 1),
                                           (os.POSIX_SPAWN_DUP2,
                                            null.fileno(), 2)])
        _, status, ru = os.wait4(pid, 0)
        wall = time.monotonic() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("bench: %s failed (%d)" % (" ".join(argv), status))
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss


def pages(pdf):
    out = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True,
                         check=True).stdout
    return int(next(l.split()[1] for l in out.splitlines()
                    if l.startswith("Pages:")))


def bench_one(n, opt):
    d = os.path.join(opt["work"], "n%d" % n)
    subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), str(n), d],
                   check=True)
    report = os.path.join(d, "report.xml")
    b_pdf, f_pdf = os.path.join(d, "brochure.pdf"), os.path.join(d,
                                                                "floor.pdf")
    b_argv = [os.path.abspath(opt["brochure"]), "build", report, "-o", b_pdf]
    # the warm-up shows brochure's diagnostics: there should be none
    subprocess.run(b_argv, check=True)
    words = os.path.join(d, "words.txt")
    subprocess.run(["pdftotext", "-q", b_pdf, words], check=True)
    f_argv = [os.path.abspath(opt["floor"]), words, str(pages(b_pdf)),
              f_pdf, opt["font"]]
    run(f_argv)
    b, f = [], []
    for _ in range(opt["runs"]):    # alternate, so load hits both alike
        b.append(run(b_argv))
        f.append(run(f_argv))
    rows = []
    for name, res, pdf in (("brochure", b, b_pdf), ("floor", f, f_pdf)):
        rows.append({"name": name,
                     "wall": statistics.median(r[0] for r in res),
                     "cpu": statistics.median(r[1] for r in res),
                     "rss": statistics.median(r[2] for r in res),
                     "size": os.path.getsize(pdf), "pages": pages(pdf)})
    return rows


def main(argv):
    opt = {"sizes": "23,230,2300", "runs": "5",
           "font": os.path.join(HERE, "..", "..", "fonts",
                                "Lato-Regular.ttf")}
    args = argv[1:]
    while args:
        if len(args) < 2 or not args[0].startswith("--"):
            sys.exit(__doc__)
        opt[args[0][2:]] = args[1]
        args = args[2:]
    for k in ("brochure", "floor", "work"):
        if k not in opt:
            sys.exit(__doc__)
    opt["runs"] = int(opt["runs"])
    print("medians of %d runs after a warm-up; ratio = brochure / floor"
          % opt["runs"])
    print("%6s  %-8s %5s %9s %9s %8s %9s" % ("N", "", "pages", "wall ms",
                                               "cpu ms", "RSS MB",
                                               "size KB"))
    for n in (int(x) for x in opt["sizes"].split(",")):
        b, f = bench_one(n, opt)
        for r in (b, f):
            print("%6d  %-8s %5d %9.0f %9.0f %8.1f %9.0f"
                  % (n, r["name"], r["pages"], r["wall"] * 1000,
                     r["cpu"] * 1000, r["rss"] / 1024, r["size"] / 1024))
        print("%6d  %-8s %5s %9.2f %9.2f %8.2f %9.2f"
              % (n, "ratio", "", b["wall"] / f["wall"], b["cpu"] / f["cpu"],
                 b["rss"] / f["rss"], b["size"] / f["size"]))
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
