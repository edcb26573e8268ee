/*
** load_h5.c -- stage "load" for HDF5 data sets, and the HDF5 writer of a loaded data set
** that `ordo convert` and the generator use (the JSON writer is save_json.c).
**
** Layout (documented for users in datasets/README.md): one 1-D compound dataset per raw
** table, named as below, one column per field; the root group's attributes hold the top
** level (ordo, horizon_start, horizon_end, objective). Strings (ids, references, dates,
** times) are fixed-length, NUL-padded; variable-length strings are read too (h5py and
** pandas write them). Numbers are float64; a missing number is NaN, a missing string "".
** Child tables (weekdays, shifts, holidays, operations, operation resources) carry the
** 0-based row of their parent (calendar_row, routing_row, operation_row); rows of one
** parent keep their order, which gives the positions in located errors, so a bad value
** gets the same message as in JSON ("routings[4].operations[1].resources[0]").
**
** Written files are chunked by 65,536 rows without compression: loading speed is the point
** of the format, and uncompressed fixed-width columns are read at disk speed; the fixed
** strings compress well should a user want to (h5repack -f GZIP=4).
*/
#include "input.h"

#include "bounds.h"
#include "h5check.h"
#include "util.h"
#include "h5table.h"

#include <hdf5.h>
#include <math.h>
#include <omp.h>
#include <threads.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


typedef struct h5tab {
    const char *dataset;
    const char *parent_col; /* child tables: the parent's row column */
    int parent_tab;
} h5tab;

static const h5tab TABS[ORDO_NTAB] = {
    [ORDO_TAB_CAL] = {"calendars", NULL, -1},
    [ORDO_TAB_WEEKDAY] = {"calendar_weekdays", "calendar_row", ORDO_TAB_CAL},
    [ORDO_TAB_SHIFT] = {"calendar_shifts", "calendar_row", ORDO_TAB_CAL},
    [ORDO_TAB_HOLIDAY] = {"calendar_holidays", "calendar_row", ORDO_TAB_CAL},
    [ORDO_TAB_RES] = {"resources", NULL, -1},
    [ORDO_TAB_ITEM] = {"items", NULL, -1},
    [ORDO_TAB_BOM] = {"bom", NULL, -1},
    [ORDO_TAB_ROUTING] = {"routings", NULL, -1},
    [ORDO_TAB_OP] = {"operations", "routing_row", ORDO_TAB_ROUTING},
    [ORDO_TAB_ALT] = {"operation_resources", "operation_row", ORDO_TAB_OP},
    [ORDO_TAB_RCPT] = {"receipts", NULL, -1},
    [ORDO_TAB_ORDER] = {"orders", NULL, -1},
    [ORDO_TAB_SUP] = {"item_suppliers", "item_row", ORDO_TAB_ITEM},
    [ORDO_TAB_SITE] = {"sites", NULL, -1},
    [ORDO_TAB_PROD] = {"production_orders", NULL, -1},
    [ORDO_TAB_PROD_OP] = {"production_order_operations", "production_order_row", ORDO_TAB_PROD},
};

/* The list field of the parent table that holds child table t. */
static int parent_list_field(int t)
{
    switch (t) {
    case ORDO_TAB_WEEKDAY: return F_CAL_WEEKDAYS;
    case ORDO_TAB_SHIFT: return F_CAL_SHIFTS;
    case ORDO_TAB_HOLIDAY: return F_CAL_HOLIDAYS;
    case ORDO_TAB_OP: return F_RT_OPS;
    case ORDO_TAB_ALT: return F_OP_RES;
    case ORDO_TAB_SUP: return F_IT_SUPPLIERS;
    case ORDO_TAB_PROD_OP: return F_PR_OPS;
    default: return -1;
    }
}

/* Column name of field f of table t ("lot.qty" -> "lot_qty"), or NULL for lists/objects. */
static const char *col_name(int t, int f, char *buf, size_t n)
{
    const ordo_field *fd = &ordo_schemas[t].fields[f];
    if (fd->kind == ORDO_F_LIST || fd->kind == ORDO_F_OBJ) return NULL;
    if (t == ORDO_TAB_WEEKDAY) return "day";
    if (t == ORDO_TAB_HOLIDAY) return "date";
    if (t == ORDO_TAB_SHIFT) return f == F_SH_START ? "start" : "end";
    if (t == ORDO_TAB_ALT && f == F_ALT_ID) return "resource";
    snprintf(buf, n, "%s", fd->name);
    for (char *c = buf; *c; c++)
        if (*c == '.') *c = '_';
    return buf;
}

/* Row r of raw table t. */
static ordo_rowhdr *rowp(const ordo_input *in, int t, size_t r)
{
    return (ordo_rowhdr *)((char *)in->tab[t].data + r * in->tab[t].elem);
}
static const ordo_rowhdr *row(const ordo_input *in, int t, size_t r) { return rowp(in, t, r); }

/* ---- reading ------------------------------------------------------------------------------ */

typedef struct rd {
    hid_t file;
    ordo_input *in;
    ordo_diag *diag;
    int bad; /* 1: errors, tables still usable */
} rd;

/* Read column `name` of dataset ds (n rows) as doubles into out; 0, or -1 when the column
** has another type (error reported). */
static int read_num_col(rd *R, hid_t ds, const char *table, const char *name, size_t n, double *out)
{
    hid_t mt = H5Tcreate(H5T_COMPOUND, sizeof(double));
    H5Tinsert(mt, name, 0, H5T_NATIVE_DOUBLE);
    herr_t e = n ? H5Dread(ds, mt, H5S_ALL, H5S_ALL, H5P_DEFAULT, out) : 0;
    H5Tclose(mt);
    if (e < 0) {
        ordo_diag_add(R->diag, table, "column \"%s\" cannot be read as numbers", name);
        return -1;
    }
    return 0;
}

