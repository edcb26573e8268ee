/*
** dist.c -- the ranks of an MPI run (Open MPI's mpirun). Without MPI at build time, or when
** the process was not started by mpirun, there is one rank and nothing is exchanged.
*/
#include "dist.h"
#include "ordo.h"

#include <stdlib.h>
#include <string.h>

#ifdef ORDO_HAVE_MPI
#include <mpi.h>

/* MPI is usable: initialised and not yet finalised. */
static int mpi_on(void)
{
    int init = 0, fin = 0;
    MPI_Initialized(&init);
    if (init) MPI_Finalized(&fin);
    return init && !fin;
}
#endif

int ordo_dist_begin(int *argc, char ***argv, int *rank, int *size)
{
    *rank = 0, *size = 1;
#ifdef ORDO_HAVE_MPI
    /* Started by a process manager (Open MPI, or another PMI one)? Otherwise stay alone. */
    if (!getenv("OMPI_COMM_WORLD_SIZE") && !getenv("PMI_SIZE") && !getenv("PMIX_RANK")) return 0;
    if (!mpi_on()) {
        int provided = 0;
        if (MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS) return -1;
    }
    ordo_dist_rank(rank, size);
#else
    (void)argc, (void)argv;
#endif
    return 0;
}

void ordo_dist_end(void)
{
#ifdef ORDO_HAVE_MPI
    if (mpi_on()) MPI_Finalize();
#endif
}

void ordo_dist_rank(int *rank, int *size)
{
    *rank = 0, *size = 1;
#ifdef ORDO_HAVE_MPI
    if (!mpi_on()) return;
    MPI_Comm_rank(MPI_COMM_WORLD, rank);
    MPI_Comm_size(MPI_COMM_WORLD, size);
#endif
}

int ordo_dist_sum(double *buf, int n)
{
#ifdef ORDO_HAVE_MPI
    int rank, size;
    ordo_dist_rank(&rank, &size);
    if (size == 1) return 0;
    int rc = rank == 0 ? MPI_Reduce(MPI_IN_PLACE, buf, n, MPI_DOUBLE, MPI_SUM, 0, MPI_COMM_WORLD)
                       : MPI_Reduce(buf, NULL, n, MPI_DOUBLE, MPI_SUM, 0, MPI_COMM_WORLD);
    return rc == MPI_SUCCESS ? 0 : -1;
#else
    (void)buf, (void)n;
    return 0;
#endif
}

int ordo_dist_bcast(void *buf, size_t n, int root)
{
#ifdef ORDO_HAVE_MPI
    int rank, size;
    ordo_dist_rank(&rank, &size);
    if (size == 1) return 0;
    /* in pieces of at most 1 GiB: MPI counts are int */
    for (size_t off = 0; off < n;) {
        size_t k = n - off > ((size_t)1 << 30) ? (size_t)1 << 30 : n - off;
        if (MPI_Bcast((char *)buf + off, (int)k, MPI_BYTE, root, MPI_COMM_WORLD) != MPI_SUCCESS) return -1;
        off += k;
    }
    return 0;
#else
    (void)buf, (void)n, (void)root;
    return 0;
#endif
}

int ordo_dist_max(int x)
{
#ifdef ORDO_HAVE_MPI
    int rank, size, y = x;
    ordo_dist_rank(&rank, &size);
    if (size > 1 && MPI_Allreduce(&x, &y, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD) != MPI_SUCCESS) return x ? x : 1;
    return y;
#else
    return x;
#endif
}

int ordo_dist_gather(const char *buf, size_t n, char **all, int **lens)
{
    int rank, size;
    ordo_dist_rank(&rank, &size);
    *all = NULL, *lens = NULL;
    if (n > (size_t)2147483647) return -1;
    int len = (int)n;
    if (rank == 0) {
        *lens = calloc((size_t)size, sizeof **lens);
        if (!*lens) return -1;
    }
#ifdef ORDO_HAVE_MPI
    if (size > 1) {
        if (MPI_Gather(&len, 1, MPI_INT, *lens, 1, MPI_INT, 0, MPI_COMM_WORLD) != MPI_SUCCESS) return -1;
        int *displs = NULL, total = 0, bad = 0;
        if (rank == 0) {
            displs = calloc((size_t)size, sizeof *displs);
            for (int r = 0; displs && r < size; r++) displs[r] = total, total += (*lens)[r];
            *all = displs ? malloc((size_t)total + 1) : NULL;
            bad = !*all; /* the others still send: the exchange goes on, then fails */
        }
        int rc = MPI_Gatherv(buf, len, MPI_CHAR, bad ? NULL : *all, *lens, displs, MPI_CHAR, 0, MPI_COMM_WORLD);
        free(displs);
        return rc == MPI_SUCCESS && !bad ? 0 : -1;
    }
#endif
    (*lens)[0] = len;
    *all = malloc(n + 1);
    if (!*all) return -1;
    memcpy(*all, buf, n);
    return 0;
}
