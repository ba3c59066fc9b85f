#include "regcoord/threads.h"

#include <omp.h>

void rc_set_threads(int n)
{
    omp_set_num_threads(n > 0 ? n : omp_get_num_procs());
}

int rc_get_threads(void)
{
    return omp_get_max_threads();
}