/* Read string column `name` (fixed or variable length) and intern each value into sids
** (-1 for ""). */
static int read_str_col(rd *R, hid_t ds, hid_t ftype, const char *table, const char *name, size_t n, int32_t *sids)
{
    int vlen = H5Tis_variable_str(ftype) > 0;
    size_t w = vlen ? sizeof(char *) : H5Tget_size(ftype) + 1;
    hid_t st = H5Tcopy(H5T_C_S1);
    H5Tset_cset(st, H5Tget_cset(ftype)); /* h5py writes UTF-8: no conversion between sets */
    if (vlen)
        H5Tset_size(st, H5T_VARIABLE);
    else {
        H5Tset_size(st, w);
        H5Tset_strpad(st, H5T_STR_NULLTERM);
    }
    hid_t mt = H5Tcreate(H5T_COMPOUND, w);
    H5Tinsert(mt, name, 0, st);
    char *buf = malloc(n * w + 1);
    herr_t e = buf ? (n ? H5Dread(ds, mt, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf) : 0) : -1;
    int rc = 0;
    if (e < 0) {
        ordo_diag_add(R->diag, table, "column \"%s\" cannot be read as strings", name);
        rc = -1;
    } else {
        for (size_t r = 0; r < n; r++) {
            const char *s = vlen ? ((char **)buf)[r] : buf + r * w;
            size_t len = s ? strlen(s) : 0;
            sids[r] = len ? ordo_strpool_intern(&R->in->strings, s, len) : -1;
            if (len && sids[r] < 0) rc = -1;
        }
        if (vlen) {
            hid_t sp = H5Dget_space(ds);
            H5Dvlen_reclaim(mt, sp, H5P_DEFAULT, buf);
            H5Sclose(sp);
        }
    }
    free(buf);
    H5Tclose(mt);
    H5Tclose(st);
    return rc;
}

/* The parent row that value v of row r of child table t names, or -1 (error reported). */
static int32_t parent_row(rd *R, int t, size_t r, double v, int32_t nparent)
{
    if (v >= 0 && v < nparent && v == floor(v)) return (int32_t)v;
    char where[128];
    snprintf(where, sizeof where, "%s[%zu].%s", TABS[t].dataset, r, TABS[t].parent_col);
    ordo_diag_add(R->diag, where, "%g is not a row of %s", v, TABS[TABS[t].parent_tab].dataset);
    R->bad = 1;
    return -1;
}

/* ---- one pass over a table's rows -------------------------------------------------------
** The file's rows are read with the file's own type (no conversion) in blocks of BLK rows, a
** few buffers that stay in cache. Three steps per block:
**   read   (HDF5 read; the block's rows numbered; strings measured and hashed)
**   intern (strings interned, column by column, each in row order; their sids kept in the
**          buffer)
**   build  (the table's rows written: numbers, sids, presence bits)
** With two or more threads one thread reads and the other interns, a few blocks behind; a
** block whose strings are interned is built by whichever of the two is free, which keeps
** both busy. The interner alone touches the string pool, in the same order as with one
** thread, and every row's place in the table is fixed when it is read, so ids and rows are
** the same whatever the thread count. */
enum { BLK = 16384, SUB = 128, NBUF = 6 };

typedef struct colx {
    int f, str, direct; /* field, string column, taken from the file's rows */
    size_t moff, msz;   /* offset and size in the file's row */
    void *vals;         /* not direct: the whole column (doubles, or sids as int32) */
} colx;

typedef struct blkbuf {
    char *rows;         /* BLK rows of the file */
    uint32_t *hash, *len; /* [q * BLK + b] for direct string columns */
    int32_t *sid;       /* [q * BLK + b]: their sids */
    int32_t *at;        /* table row of the block's row b, -1 when it has no parent */
    int32_t *par, *pos; /* child tables: its parent's row, its position among the parent's */
    atomic_size_t built; /* the last block built from this buffer, plus one */
} blkbuf;

typedef struct pass {
    rd *R;
    int t;
    hid_t ds, ft;
    size_t n;
    const double *parv; /* child tables: the parents' rows as read whole; NULL when taken from the rows */
    int child, par_direct;
    size_t par_moff;    /* par_direct: the parent's row, float64 at this offset of the file's rows */
    int32_t nparent, *pos;
    colx *cx;
    int ncx, direct;    /* direct: the file's rows are read */
    int sx[32], nsx;    /* the direct string columns (indexes into cx), for the interner */
    const void *blank;  /* a blank row of the table */
    size_t rs, nblk;
    hid_t fsp;
    blkbuf buf[NBUF];
    atomic_size_t ready, done, claimed, nbuilt; /* blocks read, interned, taken to build, built */
    atomic_int eof;     /* the reader reads no more blocks (all read, or the file failed) */
    atomic_int badbool; /* a boolean column holds another number: reported after the pass */
    int oom;            /* the interner ran out of memory */
} pass;

/* Read block j into its buffer and number its rows; 0, or -1 when the file cannot be read
** (error reported). */
static int pass_read(pass *P, size_t j)
{
    rd *R = P->R;
    blkbuf *B = &P->buf[j % NBUF];
    size_t r0 = j * BLK, cnt = P->n - r0 < BLK ? P->n - r0 : BLK;
    if (P->direct) {
        hsize_t start = r0, c = cnt;
        hid_t msp = H5Screate_simple(1, &c, NULL);
        herr_t e = H5Sselect_hyperslab(P->fsp, H5S_SELECT_SET, &start, NULL, &c, NULL);
        if (e >= 0) e = H5Dread(P->ds, P->ft, msp, P->fsp, H5P_DEFAULT, B->rows);
        H5Sclose(msp);
        if (e < 0) {
            ordo_diag_add(R->diag, TABS[P->t].dataset, "rows %zu to %zu cannot be read", r0, r0 + cnt - 1);
            R->bad = 1;
            return -1;
        }
    }
    /* the rows' places in the table (it is reserved: they are written by the build) */
    ordo_vec *v = &R->in->tab[P->t];
    for (size_t b = 0; b < cnt; b++) {
        int32_t p = -1;
        if (P->child) {
            double d;
            if (P->par_direct)
                memcpy(&d, B->rows + b * P->rs + P->par_moff, sizeof d);
            else
                d = P->parv[r0 + b];
            p = parent_row(R, P->t, r0 + b, d, P->nparent);
            if (p < 0) {
                B->at[b] = -1;
                continue;
            }
        }
        B->par[b] = p;
        B->pos[b] = P->child ? P->pos[p]++ : (int32_t)(r0 + b);
        B->at[b] = (int32_t)v->len++;
    }
    for (int k = 0; k < P->nsx; k++) { /* strings measured and hashed */
        const colx *x = &P->cx[P->sx[k]];
        uint32_t *len = B->len + (size_t)P->sx[k] * BLK, *hash = B->hash + (size_t)P->sx[k] * BLK;
        const char *src = B->rows + x->moff;
        for (size_t b = 0; b < cnt; b++)
            if (B->at[b] < 0)
                len[b] = 0, hash[b] = 0; /* a row without a parent: its strings are not kept */
            else
                hash[b] = ordo_strpool_hash_field(src + b * P->rs, x->msz, &len[b]);
    }
    return 0;
}

