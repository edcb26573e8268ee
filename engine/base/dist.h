/*
** dist.h -- the ranks of an MPI run (Open MPI's mpirun). Without MPI at build time, or when
** the process was not started by mpirun, there is one rank and every exchange is a no-op
** that leaves the buffers as they are. ordo_dist_begin/ordo_dist_end are in ordo.h.
**
** Every exchange is collective: each rank must call it, in the same order, with the same
** sizes. Callers that plan different things on different ranks (scenarios, quotes) use only
** the final gathers; the schedule's islands (improve.c) exchange at every epoch, where every
** rank runs the same search.
*/
#ifndef ORDO_DIST_H
#define ORDO_DIST_H

#include <stddef.h>

void ordo_dist_rank(int *rank /* OUT */, int *size /* OUT */);
/* Sum n doubles over the ranks into rank 0's buf (every rank's buf on the others is left
** as it was); 0, or -1 when the exchange failed. */
int ordo_dist_sum(double *buf, int n);
/* Rank root's n bytes of buf into every rank's buf; 0, or -1 when the exchange failed. */
int ordo_dist_bcast(void *buf, size_t n, int root);
/* The largest of every rank's x, on every rank. */
int ordo_dist_max(int x);
/* Rank 0 gets every rank's n bytes of buf one after the other in *all and the byte counts
** in *lens (both malloc'ed; NULL on the other ranks). 0, or -1 on failure. */
int ordo_dist_gather(const char *buf, size_t n, char **all /* OUT */, int **lens /* OUT */);

#endif /* ORDO_DIST_H */
