"""Import before numpy: the matrix products of mastering run on one thread.

The K-weighting's products are small; OpenBLAS splits them over every core anyway, and its threads
spin while they wait. Measured on 2 cores: 0.06 s of CPU single-threaded against 0.4-0.5 s (and up to
1 s of wall time) threaded, whenever anything else runs. A value the user set in the environment wins;
once numpy is loaded this changes nothing.
"""

import os

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
    os.environ.setdefault(_name, "1")
