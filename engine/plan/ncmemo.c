/*
** ncmemo.c -- the net-change memo's container and its file (see ncmemo.h).
*/
#include "ncmemo.h"

#include "state.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Point item_name and ord_name into names (nitem + nord strings); 0, or -1 when names does
** not hold that many. */
static int index_names(ordo_ncmemo *n)
{
    n->item_name = malloc(((size_t)n->nitem + 1) * sizeof *n->item_name);
    n->ord_name = malloc(((size_t)n->nord + 1) * sizeof *n->ord_name);
    n->res_name = malloc(((size_t)n->nres + 1) * sizeof *n->res_name);
    if (!n->item_name || !n->ord_name || !n->res_name) return -1;
    size_t at = 0;
    int64_t total = (int64_t)n->nitem + n->nord + n->nres;
    for (int64_t k = 0; k < total; k++) {
        if (at >= n->names_len) return -1;
        const char *s = n->names + at;
        const char *end = memchr(s, 0, n->names_len - at);
        if (!end) return -1;
        if (k < n->nitem) n->item_name[k] = s;
        else if (k < (int64_t)n->nitem + n->nord) n->ord_name[k - n->nitem] = s;
        else n->res_name[k - n->nitem - n->nord] = s;
        at += (size_t)(end - s) + 1;
    }
    return at == n->names_len ? 0 : -1;
}

static int alloc_items(ordo_ncmemo *n)
{
    size_t ni = (size_t)n->nitem + 1;
    n->hash = calloc(ni, sizeof *n->hash);
    n->blob = calloc(ni, sizeof *n->blob);
    n->blob_len = calloc(ni, sizeof *n->blob_len);
    return n->hash && n->blob && n->blob_len ? 0 : -1;
}

ordo_ncmemo *ordo_ncmemo_new(const ordo_model *m)
{
    ordo_ncmemo *n = calloc(1, sizeof *n);
    if (!n) return NULL;
    n->nitem = m->nitem, n->nord = m->nord, n->nres = m->nres;
    size_t len = 0;
    for (int32_t i = 0; i < m->nitem; i++) len += strlen(ordo_str(&m->names, m->item_name[i])) + 1;
    for (int32_t o = 0; o < m->nord; o++) len += strlen(ordo_str(&m->names, m->or_name[o])) + 1;
    for (int32_t r = 0; r < m->nres; r++) len += strlen(ordo_str(&m->names, m->res_name[r])) + 1;
    n->names = malloc(len + 1);
    n->names_len = len;
    if (!n->names || alloc_items(n)) goto oom;
    size_t at = 0;
    for (int32_t k = 0; k < m->nitem + m->nord + m->nres; k++) {
        int32_t sid = k < m->nitem ? m->item_name[k] : k < m->nitem + m->nord ? m->or_name[k - m->nitem]
                                                                               : m->res_name[k - m->nitem - m->nord];
        const char *s = ordo_str(&m->names, sid);
        size_t l = strlen(s) + 1;
        memcpy(n->names + at, s, l);
        at += l;
    }
    if (index_names(n)) goto oom;
    return n;
oom:
    ordo_ncmemo_free(n);
    return NULL;
}

void ordo_ncmemo_free(ordo_ncmemo *n)
{
    if (!n) return;
    if (!n->file && n->blob)
        for (int32_t i = 0; i < n->nitem; i++) free(n->blob[i]);
    free(n->file), free(n->names), free(n->item_name), free(n->ord_name), free(n->res_name);
    free(n->hash), free(n->blob), free(n->blob_len);
    free(n->po_item), free(n->po_due), free(n->po_op0), free(n->po_qty);
    free(n->op_seq), free(n->op_res), free(n->op_start), free(n->op_end), free(n->ord_done), free(n->op_ot);
    free(n);
}

/* ---- the file ------------------------------------------------------------------------------ */

typedef struct wsink { FILE *f; uint64_t h; int bad; } wsink;

static void wput(wsink *s, const void *p, size_t n)
{
    if (!n || s->bad) return;
    s->h = ordo_state_hash(s->h, p, n);
    if (fwrite(p, 1, n, s->f) != n) s->bad = 1;
}

