#!/usr/bin/env python3
"""Writes src/al_dd_recip.h: 1/n for n = 1..65 as double-double pairs
(hi = 1/n rounded to double, lo = the exact remainder rounded), computed with
exact rational arithmetic. Run from the repository root."""
from fractions import Fraction

lines = ["/* 1/n as double-double (hi + lo, hi = 1/n rounded), n = 0..65; entry 0 unused.",
         " * Generated exactly with Python's fractions (see tools/gen_recip.py). */",
         "#ifndef AL_DD_RECIP_H", "#define AL_DD_RECIP_H", "",
         "static const double dd_recip[66][2] = {", "    {0.0, 0.0},"]
for n in range(1, 66):
    q = Fraction(1, n)
    hi = float(q)
    lo = float(q - Fraction(hi))
    lines.append("    {%s, %s}, /* 1/%d */" % (hi.hex(), lo.hex(), n))
lines += ["};", "", "#endif /* AL_DD_RECIP_H */", ""]
with open("src/al_dd_recip.h", "w") as f:
    f.write("\n".join(lines))