/* Intern the strings of block j, column by column, each in row order; their sids into the
** buffer. Out of memory, the strings are left absent. */
static void pass_intern(pass *P, size_t j)
{
    blkbuf *B = &P->buf[j % NBUF];
    size_t r0 = j * BLK, cnt = P->n - r0 < BLK ? P->n - r0 : BLK;
    for (int k = 0; k < P->nsx; k++) {
        int q = P->sx[k];
        if (!P->oom && ordo_strpool_intern_n(&P->R->in->strings, B->rows + P->cx[q].moff, P->rs, B->len + (size_t)q * BLK,
                                             B->hash + (size_t)q * BLK, cnt, B->sid + (size_t)q * BLK))
            P->oom = 1;
        if (P->oom) memset(B->len + (size_t)q * BLK, 0, cnt * sizeof *B->len);
    }
}

/* Write the rows of block j: blank, then one column at a time over a few hundred rows that
** stay in cache (a loop per column, not a switch per value). */
static void pass_build(pass *P, size_t j)
{
    const ordo_schema *s = &ordo_schemas[P->t];
    blkbuf *B = &P->buf[j % NBUF];
    size_t r0 = j * BLK, cnt = P->n - r0 < BLK ? P->n - r0 : BLK;
    char *base = P->R->in->tab[P->t].data; /* reserved: does not move */
    const size_t el = P->R->in->tab[P->t].elem, rs = P->rs;
    const int32_t *at = B->at;
    for (size_t c0 = 0; c0 < cnt; c0 += SUB) {
        size_t c1 = cnt - c0 < SUB ? cnt : c0 + SUB;
        for (size_t b = c0; b < c1; b++) {
            if (at[b] < 0) continue;
            ordo_rowhdr *h = (ordo_rowhdr *)(base + (size_t)at[b] * el);
            memcpy(h, P->blank, el);
            h->parent = B->par[b];
            h->pos = B->pos[b];
        }
        for (int q = 0; q < P->ncx; q++) {
            const colx *x = &P->cx[q];
            const uint32_t bit = 1u << x->f;
            const size_t off = s->fields[x->f].off;
            const char *src = B->rows ? B->rows + x->moff : NULL; /* the file's rows, when read */
            if (x->str) { /* interned here, or already */
                const uint32_t *len = x->direct ? B->len + (size_t)q * BLK : NULL;
                const int32_t *sids = x->direct ? B->sid + (size_t)q * BLK : (const int32_t *)x->vals + r0;
                for (size_t b = c0; b < c1; b++) {
                    if (at[b] < 0 || (len ? !len[b] : sids[b] < 0)) continue;
                    ordo_rowhdr *h = (ordo_rowhdr *)(base + (size_t)at[b] * el);
                    memcpy((char *)h + off, &sids[b], sizeof sids[b]);
                    h->given |= bit, h->present |= bit;
                }
            } else {
                const int isbool = s->fields[x->f].kind == ORDO_F_BOOL;
                const double *vals = x->direct ? NULL : (const double *)x->vals + r0;
                for (size_t b = c0; b < c1; b++) {
                    if (at[b] < 0) continue;
                    double d;
                    if (vals)
                        d = vals[b];
                    else
                        memcpy(&d, src + b * rs, sizeof d);
                    if (isnan(d)) continue;
                    ordo_rowhdr *h = (ordo_rowhdr *)(base + (size_t)at[b] * el);
                    memcpy((char *)h + off, &d, sizeof d);
                    h->given |= bit;
                    if (isbool && d != 0 && d != 1) /* given, not present: reported after the pass */
                        atomic_store(&P->badbool, 1);
                    else
                        h->present |= bit;
                }
            }
        }
    }
}

/* Build one block whose strings are interned, if there is one not yet taken; 1 if built. */
static int pass_build_next(pass *P)
{
    size_t k = atomic_load(&P->claimed);
    while (k < atomic_load(&P->done))
        if (atomic_compare_exchange_weak(&P->claimed, &k, k + 1)) {
            pass_build(P, k);
            atomic_store(&P->buf[k % NBUF].built, k + 1);
            atomic_fetch_add(&P->nbuilt, 1);
            return 1;
        }
    return 0;
}

/* Build blocks until those read are all built. */
static void pass_build_rest(pass *P)
{
    for (unsigned spin = 0; atomic_load(&P->nbuilt) < atomic_load(&P->ready); spin++)
        if (pass_build_next(P))
            spin = 0;
        else if (spin > 64)
            thrd_yield();
}