/* The schedule of plan p (run `run`) by name: see ncmemo.h. */
static void put_schedule(wsink *s, const struct ordo_plan *p, uint64_t run)
{
    const ordo_model *m = p->model;
    int32_t head[2] = {p->npo, p->op_res ? p->nop : 0}, nop = head[1];
    int32_t *tmp = malloc(((size_t)(nop > p->npo ? nop : p->npo) + 2) * sizeof *tmp);
    if (!tmp) {
        s->bad = 1;
        return;
    }
    wput(s, &run, sizeof run), wput(s, head, sizeof head);
    wput(s, p->po_item, (size_t)p->npo * sizeof *p->po_item), wput(s, p->po_due, (size_t)p->npo * sizeof *p->po_due);
    wput(s, p->po_qty, (size_t)p->npo * sizeof *p->po_qty);
    for (int32_t q = 0; q <= p->npo; q++) tmp[q] = nop && p->po_op0 ? p->po_op0[q] : 0;
    wput(s, tmp, ((size_t)p->npo + 1) * sizeof *tmp);
    for (int32_t o = 0; o < nop; o++) tmp[o] = m->op_seq[p->op_k[o]];
    wput(s, tmp, (size_t)nop * sizeof *tmp);
    if (nop) {
        wput(s, p->op_res, (size_t)nop * sizeof *p->op_res), wput(s, p->op_start, (size_t)nop * sizeof *p->op_start);
        wput(s, p->op_end, (size_t)nop * sizeof *p->op_end);
        for (int32_t o = 0; o < nop; o++) tmp[o] = p->op_ot ? p->op_ot[o] : 0;
        wput(s, tmp, (size_t)nop * sizeof *tmp);
    }
    wput(s, p->ord_completion, (size_t)m->nord * sizeof *p->ord_completion);
    free(tmp);
}

int ordo_ncmemo_write(const ordo_ncmemo *n, const struct ordo_plan *p, uint64_t run, const char *path, char *err,
                      size_t nerr)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        snprintf(err, nerr, "%s: %s", path, strerror(errno));
        return -1;
    }
    wsink s = {f, ORDO_STATE_HASH0, fwrite(ORDO_NCMEMO_MAGIC, 1, 8, f) != 8};
    int32_t counts[3] = {n->nitem, n->nord, n->nres};
    uint64_t nl = n->names_len;
    wput(&s, &n->global, sizeof n->global), wput(&s, counts, sizeof counts);
    wput(&s, &nl, sizeof nl), wput(&s, n->names, n->names_len);
    for (int32_t i = 0; i < n->nitem; i++) {
        uint64_t head[2] = {n->blob[i] ? n->hash[i] : 0, n->blob[i] ? n->blob_len[i] : 0};
        wput(&s, head, sizeof head);
        wput(&s, n->blob[i], head[1]);
    }
    put_schedule(&s, p, run);
    if (!s.bad && fwrite(&s.h, sizeof s.h, 1, f) != 1) s.bad = 1;
    int rc = fclose(f) == 0 && !s.bad ? 0 : -1;
    if (rc) snprintf(err, nerr, "%s: write error", path);
    return rc;
}

/* The whole file at path into a new buffer (*len bytes); 1, 0 when there is none, -1. */
static int slurp(const char *path, unsigned char **buf, size_t *len, char *why, size_t nwhy)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (errno == ENOENT) return 0;
        snprintf(why, nwhy, "%s: %s", path, strerror(errno));
        return -1;
    }
    long size = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    *buf = size >= 0 && fseek(f, 0, SEEK_SET) == 0 ? malloc((size_t)size + 1) : NULL;
    int ok = *buf && fread(*buf, 1, (size_t)size, f) == (size_t)size;
    fclose(f);
    if (!ok) {
        free(*buf), *buf = NULL;
        snprintf(why, nwhy, "%s: cannot be read", path);
        return -1;
    }
    *len = (size_t)size;
    return 1;
}

/* Take n bytes at *at of a payload of len into p (NULL: skip), adding them to the checksum
** *h as the writer did (one record at a time); -1 past its end. */
static int take(const unsigned char *b, size_t len, size_t *at, void *p, size_t n, uint64_t *h)
{
    if (n > len - *at) return -1;
    if (p) memcpy(p, b + *at, n);
    if (n) *h = ordo_state_hash(*h, b + *at, n);
    *at += n;
    return 0;
}

/* A new array of cnt elements of size bytes from the payload (a record of the checksum). */
static void *take_array(const unsigned char *b, size_t len, size_t *at, size_t cnt, size_t size, uint64_t *h)
{
    if (cnt > (len - *at) / size) return NULL;
    void *a = malloc(cnt * size + 1);
    if (a && take(b, len, at, a, cnt * size, h)) free(a), a = NULL;
    return a;
}

