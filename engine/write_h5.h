/*
** write_h5.h -- stage "write", HDF5 form: the plan's tables as compound datasets of one
** file. Each table is produced by the CSV writer and turned into a dataset with the same
** columns, so that CSV files and HDF5 tables carry the same columns by construction.
*/
#ifndef ORDO_WRITE_H5_H
#define ORDO_WRITE_H5_H

#include <stddef.h>

/* Create (truncate) an HDF5 file; returns a handle >= 0, or -1. */
long long ordo_h5_create(const char *path);
/* Add dataset `name` from CSV text (header line, then rows; RFC 4180 quoting). types has
** one letter per column: 's' string (fixed length), 'f' float64 (empty: NaN), 'i' int64.
** Returns 0 or -1. */
int ordo_h5_table_from_csv(long long file, const char *name, const char *text, size_t len, const char *types);
/* The summary: one attribute per column of the one-row CSV on the root group, too. */
int ordo_h5_root_attrs_from_csv(long long file, const char *text, size_t len);
/* Close the file; returns 0 or -1. */
int ordo_h5_close(long long file);

#endif /* ORDO_WRITE_H5_H */