static void run_pass(pass *P)
{
    P->rs = H5Tget_size(P->ft);
    P->nsx = 0;
    for (int q = 0; q < P->ncx; q++)
        if (P->cx[q].str && P->cx[q].direct) P->sx[P->nsx++] = q;
    P->nblk = (P->n + BLK - 1) / BLK;
    P->fsp = H5Dget_space(P->ds);
    atomic_init(&P->ready, 0);
    atomic_init(&P->done, 0);
    atomic_init(&P->claimed, 0);
    atomic_init(&P->nbuilt, 0);
    atomic_init(&P->eof, 0);
    atomic_init(&P->badbool, 0);
    int nbuf = P->nblk < NBUF ? (int)P->nblk : NBUF, ok = 1;
    size_t rows = P->n < BLK ? P->n : BLK, ncol = (size_t)(P->ncx ? P->ncx : 1);
    void *blank = malloc(P->R->in->tab[P->t].elem);
    if (blank) ordo_input_blank(P->t, blank);
    P->blank = blank, ok = blank != NULL;
    for (int i = 0; i < nbuf; i++) {
        blkbuf *B = &P->buf[i];
        /* strings are read by words: slack after the last row */
        B->rows = P->direct ? calloc(rows * P->rs + ORDO_STR_SLACK, 1) : NULL;
        B->hash = malloc(ncol * BLK * sizeof *B->hash);
        B->len = malloc(ncol * BLK * sizeof *B->len);
        B->sid = malloc(ncol * BLK * sizeof *B->sid);
        B->at = malloc(BLK * sizeof *B->at);
        B->par = malloc(BLK * sizeof *B->par);
        B->pos = malloc(BLK * sizeof *B->pos);
        atomic_init(&B->built, 0);
        ok &= (B->rows || !P->direct) && B->hash && B->len && B->sid && B->at && B->par && B->pos;
    }
    int maxt = P->R->in->threads > 0 ? P->R->in->threads : omp_get_max_threads();
    int nt = ok && P->nblk > 1 && maxt > 1 ? 2 : 1;
    if (ok) {
#pragma omp parallel num_threads(nt)
        {
            int me = omp_get_thread_num(), team = omp_get_num_threads();
            if (team == 1) { /* each step in turn */
                for (size_t j = 0; j < P->nblk && pass_read(P, j) == 0; j++) {
                    pass_intern(P, j);
                    pass_build(P, j);
                }
            } else if (me == 0) { /* the reader (HDF5 is called from this thread only) */
                size_t j = 0;
                for (unsigned spin = 0; j < P->nblk;) {
                    blkbuf *B = &P->buf[j % NBUF];
                    if (j < NBUF || atomic_load(&B->built) == j - NBUF + 1) { /* its buffer is free */
                        if (pass_read(P, j)) break;
                        atomic_store(&P->ready, ++j);
                        spin = 0;
                    } else if (pass_build_next(P))
                        spin = 0;
                    else if (++spin > 64)
                        thrd_yield();
                }
                atomic_store(&P->eof, 1);
                pass_build_rest(P);
            } else if (me == 1) { /* the interner; it builds while it waits */
                size_t j = 0;
                for (unsigned spin = 0;;) {
                    if (j < atomic_load(&P->ready)) {
                        pass_intern(P, j);
                        atomic_store(&P->done, ++j);
                        spin = 0;
                    } else if (atomic_load(&P->eof) && j >= atomic_load(&P->ready))
                        break;
                    else if (pass_build_next(P))
                        spin = 0;
                    else if (++spin > 64)
                        thrd_yield();
                }
                pass_build_rest(P);
            }
        }
    }
    if (!ok || P->oom) {
        ordo_diag_oom(P->R->diag);
        P->R->bad = 1;
    }
    for (int i = 0; i < nbuf; i++) {
        blkbuf *B = &P->buf[i];
        free(B->rows), free(B->hash), free(B->len), free(B->sid), free(B->at), free(B->par), free(B->pos);
    }
    free(blank);
    H5Sclose(P->fsp);
}

/* Sizes a damaged file may claim: rows are counted in int32, a row of the file is read in
** blocks of BLK, and no table may need more than ORDO_LIM_H5_EXPAND times the file's size in
** memory, counting each row at the larger of its size in the file and ordo's row (elem
** bytes), so memory is never asked for what is not there. */
#define MAX_ROW_BYTES ((size_t)ORDO_LIM_H5_ROW)
static const char *table_too_large(hid_t file, size_t n, size_t row_bytes, size_t elem)
{
    hsize_t fsize = 0;
    if (H5Fget_filesize(file, &fsize) < 0) fsize = 0;
    if (row_bytes == 0 || row_bytes > MAX_ROW_BYTES) return "a row larger than 1 MB";
    if (n > (size_t)INT32_MAX / 2) return "more rows than a table may hold";
    double per_row = (double)(row_bytes > elem ? row_bytes : elem);
    if ((double)n * per_row > ORDO_LIM_H5_EXPAND * (double)fsize + 1048576.0) return "more rows than the file holds";
    return NULL;
}

/* A column at offset off of size sz inside rows of rs bytes; 0 when it fits. */
static int col_outside(size_t off, size_t sz, size_t rs) { return sz == 0 || sz > rs || off > rs - sz; }

/* Whether every member of compound type t (and of compounds nested in it, to depth 8) lies
** inside it: libhdf5 accepts a damaged type whose member lies past the row's end, and then
** copies from past the end of its own buffers when the rows are read. The first member
** that does not is named in *bad (H5free_memory it), with its offset and size. */
static int type_fits(hid_t t, int depth, char **bad, size_t *off, size_t *sz)
{
    size_t rs = H5Tget_size(t);
    int nm = H5Tget_nmembers(t);
    for (int k = 0; k < nm; k++) {
        hid_t mt = H5Tget_member_type(t, (unsigned)k);
        size_t mo = H5Tget_member_offset(t, (unsigned)k), ms = mt >= 0 ? H5Tget_size(mt) : 0;
        int ok = mt >= 0 && !col_outside(mo, ms, rs) &&
                 (H5Tget_class(mt) != H5T_COMPOUND || (depth < 8 && type_fits(mt, depth + 1, bad, off, sz)));
        if (mt >= 0) H5Tclose(mt);
        if (!ok) {
            if (!*bad) *bad = H5Tget_member_name(t, (unsigned)k), *off = mo, *sz = ms;
            return 0;
        }
    }
    return 1;
}

/* Whether the stored data of dataset ds (n rows of rs bytes) has the size its rows take:
** libhdf5 copies a whole chunk (or the compact data) out of a buffer of the stored size.
** Unfiltered chunks are each checked (the total alone beyond 4,096 chunks); filtered ones
** are left to their filter. NULL, or why not (written into why). */
static const char *storage_damaged(hid_t ds, size_t n, size_t rs, char *why, size_t nwhy)
{
    hid_t pl = H5Dget_create_plist(ds);
    if (pl < 0) return NULL;
    H5D_layout_t lay = H5Pget_layout(pl);
    int nf = H5Pget_nfilters(pl);
    hsize_t cd = 0;
    if (lay == H5D_CHUNKED && H5Pget_chunk(pl, 1, &cd) != 1) cd = 0;
    H5Pclose(pl);
    unsigned long long want = (unsigned long long)(lay == H5D_COMPACT ? n : cd) * rs, got = 0;
    if (lay == H5D_COMPACT && (got = H5Dget_storage_size(ds)) < want) {
        snprintf(why, nwhy, "%llu bytes of compact data where its rows take %llu", got, want);
        return why;
    }
    if (lay != H5D_CHUNKED || nf != 0) return NULL;
    hid_t sp = H5Dget_space(ds);
    hsize_t nch = 0;
    const char *bad = cd == 0 || H5Dget_num_chunks(ds, sp, &nch) < 0 ? "chunks that cannot be listed" : NULL;
    for (hsize_t k = 0; !bad && nch <= 4096 && k < nch; k++) {
        hsize_t off[1], size = 0;
        unsigned mask = 0;
        haddr_t addr = 0;
        if (H5Dget_chunk_info(ds, sp, k, off, &mask, &addr, &size) < 0 || size != want)
            snprintf(why, nwhy, "a stored chunk of %llu bytes where its rows take %llu", (unsigned long long)size, want), bad = why;
    }
    if (!bad && nch > 4096 && (got = H5Dget_storage_size(ds)) != nch * want)
        snprintf(why, nwhy, "%llu bytes in %llu chunks where their rows take %llu", got, (unsigned long long)nch, nch * want), bad = why;
    H5Sclose(sp);
    return bad;
}

