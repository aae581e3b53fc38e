#!/usr/bin/env python3
"""Writes src/al_exp_table.h for the network's fast exponential (src/fast_act.c):
2^(j/64) for j = 0..63 correctly rounded, and ln2/64 split into a 36-bit head
(so k * head is exact for |k| < 2^17) and the rounded rest. Computed with
mpmath at 60 digits. Run from the repository root."""
import mpmath

mpmath.mp.dps = 60
N = 64
lines = ["/* Tables for the fast exponential of src/fast_act.c, generated with mpmath at",
         " * 60 digits by tools/gen_exp_table.py: 2^(j/64) correctly rounded, and ln2/64",
         " * as a 36-bit head plus the rounded rest. */",
         "#ifndef AL_EXP_TABLE_H", "#define AL_EXP_TABLE_H", ""]
lines.append("static const double exp2_table[%d] = {" % N)
for j in range(N):
    v = mpmath.mpf(2) ** (mpmath.mpf(j) / N)
    lines.append("    %s, /* 2^(%d/64) */" % (float(v).hex(), j))
lines.append("};")
step = mpmath.log(2) / N
m, e = mpmath.frexp(step)                 # step = m * 2^e, 0.5 <= m < 1
head = mpmath.ldexp(mpmath.floor(mpmath.ldexp(m, 36)), e - 36)
rest = step - head
inv = N / mpmath.log(2)
lines += ["", "#define EXP_LN2_64_HI %s" % float(head).hex(),
          "#define EXP_LN2_64_LO %s" % float(rest).hex(),
          "#define EXP_64_OVER_LN2 %s" % float(inv).hex(), "", "#endif /* AL_EXP_TABLE_H */", ""]
assert float(head) == head  # exact in a double
with open("src/al_exp_table.h", "w") as f:
    f.write("\n".join(lines))