/* The schedule section; every operation range and index checked. */
static int parse_schedule(ordo_ncmemo *n, const unsigned char *b, size_t len, size_t *at, uint64_t *h)
{
    int32_t head[2];
    if (take(b, len, at, &n->run, 8, h) || take(b, len, at, head, sizeof head, h) || head[0] < 0 || head[1] < 0)
        return -1;
    size_t npo = (size_t)head[0], nop = (size_t)head[1];
    n->npo = head[0], n->nop = head[1];
    if (!(n->po_item = take_array(b, len, at, npo, 4, h)) || !(n->po_due = take_array(b, len, at, npo, 4, h)) ||
        !(n->po_qty = take_array(b, len, at, npo, 8, h)) || !(n->po_op0 = take_array(b, len, at, npo + 1, 4, h)) ||
        !(n->op_seq = take_array(b, len, at, nop, 4, h)))
        return -1;
    if (nop && (!(n->op_res = take_array(b, len, at, nop, 4, h)) || !(n->op_start = take_array(b, len, at, nop, 8, h)) ||
                !(n->op_end = take_array(b, len, at, nop, 8, h))))
        return -1;
    int32_t *ot = nop ? take_array(b, len, at, nop, 4, h) : NULL;
    if (nop && !ot) return -1;
    n->op_ot = malloc(nop + 1);
    for (size_t o = 0; n->op_ot && o < nop; o++) n->op_ot[o] = ot[o] != 0;
    free(ot);
    if (!n->op_ot) return -1;
    if (!(n->ord_done = take_array(b, len, at, (size_t)n->nord, 8, h))) return -1;
    if (n->po_op0[0] != 0 || n->po_op0[npo] != n->nop) return -1;
    for (size_t q = 0; q < npo; q++)
        if (n->po_op0[q + 1] < n->po_op0[q] || n->po_item[q] < 0 || n->po_item[q] >= n->nitem) return -1;
    for (size_t o = 0; o < nop; o++)
        if (n->op_res[o] < -1 || n->op_res[o] >= n->nres) return -1;
    return 0;
}

static int parse(ordo_ncmemo *n, const unsigned char *b, size_t len, uint64_t *sum)
{
    size_t at = 0;
    uint64_t h = ORDO_STATE_HASH0;
    int32_t counts[3];
    uint64_t nl;
    if (take(b, len, &at, &n->global, 8, &h) || take(b, len, &at, counts, sizeof counts, &h) || take(b, len, &at, &nl, 8, &h))
        return -1;
    /* every item takes 16 bytes at least: counts beyond the file are damage */
    if (counts[0] < 0 || counts[1] < 0 || counts[2] < 0 || nl > len - at || (uint64_t)counts[0] > (len - at) / 16 ||
        (uint64_t)counts[1] + (uint64_t)counts[2] > nl)
        return -1;
    n->nitem = counts[0], n->nord = counts[1], n->nres = counts[2];
    n->names = malloc((size_t)nl + 1);
    n->names_len = (size_t)nl;
    if (!n->names || take(b, len, &at, n->names, (size_t)nl, &h) || index_names(n) || alloc_items(n)) return -1;
    for (int32_t i = 0; i < n->nitem; i++) {
        uint64_t head[2];
        if (take(b, len, &at, head, sizeof head, &h) || head[1] > len - at) return -1;
        n->hash[i] = head[0];
        n->blob_len[i] = (size_t)head[1];
        n->blob[i] = head[1] ? (unsigned char *)b + at : NULL;
        if (take(b, len, &at, NULL, (size_t)head[1], &h)) return -1;
    }
    if (parse_schedule(n, b, len, &at, &h) || at != len) return -1;
    int same = h == *sum;
    *sum = h;
    return same ? 0 : 1;
}

int ordo_ncmemo_checksum(const unsigned char *file, size_t len, uint64_t *sum)
{
    if (len < 16 || memcmp(file, ORDO_NCMEMO_MAGIC, 8) != 0) return -1;
    ordo_ncmemo *n = calloc(1, sizeof *n);
    if (!n) return -1;
    n->file = malloc(1); /* its blobs point into file: not theirs to free */
    memcpy(sum, file + len - 8, 8);
    int rc = n->file ? parse(n, file + 8, len - 16, sum) : -1;
    ordo_ncmemo_free(n);
    return rc < 0 ? -1 : 0;
}

int ordo_ncmemo_read(const char *path, ordo_ncmemo **out, char *why, size_t nwhy)
{
    *out = NULL;
    unsigned char *buf = NULL;
    size_t len = 0;
    int got = slurp(path, &buf, &len, why, nwhy);
    if (got <= 0) return got;
    uint64_t sum;
    if (len < 16 || memcmp(buf, ORDO_NCMEMO_MAGIC, 8) != 0) {
        snprintf(why, nwhy, "%s: not a memo of this version", path);
        free(buf);
        return -1;
    }
    memcpy(&sum, buf + len - 8, 8);
    ordo_ncmemo *n = calloc(1, sizeof *n);
    if (!n) {
        free(buf);
        snprintf(why, nwhy, "out of memory");
        return -1;
    }
    n->file = buf;
    if (parse(n, buf + 8, len - 16, &sum)) {
        ordo_ncmemo_free(n);
        snprintf(why, nwhy, "%s: damaged (checksum or counts do not match the file)", path);
        return -1;
    }
    *out = n;
    return 1;
}