/* One table being loaded: its dataset, type and rows, the parents' rows (read whole when
** the file does not hold them as float64), and the columns. */
typedef struct tload {
    rd *R;
    int t;
    hid_t ds, ft;
    size_t n, base, par_moff;
    int has_vlen, par_direct;
    double *pv;
    int32_t *pos, nparent;
    colx cx[32];
    int ncx;
} tload;

/* Open table t's dataset as a one-dimensional compound table of a size the file can hold:
** 0, 1 when the file has no such table (like a missing JSON list), -1 on an error (reported). */
static int table_open(tload *L)
{
    rd *R = L->R;
    const h5tab *T = &TABS[L->t];
    if (H5Lexists(R->file, T->dataset, H5P_DEFAULT) <= 0) return 1;
    L->ds = H5Dopen2(R->file, T->dataset, H5P_DEFAULT);
    if (L->ds < 0) {
        ordo_diag_add(R->diag, T->dataset, "not a dataset");
        return -1;
    }
    hid_t sp = H5Dget_space(L->ds);
    L->ft = H5Dget_type(L->ds);
    hssize_t npts = H5Sget_simple_extent_npoints(sp);
    int ndims = H5Sget_simple_extent_ndims(sp);
    H5Sclose(sp);
    if (H5Tget_class(L->ft) != H5T_COMPOUND || ndims != 1 || npts < 0) {
        ordo_diag_add(R->diag, T->dataset, "expected a one-dimensional table (compound dataset)");
        return -1;
    }
    L->n = (size_t)npts;
    char *member = NULL;
    size_t moff = 0, msz = 0;
    if (!type_fits(L->ft, 0, &member, &moff, &msz)) {
        ordo_diag_add(R->diag, T->dataset, "damaged row type: column \"%s\" of %zu bytes at offset %zu of a %zu-byte row",
                      member ? member : "?", msz, moff, H5Tget_size(L->ft));
        H5free_memory(member);
        return -1;
    }
    const char *too = table_too_large(R->file, L->n, H5Tget_size(L->ft), R->in->tab[L->t].elem);
    if (too) {
        ordo_diag_add(R->diag, T->dataset, "%zu rows of %zu bytes: %s", L->n, H5Tget_size(L->ft), too);
        return -1;
    }
    char why[160];
    if (storage_damaged(L->ds, L->n, H5Tget_size(L->ft), why, sizeof why)) {
        ordo_diag_add(R->diag, T->dataset, "damaged: %s", why);
        return -1;
    }
    return 0;
}

/* Unknown columns, like unknown JSON keys, are errors unless they start with "x"; whether a
** column is variable-length (then every column is read with conversion). */
static void table_columns_known(tload *L)
{
    const ordo_schema *s = &ordo_schemas[L->t];
    const h5tab *T = &TABS[L->t];
    char cname[64];
    int nmem = H5Tget_nmembers(L->ft);
    for (int k = 0; k < nmem; k++) {
        char *mn = H5Tget_member_name(L->ft, (unsigned)k);
        int known = mn && (mn[0] == 'x' || (T->parent_col && strcmp(mn, T->parent_col) == 0));
        for (int f = 0; f < s->nfield && !known && mn; f++) {
            const char *c = col_name(L->t, f, cname, sizeof cname);
            known = c && strcmp(c, mn) == 0;
        }
        if (!known) {
            ordo_diag_add(L->R->diag, T->dataset, "unknown column \"%s\"", mn ? mn : "?");
            L->R->bad = 1;
        }
        H5free_memory(mn);
        hid_t mt = H5Tget_member_type(L->ft, (unsigned)k);
        L->has_vlen |= H5Tis_variable_str(mt) > 0 || H5Tget_class(mt) == H5T_VLEN;
        H5Tclose(mt);
    }
}

/* Parents and positions: the parent's row taken from the file's rows when it is float64
** there, else read whole first; either way the pass checks it, in row order. 0, or -1. */
static int table_parents(tload *L)
{
    rd *R = L->R;
    const h5tab *T = &TABS[L->t];
    if (!T->parent_col) return 0;
    L->nparent = (int32_t)R->in->tab[T->parent_tab].len;
    int mi = H5Tget_member_index(L->ft, T->parent_col);
    if (mi >= 0 && !L->has_vlen) {
        hid_t pt = H5Tget_member_type(L->ft, (unsigned)mi);
        L->par_moff = H5Tget_member_offset(L->ft, (unsigned)mi);
        L->par_direct = H5Tequal(pt, H5T_NATIVE_DOUBLE) > 0 && !col_outside(L->par_moff, sizeof(double), H5Tget_size(L->ft));
        H5Tclose(pt);
    }
    L->pv = L->par_direct ? NULL : malloc((L->n + 1) * sizeof *L->pv);
    L->pos = calloc((size_t)L->nparent + 1, sizeof *L->pos);
    if ((!L->par_direct && !L->pv) || !L->pos) {
        ordo_diag_oom(R->diag);
        return -1;
    }
    if (mi < 0) {
        ordo_diag_add(R->diag, T->dataset, "missing column \"%s\"", T->parent_col);
        return -1;
    }
    return !L->par_direct && read_num_col(R, L->ds, T->dataset, T->parent_col, L->n, L->pv) != 0 ? -1 : 0;
}

