/*
** bench_util.h -- what the benchmark programs share: the median of a run's samples.
*/
#ifndef ORDO_BENCH_UTIL_H
#define ORDO_BENCH_UTIL_H

#include <stdlib.h>

static inline int bench_cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The median of v[0..n), n >= 1 (v is sorted in place). */
static inline double bench_median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, bench_cmp_d);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

#endif /* ORDO_BENCH_UTIL_H */
