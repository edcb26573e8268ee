/*
** h5check.h -- stage "load": sizes in an HDF5 file's own structure checked against the file
** before libhdf5 reads it. libhdf5 allocates what a file's metadata claims before it reads
** it (a damaged file that claims a name heap of 8.4e14 bytes has it ask malloc for that), so
** the metadata every lookup of a table passes through is checked here first.
*/
#ifndef ORDO_H5CHECK_H
#define ORDO_H5CHECK_H

#include <stddef.h>

/* Checks the superblock and the root group's name heap of the HDF5 file at path (a file
** with another layout, e.g. new-style groups, passes: libhdf5 checks those). NULL when they
** fit in the file, else why not, written into why (n bytes). */
const char *ordo_h5_check_sizes(const char *path, char *why, size_t n);

/* Checks the object header at address addr (relative to the superblock's base) of the table
** name in the HDF5 file at path before libhdf5 opens it as a dataset: its messages fit their
** chunks and the file, and a chunked layout has no chunk dimension of 0 and one dimension
** more than the dataspace's rank (libhdf5 1.10 divides by each of them when it opens the
** table). NULL when it passes, else why not, written into why (n bytes). */
const char *ordo_h5_check_table(const char *path, unsigned long long addr, const char *name, char *why, size_t n);

#endif /* ORDO_H5CHECK_H */