/* Field f's column at member mi: taken from the file's rows where the file holds float64 or
** fixed-length strings ("direct"), else read whole with conversion into its own array
** (variable-length strings come interned). 0, or -1 (reported). */
static int table_column(tload *L, int f, int mi, const char *c)
{
    rd *R = L->R;
    const ordo_schema *s = &ordo_schemas[L->t];
    const char *dataset = TABS[L->t].dataset;
    hid_t mtp = H5Tget_member_type(L->ft, (unsigned)mi);
    H5T_class_t cls = H5Tget_class(mtp);
    int want_str = s->fields[f].kind == ORDO_F_STR, rc = 0;
    colx *x = &L->cx[L->ncx];
    x->f = f, x->str = want_str, x->vals = NULL;
    x->moff = H5Tget_member_offset(L->ft, (unsigned)mi), x->msz = H5Tget_size(mtp);
    if (want_str != (cls == H5T_STRING) || (!want_str && cls != H5T_INTEGER && cls != H5T_FLOAT)) {
        ordo_diag_add(R->diag, dataset, "column \"%s\": expected %s", c, want_str ? "strings" : "numbers");
        rc = -1;
    } else if (col_outside(x->moff, x->msz, H5Tget_size(L->ft)) || x->msz > MAX_ROW_BYTES) {
        ordo_diag_add(R->diag, dataset, "column \"%s\": %zu bytes at offset %zu of a %zu-byte row", c, x->msz, x->moff,
                      H5Tget_size(L->ft));
        rc = -1;
    } else {
        x->direct = !L->has_vlen && (want_str ? H5Tis_variable_str(mtp) <= 0 : H5Tequal(mtp, H5T_NATIVE_DOUBLE) > 0);
        if (!x->direct) {
            x->vals = malloc((L->n + 1) * sizeof(double));
            int err = !x->vals || (want_str ? read_str_col(R, L->ds, mtp, dataset, c, L->n, x->vals)
                                            : read_num_col(R, L->ds, dataset, c, L->n, x->vals));
            if (err) free(x->vals), x->vals = NULL, rc = -1;
        }
    }
    H5Tclose(mtp);
    if (rc == 0) L->ncx++;
    return rc;
}

/* The rows, by the pass over blocks (the string pool is sized for every table by
** ordo_load_h5); then booleans that were neither 0 nor 1, in row order. */
static void table_rows(tload *L)
{
    rd *R = L->R;
    const ordo_schema *s = &ordo_schemas[L->t];
    pass P = {.R = R, .t = L->t, .ds = L->ds, .ft = L->ft, .n = L->n, .parv = L->pv, .child = TABS[L->t].parent_col != NULL,
              .par_direct = L->par_direct, .par_moff = L->par_moff, .nparent = L->nparent, .pos = L->pos,
              .cx = L->cx, .ncx = L->ncx, .direct = !L->has_vlen};
    run_pass(&P);
    for (size_t r = L->base; atomic_load(&P.badbool) && r < R->in->tab[L->t].len; r++)
        for (int q = 0; q < L->ncx; q++) {
            const ordo_rowhdr *h = row(R->in, L->t, r);
            int f = L->cx[q].f;
            if (s->fields[f].kind != ORDO_F_BOOL || !(h->given >> f & 1u) || (h->present >> f & 1u)) continue;
            char where[128];
            ordo_input_path(R->in, L->t, (int32_t)r, f, where, sizeof where);
            ordo_diag_add(R->diag, where, "expected a boolean (0 or 1), got %g", *(const double *)((const char *)h + s->fields[f].off));
            R->bad = 1;
        }
}

/* The parents' list fields, and nested objects present when one of their fields is. */
static void table_presence(tload *L)
{
    ordo_input *in = L->R->in;
    const ordo_schema *s = &ordo_schemas[L->t];
    const h5tab *T = &TABS[L->t];
    size_t nrow = in->tab[L->t].len - L->base;
    if (L->pos) {
        int lf = parent_list_field(L->t);
        for (int32_t q = 0; q < L->nparent; q++)
            if (L->pos[q]) {
                ordo_rowhdr *h = rowp(in, T->parent_tab, (size_t)q);
                h->present |= 1u << lf;
                h->given |= 1u << lf;
            }
    }
    for (int f = 0; f < s->nfield; f++) {
        if (s->fields[f].kind != ORDO_F_OBJ) continue;
        size_t nl = strlen(s->fields[f].name);
        uint32_t mask = 0;
        for (int g = 0; g < s->nfield; g++)
            if (strncmp(s->fields[g].name, s->fields[f].name, nl) == 0 && s->fields[g].name[nl] == '.') mask |= 1u << g;
        for (size_t r = 0; r < nrow; r++) {
            ordo_rowhdr *h = rowp(in, L->t, L->base + r);
            if (h->given & mask) h->given |= 1u << f, h->present |= 1u << f;
        }
    }
    in->lists_present |= 1u << L->t;
}

static void load_table(rd *R, int t)
{
    tload L = {.R = R, .t = t, .ds = -1, .ft = -1, .base = R->in->tab[t].len};
    int rc = table_open(&L);
    if (rc == 0) {
        table_columns_known(&L);
        rc = table_parents(&L);
    }
    if (rc == 0 && ordo_vec_reserve(&R->in->tab[t], L.base + L.n)) { /* one allocation for the table */
        ordo_diag_oom(R->diag);
        rc = -1;
    }
    char cname[64];
    const ordo_schema *s = &ordo_schemas[t];
    for (int f = 0; rc == 0 && f < s->nfield; f++) {
        const char *c = col_name(t, f, cname, sizeof cname);
        int mi = c ? H5Tget_member_index(L.ft, c) : -1;
        if (mi >= 0 && table_column(&L, f, mi, c)) R->bad = 1; /* absent: required fields are reported by validation */
    }
    if (rc == 0) {
        table_rows(&L);
        table_presence(&L);
    }
    if (rc < 0) R->bad = 1;
    for (int q = 0; q < L.ncx; q++) free(L.cx[q].vals);
    free(L.pv);
    free(L.pos);
    if (L.ft >= 0) H5Tclose(L.ft);
    if (L.ds >= 0) H5Dclose(L.ds);
}

