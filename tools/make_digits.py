#!/usr/bin/env python3
"""Makes web/lib/actlab-digits.js, the handwritten digits that
lab.makeDataset('digits') serves, from Debian's copy of the data.

The data: the test set of the UCI "Optical Recognition of Handwritten
Digits" (E. Alpaydin, C. Kaynak, 1998; https://archive.ics.uci.edu/dataset/80,
CC BY 4.0): 1,797 images of 8 x 8 cells, each cell the count (0..16) of
on-pixels in a 4 x 4 block of a 32 x 32 bitmap. Debian ships it in
python3-sklearn as sklearn/datasets/data/digits.csv.gz (64 counts then the
label per line). This script fetches that package without installing it
(apt-get download, dpkg -x), checks the file, and writes it one image per
line: 64 letters (a = 0 ... q = 16) then the label, 117 KB of text that
gzip brings to 47 KB.

The derived file is in the repository (not made by the build) so that a
build needs neither the Debian mirror nor Python, and the page, the npm
package and the tests all read the same bytes. The checks here (count,
class counts, value range, the SHA-256 of the CSV text) are repeated by
js-tests/digits.test.mjs on the shipped file: decoding it back to CSV must
give the same SHA-256 as Debian's file.

Usage: tools/make_digits.py [path/to/digits.csv.gz]   (run from anywhere)
"""
import gzip
import hashlib
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, 'web', 'lib', 'actlab-digits.js')
MEMBER = 'usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz'
# The SHA-256 of the uncompressed CSV in python3-sklearn 1.2.1+dfsg-1 (bookworm).
CSV_SHA256 = '6ebb3d2fee246a4e99363262ddf8a00a3c41bee6014c373ed9d9216ba7f651b8'
COUNT = 1797
CLASS_COUNTS = [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]


def fetch(tmp):
    subprocess.run(['apt-get', 'download', 'python3-sklearn'], cwd=tmp, check=True,
                   stdout=subprocess.DEVNULL)
    deb = next(f for f in os.listdir(tmp) if f.endswith('.deb'))
    subprocess.run(['dpkg', '-x', deb, 'x'], cwd=tmp, check=True)
    return os.path.join(tmp, 'x', MEMBER)


def read(path):
    with gzip.open(path, 'rb') as f:
        text = f.read()
    digest = hashlib.sha256(text).hexdigest()
    rows = [list(map(int, line.split(b','))) for line in text.splitlines()]
    problems = []
    if len(rows) != COUNT:
        problems.append(f'{len(rows)} rows, expected {COUNT}')
    if any(len(r) != 65 for r in rows):
        problems.append('a row without 64 values and a label')
    if any(not 0 <= v <= 16 for r in rows for v in r[:64]):
        problems.append('a cell outside 0..16')
    counts = [sum(1 for r in rows if r[64] == d) for d in range(10)]
    if counts != CLASS_COUNTS:
        problems.append(f'class counts {counts}, expected {CLASS_COUNTS}')
    if digest != CSV_SHA256:
        problems.append(f'CSV SHA-256 {digest}, expected {CSV_SHA256}')
    if problems:
        sys.exit('make_digits: ' + '; '.join(problems))
    return rows, digest


def write(rows, digest):
    lines = [''.join(chr(ord('a') + v) for v in r[:64]) + str(r[64]) for r in rows]
    body = '\n'.join(lines)
    with open(OUT, 'w', encoding='ascii') as f:
        f.write(f"""// The handwritten digits of lab.makeDataset('digits'). Made by tools/make_digits.py
// from Debian's python3-sklearn (sklearn/datasets/data/digits.csv.gz); do not edit.
//
// Data: the test set of the UCI "Optical Recognition of Handwritten Digits" data set,
// by E. Alpaydin and C. Kaynak (1998), from the UCI Machine Learning Repository
// (https://archive.ics.uci.edu/dataset/80), licensed CC BY 4.0. 1,797 images of 8 x 8
// cells; each cell counts the on-pixels (0..16) in a 4 x 4 block of a 32 x 32 bitmap.
//
// One image per line: 64 letters, row by row (a = 0, b = 1, ... q = 16), then its label.
// csvSha256 is the SHA-256 of Debian's CSV text, which these lines decode back to.

/** The images, undecoded (web/lib/actlab.js decodes them). */
export const DIGITS = Object.freeze({{
  count: {len(rows)},
  csvSha256: '{digest}',
  lines: `{body}`,
}});

/** Resolves when DIGITS is there: at once here (page builds may load the images later). */
export const loadDigits = async () => DIGITS;
""")


def main():
    if len(sys.argv) > 1:
        rows, digest = read(sys.argv[1])
    else:
        with tempfile.TemporaryDirectory() as tmp:
            rows, digest = read(fetch(tmp))
    write(rows, digest)
    print(f'make_digits: {len(rows)} images, CSV SHA-256 {digest} -> {os.path.relpath(OUT, ROOT)}')


if __name__ == '__main__':
    main()
