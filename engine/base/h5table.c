/*
** h5table.c -- base: HDF5 tables (see h5table.h).
*/
#include "h5table.h"

#include <hdf5.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK_ROWS 65536
#define MAXCOL 32

long long ordo_h5_create(const char *path)
{
    H5Eset_auto2(H5E_DEFAULT, NULL, NULL);
    hid_t f = H5Fcreate(path, H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    return f < 0 ? -1 : (long long)f;
}

int ordo_h5_close(long long file) { return H5Fclose((hid_t)file) < 0 ? -1 : 0; }

long long ordo_h5_row_type(const char *const *names, const char *kinds, const size_t *width, int n, size_t *off,
                           size_t *rowsize)
{
    size_t rs = 0;
    for (int k = 0; k < n; k++) off[k] = rs, rs += kinds[k] == 's' ? width[k] : 8;
    hid_t ty = H5Tcreate(H5T_COMPOUND, rs ? rs : 1);
    for (int k = 0; k < n && ty >= 0; k++) {
        if (kinds[k] != 's') {
            H5Tinsert(ty, names[k], off[k], kinds[k] == 'i' ? H5T_NATIVE_INT64 : H5T_NATIVE_DOUBLE);
            continue;
        }
        hid_t st = H5Tcopy(H5T_C_S1); /* the compound keeps its own copy */
        H5Tset_size(st, width[k]);
        H5Tset_strpad(st, H5T_STR_NULLPAD);
        H5Tinsert(ty, names[k], off[k], st);
        H5Tclose(st);
    }
    *rowsize = rs;
    return ty < 0 ? -1 : (long long)ty;
}

int ordo_h5_write_rows(long long file, const char *name, long long type, size_t nrow, const void *rows)
{
    hsize_t dims = nrow, maxd = H5S_UNLIMITED, chunk = nrow < CHUNK_ROWS ? (nrow ? nrow : 1) : CHUNK_ROWS;
    hid_t sp = H5Screate_simple(1, &dims, &maxd), dcpl = H5Pcreate(H5P_DATASET_CREATE);
    H5Pset_chunk(dcpl, 1, &chunk);
    hid_t ds = H5Dcreate2((hid_t)file, name, (hid_t)type, sp, H5P_DEFAULT, dcpl, H5P_DEFAULT);
    int rc = ds < 0 || (nrow && H5Dwrite(ds, (hid_t)type, H5S_ALL, H5S_ALL, H5P_DEFAULT, rows) < 0) ? -1 : 0;
    if (ds >= 0) H5Dclose(ds);
    H5Pclose(dcpl);
    H5Sclose(sp);
    H5Tclose((hid_t)type);
    return rc;
}

long long ordo_h5_stream_open(long long file, const char *name, long long type)
{
    hsize_t dims = 0, maxd = H5S_UNLIMITED, chunk = CHUNK_ROWS;
    hid_t sp = H5Screate_simple(1, &dims, &maxd), dcpl = H5Pcreate(H5P_DATASET_CREATE);
    H5Pset_chunk(dcpl, 1, &chunk);
    hid_t ds = H5Dcreate2((hid_t)file, name, (hid_t)type, sp, H5P_DEFAULT, dcpl, H5P_DEFAULT);
    H5Pclose(dcpl);
    H5Sclose(sp);
    return ds < 0 ? -1 : (long long)ds;
}

int ordo_h5_stream_append(long long ds, long long type, size_t nrow, const void *rows, size_t *done)
{
    if (!nrow) return 0;
    hsize_t start = *done, count = nrow, size = *done + nrow;
    if (H5Dset_extent((hid_t)ds, &size) < 0) return -1;
    hid_t fs = H5Dget_space((hid_t)ds), ms = H5Screate_simple(1, &count, NULL);
    int rc = fs < 0 || ms < 0 || H5Sselect_hyperslab(fs, H5S_SELECT_SET, &start, NULL, &count, NULL) < 0 ||
                     H5Dwrite((hid_t)ds, (hid_t)type, ms, fs, H5P_DEFAULT, rows) < 0
                 ? -1
                 : 0;
    if (ms >= 0) H5Sclose(ms);
    if (fs >= 0) H5Sclose(fs);
    if (rc == 0) *done += nrow;
    return rc;
}

int ordo_h5_stream_close(long long ds, long long type)
{
    int rc = ds >= 0 && H5Dclose((hid_t)ds) < 0 ? -1 : 0;
    if (type >= 0 && H5Tclose((hid_t)type) < 0) rc = -1;
    return rc;
}

int ordo_h5_attr_double(long long file, const char *name, double v)
{
    hid_t sp = H5Screate(H5S_SCALAR);
    hid_t a = H5Acreate2((hid_t)file, name, H5T_NATIVE_DOUBLE, sp, H5P_DEFAULT, H5P_DEFAULT);
    int rc = a < 0 || H5Awrite(a, H5T_NATIVE_DOUBLE, &v) < 0 ? -1 : 0;
    if (a >= 0) H5Aclose(a);
    H5Sclose(sp);
    return rc;
}

/* Split one CSV record starting at *pp (ending before end) into fields, unquoting in
** place into buf; returns the field count. */
static int split(const char **pp, const char *end, char *buf, char **field, int max)
{
    const char *p = *pp;
    int n = 0;
    char *w = buf;
    for (;;) {
        if (n < max) field[n] = w;
        n++;
        if (p < end && *p == '"') {
            p++;
            while (p < end) {
                if (*p == '"' && p + 1 < end && p[1] == '"') *w++ = '"', p += 2;
                else if (*p == '"') { p++; break; }
                else *w++ = *p++;
            }
        }
        while (p < end && *p != ',' && *p != '\n') *w++ = *p++;
        *w++ = 0;
        if (p < end && *p == ',') {
            p++;
            continue;
        }
        if (p < end && *p == '\n') p++;
        break;
    }
    *pp = p;
    return n;
}

int ordo_h5_table_from_csv(long long file, const char *name, const char *text, size_t len, const char *types)
{
    const char *p = text, *end = text + len;
    char *hbuf = malloc(len + 1), *names[MAXCOL];
    if (!hbuf) return -1;
    int nc = split(&p, end, hbuf, names, MAXCOL);
    if (nc > MAXCOL || (int)strlen(types) != nc) {
        free(hbuf);
        return -1;
    }
    /* rows: count them and the widest string of each column */
    size_t nrow = 0, width[MAXCOL] = {0};
    char *rbuf = malloc(len + 1), *fl[MAXCOL];
    if (!rbuf) {
        free(hbuf);
        return -1;
    }
    for (const char *q = p; q < end;) {
        int k = split(&q, end, rbuf, fl, MAXCOL);
        if (k != nc) continue;
        for (int c = 0; c < nc; c++)
            if (types[c] == 's' && strlen(fl[c]) > width[c]) width[c] = strlen(fl[c]);
        nrow++;
    }
    size_t off[MAXCOL], rs = 0;
    for (int c = 0; c < nc; c++)
        if (types[c] == 's' && width[c] == 0) width[c] = 1;
    long long ty = ordo_h5_row_type((const char *const *)names, types, width, nc, off, &rs);
    char *buf = ty < 0 ? NULL : calloc(nrow ? nrow : 1, rs);
    size_t r = 0;
    for (const char *q = p; q < end && buf;) {
        int k = split(&q, end, rbuf, fl, MAXCOL);
        if (k != nc) continue;
        char *dst = buf + r * rs;
        for (int c = 0; c < nc; c++) {
            if (types[c] == 's')
                memcpy(dst + off[c], fl[c], strlen(fl[c]));
            else if (types[c] == 'i') {
                int64_t v = strtoll(fl[c], NULL, 10);
                memcpy(dst + off[c], &v, 8);
            } else {
                double v = *fl[c] ? strtod(fl[c], NULL) : (double)NAN;
                memcpy(dst + off[c], &v, 8);
            }
        }
        r++;
    }
    int rc = buf ? ordo_h5_write_rows(file, name, ty, nrow, buf) : -1;
    if (!buf && ty >= 0) H5Tclose((hid_t)ty);
    free(buf);
    free(rbuf);
    free(hbuf);
    return rc;
}

int ordo_h5_root_attrs_from_csv(long long file, const char *text, size_t len)
{
    const char *p = text, *end = text + len;
    char *hb = malloc(len + 1), *vb = malloc(len + 1), *names[MAXCOL], *vals[MAXCOL];
    int rc = hb && vb ? 0 : -1;
    if (rc == 0) {
        int nc = split(&p, end, hb, names, MAXCOL), nv = split(&p, end, vb, vals, MAXCOL);
        if (nc != nv || nc > MAXCOL) rc = -1;
        for (int c = 0; c < nc && rc == 0; c++) rc = ordo_h5_attr_double(file, names[c], strtod(vals[c], NULL));
    }
    free(hb);
    free(vb);
    return rc;
}