/* A root attribute into the top row: string fields interned, numbers as double. */
static void load_attr(rd *R, const char *name, int f)
{
    if (H5Aexists(R->file, name) <= 0) return;
    const ordo_field *fd = &ordo_schema_top.fields[f];
    hid_t a = H5Aopen(R->file, name, H5P_DEFAULT), t = H5Aget_type(a), sp = H5Aget_space(a);
    hssize_t npts = sp >= 0 ? H5Sget_simple_extent_npoints(sp) : -1;
    if (sp >= 0) H5Sclose(sp);
    int is_str = H5Tget_class(t) == H5T_STRING;
    char *slot = (char *)&R->in->top + fd->off;
    R->in->top.h.given |= 1u << f;
    if (a < 0 || t < 0 || npts != 1) { /* each is read into one value */
        ordo_diag_add(R->diag, name, "expected one value, the attribute holds %lld", (long long)npts);
        R->bad = 1;
    } else if (fd->kind == ORDO_F_STR && is_str && H5Tget_size(t) > MAX_ROW_BYTES) {
        ordo_diag_add(R->diag, name, "a string of %zu bytes, larger than 1 MB", H5Tget_size(t));
        R->bad = 1;
    } else if (fd->kind == ORDO_F_STR && is_str) {
        int vlen = H5Tis_variable_str(t) > 0;
        size_t w = vlen ? 0 : H5Tget_size(t) + 1;
        hid_t st = H5Tcopy(H5T_C_S1);
        H5Tset_cset(st, H5Tget_cset(t));
        H5Tset_size(st, vlen ? H5T_VARIABLE : w);
        char *fixed = vlen ? NULL : calloc(w + 1, 1), *var = NULL;
        herr_t e = H5Aread(a, st, vlen ? (void *)&var : (void *)fixed);
        const char *s = vlen ? var : fixed;
        if (e >= 0 && s && *s) {
            *(int32_t *)slot = ordo_strpool_intern(&R->in->strings, s, strlen(s));
            R->in->top.h.present |= 1u << f;
        }
        if (vlen && var) H5free_memory(var);
        free(fixed);
        H5Tclose(st);
    } else if (fd->kind == ORDO_F_NUM && !is_str) {
        double v;
        if (H5Aread(a, H5T_NATIVE_DOUBLE, &v) >= 0) {
            *(double *)slot = v;
            R->in->top.h.present |= 1u << f;
        }
    } else {
        ordo_diag_add(R->diag, name, "expected %s", fd->kind == ORDO_F_STR ? "a string" : "a number");
        R->bad = 1;
    }
    if (t >= 0) H5Tclose(t);
    if (a >= 0) H5Aclose(a);
}

/* The address of the object a hard link names (the native file format's), for the checks of
** h5check.c; -1 when it is not a hard link or cannot be read. */
static int table_address(hid_t f, const char *name, unsigned long long *addr)
{
#if H5_VERSION_GE(1, 12, 0)
    H5L_info2_t li;
    haddr_t a;
    if (H5Lget_info2(f, name, &li, H5P_DEFAULT) < 0 || li.type != H5L_TYPE_HARD ||
        H5VLnative_token_to_addr(f, li.u.token, &a) < 0)
        return -1;
    *addr = (unsigned long long)a;
#else
    H5L_info_t li;
    if (H5Lget_info(f, name, &li, H5P_DEFAULT) < 0 || li.type != H5L_TYPE_HARD) return -1;
    *addr = (unsigned long long)li.u.address;
#endif
    return 0;
}

int ordo_load_h5(const char *path, ordo_input *in, ordo_diag *diag)
{
    H5Eset_auto2(H5E_DEFAULT, NULL, NULL); /* errors are reported here, located */
    char why[256];
    if (ordo_h5_check_sizes(path, why, sizeof why)) {
        ordo_diag_add(diag, "", "%s: damaged HDF5 file: %s", path, why);
        return -1;
    }
    hid_t f = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    if (f < 0) {
        ordo_diag_add(diag, "", "%s: not a readable HDF5 file", path);
        return -1;
    }
    for (int t = 0; t < ORDO_NTAB; t++) {
        unsigned long long addr;
        if (H5Lexists(f, TABS[t].dataset, H5P_DEFAULT) > 0 && table_address(f, TABS[t].dataset, &addr) == 0 &&
            ordo_h5_check_table(path, addr, TABS[t].dataset, why, sizeof why)) {
            ordo_diag_add(diag, "", "%s: damaged HDF5 file: %s", path, why);
            H5Fclose(f);
            return -1;
        }
    }
    rd R = {f, in, diag, 0};
    load_attr(&R, "ordo", F_TOP_ORDO);
    load_attr(&R, "horizon_start", F_TOP_START);
    load_attr(&R, "horizon_end", F_TOP_END);
    load_attr(&R, "objective", F_TOP_OBJ);
    load_attr(&R, "horizon_frozen_until", F_TOP_FROZEN);
    load_attr(&R, "actions_reschedule_days", F_TOP_ACT_DAYS);
    load_attr(&R, "actions_quantity_percent", F_TOP_ACT_PCT);
    if (in->top.h.given & (1u << F_TOP_ACT_DAYS | 1u << F_TOP_ACT_PCT))
        in->top.h.given |= 1u << F_TOP_ACTIONS, in->top.h.present |= 1u << F_TOP_ACTIONS;
    if (in->top.h.given & (1u << F_TOP_START | 1u << F_TOP_END))
        in->top.h.given |= 1u << F_TOP_HORIZON, in->top.h.present |= 1u << F_TOP_HORIZON;
    /* parents before children */
    static const int order[ORDO_NTAB] = {ORDO_TAB_CAL, ORDO_TAB_WEEKDAY, ORDO_TAB_SHIFT, ORDO_TAB_HOLIDAY,
                                         ORDO_TAB_RES, ORDO_TAB_ITEM, ORDO_TAB_BOM, ORDO_TAB_ROUTING,
                                         ORDO_TAB_OP, ORDO_TAB_ALT, ORDO_TAB_RCPT, ORDO_TAB_ORDER, ORDO_TAB_SUP,
                                         ORDO_TAB_SITE, ORDO_TAB_PROD, ORDO_TAB_PROD_OP};
    /* the pool sized once for every table (about one new string per row: its id), so that
    ** it is not grown and rehashed on the way */
    size_t rows = 0;
    for (int t = 0; t < ORDO_NTAB; t++) {
        hid_t ds = H5Lexists(f, TABS[t].dataset, H5P_DEFAULT) > 0 ? H5Dopen2(f, TABS[t].dataset, H5P_DEFAULT) : -1;
        if (ds < 0) continue;
        hid_t sp = H5Dget_space(ds);
        hssize_t np = sp >= 0 ? H5Sget_simple_extent_npoints(sp) : -1;
        hid_t ft = H5Dget_type(ds);
        size_t rb = ft >= 0 ? H5Tget_size(ft) : 0;
        if (ft >= 0) H5Tclose(ft);
        if (np > 0 && !table_too_large(f, (size_t)np, rb, in->tab[t].elem)) rows += (size_t)np; /* else load_table reports it */
        if (sp >= 0) H5Sclose(sp);
        H5Dclose(ds);
    }
    if (ordo_strpool_reserve(&in->strings, rows)) {
        ordo_diag_oom(diag);
        H5Fclose(f);
        return 1;
    }
    for (int k = 0; k < ORDO_NTAB; k++) load_table(&R, order[k]);
    /* operation resources written as objects when they carry their own times */
    ordo_raw_alt *alt = ORDO_ROWS(in, ordo_raw_alt, ORDO_TAB_ALT);
    for (int32_t r = 0; r < ORDO_NROWS(in, ORDO_TAB_ALT); r++)
        alt[r].is_object = (alt[r].h.given & (1u << F_ALT_SETUP | 1u << F_ALT_RUN)) != 0;
    H5Fclose(f);
    in->input_bytes = 0;
    return R.bad || diag->n ? 1 : 0;
}

