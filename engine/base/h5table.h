/*
** h5table.h -- base: tables as compound datasets of one HDF5 file. The plan writer turns
** each CSV table into a dataset with the same columns (so that CSV files and HDF5 tables
** carry the same columns by construction); the data-set saver writes rows directly.
*/
#ifndef ORDO_H5TABLE_H
#define ORDO_H5TABLE_H

#include <stddef.h>

/* Create (truncate) an HDF5 file; returns a handle >= 0, or -1. */
long long ordo_h5_create(const char *path);
/* Add dataset `name` from CSV text (header line, then rows; RFC 4180 quoting). types has
** one letter per column: 's' string (fixed length), 'f' float64 (empty: NaN), 'i' int64.
** Returns 0 or -1. */
int ordo_h5_table_from_csv(long long file, const char *name, const char *text, size_t len, const char *types);
/* The summary: one attribute per column of the one-row CSV on the root group, too. */
int ordo_h5_root_attrs_from_csv(long long file, const char *text, size_t len);
/* A compound row type: n columns named names[k] of kind kinds[k], 's' a fixed-length
** NUL-padded string of width[k] bytes, 'f' float64, 'i' int64, packed in that order;
** their offsets go to off[] and the row size to *rowsize. Returns the type, or -1. */
long long ordo_h5_row_type(const char *const *names, const char *kinds, const size_t *width, int n, size_t *off,
                           size_t *rowsize);
/* Write nrow rows of type (closed afterwards) as 1-D dataset `name`, in chunks of 65,536
** rows, without compression. Returns 0 or -1. */
int ordo_h5_write_rows(long long file, const char *name, long long type, size_t nrow, const void *rows);
/* A table written while it is produced: an empty extendible dataset `name` of row type
** `type` (chunks of 65,536 rows), to which ordo_h5_stream_append adds nrow rows after the
** *done already there (*done grows by nrow). Open returns the dataset or -1; close closes
** it and the type (either may be -1). Append and close return 0 or -1. */
long long ordo_h5_stream_open(long long file, const char *name, long long type);
int ordo_h5_stream_append(long long ds, long long type, size_t nrow, const void *rows, size_t *done);
int ordo_h5_stream_close(long long ds, long long type);
/* A float64 attribute of the root group. Returns 0 or -1. */
int ordo_h5_attr_double(long long file, const char *name, double v);
/* Close the file; returns 0 or -1. */
int ordo_h5_close(long long file);

#endif /* ORDO_H5TABLE_H */
