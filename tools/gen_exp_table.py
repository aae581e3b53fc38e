#!/usr/bin/env python3
"""Writes src/al_exp_table.h for the network's fast exponential (src/fast_act.c):
2^(j/N), j = 0..N-1 correctly rounded (N = 256), and ln2/N split into a
34-bit head (so k * head is exact for |k| < 2^19, enough for e^(-708)) and the
rounded rest. Computed with mpmath at 60 digits. Run from the repository root."""
import mpmath

mpmath.mp.dps = 60
BITS = 8
N = 1 << BITS
HEAD_BITS = 34
lines = ["/* Tables for the fast exponential of src/fast_act.c, generated with mpmath at",
         " * 60 digits by tools/gen_exp_table.py: 2^(j/%d) correctly rounded, and ln2/%d" % (N, N),
         " * as a %d-bit head plus the rounded rest. */" % HEAD_BITS,
         "#ifndef AL_EXP_TABLE_H", "#define AL_EXP_TABLE_H", "",
         "#define EXP_TABLE_BITS %d" % BITS, ""]
lines.append("static const double exp2_table[%d] = {" % N)
for j in range(0, N, 2):
    pair = [float(mpmath.mpf(2) ** (mpmath.mpf(i) / N)).hex() for i in (j, j + 1)]
    lines.append("    %s, %s, /* j = %d, %d */" % (pair[0], pair[1], j, j + 1))
lines.append("};")
step = mpmath.log(2) / N
m, e = mpmath.frexp(step)                 # step = m * 2^e, 0.5 <= m < 1
head = mpmath.ldexp(mpmath.floor(mpmath.ldexp(m, HEAD_BITS)), e - HEAD_BITS)
rest = step - head
inv = N / mpmath.log(2)
lines += ["", "#define EXP_LN2_N_HI %s /* head of ln2/%d */" % (float(head).hex(), N),
          "#define EXP_LN2_N_LO %s /* ln2/%d - head */" % (float(rest).hex(), N),
          "#define EXP_N_OVER_LN2 %s /* %d/ln2 */" % (float(inv).hex(), N),
          "", "#endif /* AL_EXP_TABLE_H */", ""]
assert float(head) == head  # exact in a double
with open("src/al_exp_table.h", "w") as f:
    f.write("\n".join(lines))