/* ---- writing ------------------------------------------------------------------------------ */

static int write_table(const ordo_input *in, hid_t file, int t)
{
    const ordo_schema *s = &ordo_schemas[t];
    const h5tab *T = &TABS[t];
    size_t n = in->tab[t].len;
    if (!(in->lists_present >> t & 1u) && n == 0) return 0;
    int nf = 0, fidx[33];
    size_t off[33], width[33], rs = 0;
    char names[33][64], kinds[34];
    const char *np[33];
    if (T->parent_col) { /* the parent's row, as float64 like every number */
        snprintf(names[nf], sizeof names[nf], "%s", T->parent_col);
        fidx[nf] = -1, kinds[nf] = 'f', width[nf] = 0, nf++;
    }
    for (int f = 0; f < s->nfield; f++) {
        char cb[64];
        const char *c = col_name(t, f, cb, sizeof cb);
        if (!c) continue;
        snprintf(names[nf], sizeof names[nf], "%s", c);
        fidx[nf] = f;
        kinds[nf] = s->fields[f].kind == ORDO_F_STR ? 's' : 'f';
        width[nf] = 1;
        for (size_t r = 0; r < n && kinds[nf] == 's'; r++) { /* the widest string */
            int32_t sid = *(const int32_t *)((const char *)row(in, t, r) + s->fields[f].off);
            if (sid >= 0 && (row(in, t, r)->present >> f & 1u)) {
                size_t l = strlen(ordo_str(&in->strings, sid));
                if (l > width[nf]) width[nf] = l;
            }
        }
        nf++;
    }
    for (int k = 0; k < nf; k++) np[k] = names[k];
    long long ty = ordo_h5_row_type(np, kinds, width, nf, off, &rs);
    char *buf = ty < 0 ? NULL : calloc(n ? n : 1, rs);
    if (!buf) {
        if (ty >= 0) H5Tclose((hid_t)ty);
        return -1;
    }
    for (size_t r = 0; r < n; r++) {
        const ordo_rowhdr *h = row(in, t, r);
        char *dst = buf + r * rs;
        for (int k = 0; k < nf; k++) {
            if (fidx[k] < 0) {
                double v = h->parent;
                memcpy(dst + off[k], &v, sizeof v);
                continue;
            }
            const ordo_field *fd = &s->fields[fidx[k]];
            int has = h->present >> fidx[k] & 1u;
            const char *slot = (const char *)h + fd->off;
            if (fd->kind == ORDO_F_STR) {
                if (has) {
                    const char *v = ordo_str(&in->strings, *(const int32_t *)slot);
                    memcpy(dst + off[k], v, strlen(v));
                }
            } else {
                double v = has ? *(const double *)slot : (double)NAN;
                memcpy(dst + off[k], &v, sizeof v);
            }
        }
    }
    int rc = ordo_h5_write_rows(file, T->dataset, ty, n, buf);
    free(buf);
    return rc;
}

static int write_attr_str(hid_t file, const char *name, const char *v)
{
    hid_t t = H5Tcopy(H5T_C_S1);
    H5Tset_size(t, strlen(v) ? strlen(v) : 1);
    H5Tset_strpad(t, H5T_STR_NULLPAD);
    hid_t sp = H5Screate(H5S_SCALAR);
    hid_t a = H5Acreate2(file, name, t, sp, H5P_DEFAULT, H5P_DEFAULT);
    herr_t e = a < 0 ? -1 : H5Awrite(a, t, v);
    if (a >= 0) H5Aclose(a);
    H5Sclose(sp);
    H5Tclose(t);
    return e < 0 ? -1 : 0;
}

int ordo_save_h5(const ordo_input *in, const char *path, char *err, size_t nerr)
{
    H5Eset_auto2(H5E_DEFAULT, NULL, NULL);
    hid_t f = H5Fcreate(path, H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    if (f < 0) {
        snprintf(err, nerr, "%s: cannot create the HDF5 file", path);
        return -1;
    }
    int bad = 0;
    const ordo_raw_top *top = &in->top;
    if (top->h.present >> F_TOP_ORDO & 1u) bad |= ordo_h5_attr_double(f, "ordo", top->version) != 0;
    if (top->h.present >> F_TOP_START & 1u) bad |= write_attr_str(f, "horizon_start", ordo_str(&in->strings, top->start));
    if (top->h.present >> F_TOP_END & 1u) bad |= write_attr_str(f, "horizon_end", ordo_str(&in->strings, top->end));
    if (top->h.present >> F_TOP_OBJ & 1u) bad |= write_attr_str(f, "objective", ordo_str(&in->strings, top->objective));
    if (top->h.present >> F_TOP_FROZEN & 1u)
        bad |= write_attr_str(f, "horizon_frozen_until", ordo_str(&in->strings, top->frozen_until));
    if (top->h.present >> F_TOP_ACTIONS & 1u) { /* both written: an empty "actions" object still turns them on */
        bad |= ordo_h5_attr_double(f, "actions_reschedule_days", top->h.present >> F_TOP_ACT_DAYS & 1u ? top->act_days : 0) != 0;
        bad |= ordo_h5_attr_double(f, "actions_quantity_percent", top->h.present >> F_TOP_ACT_PCT & 1u ? top->act_pct : 0) != 0;
    }
    for (int t = 0; t < ORDO_NTAB && !bad; t++) bad |= write_table(in, f, t) != 0;
    if (H5Fclose(f) < 0) bad = 1;
    if (bad) snprintf(err, nerr, "%s: write error", path);
    return bad ? -1 : 0;
}
