/*
** quote_ranks.c -- quotes spread over MPI ranks (ordo quote --orders FILE under mpirun): the
** requests are read and checked whole on every rank (the same located errors everywhere),
** rank r answers requests r, r + K, ... against its own base plan, and rank 0 gathers the
** answer lines back into request order. A request without an id is given the id it would
** get in one process ("QUOTE-<position>"), so the lines are the same bytes.
*/
#include "whatif.h"

#include "request.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The list of requests in doc: the array, {"orders": [...]}, or the one object (NULL). */
static cJSON *request_list(cJSON *doc)
{
    if (cJSON_IsArray(doc)) return doc;
    cJSON *o = cJSON_GetObjectItemCaseSensitive(doc, "orders");
    return cJSON_IsArray(o) ? o : NULL;
}

/* This rank's share of the requests as a JSON array, each with its id; NULL out of memory. */
static char *my_share(const cJSON *list, int rank, int size, int *count)
{
    cJSON *sub = cJSON_CreateArray();
    int n = cJSON_GetArraySize(list), ok = sub != NULL;
    *count = 0;
    for (int k = rank; ok && k < n; k += size) {
        cJSON *c = cJSON_Duplicate(cJSON_GetArrayItem(list, k), 1);
        ok = c && cJSON_AddItemToArray(sub, c);
        if (ok && !cJSON_GetObjectItemCaseSensitive(c, "id")) {
            char id[32];
            snprintf(id, sizeof id, "QUOTE-%d", k + 1);
            ok = cJSON_AddStringToObject(c, "id", id) != NULL;
        }
        (*count)++;
    }
    char *text = ok ? cJSON_PrintUnformatted(sub) : NULL;
    cJSON_Delete(sub);
    return text;
}

/* Rank 0: the lines of every rank (all, the ranks' byte counts in lens) in request order. */
static char *interleave(const char *all, const int *lens, int size, int n, size_t *nout)
{
    size_t total = 0;
    for (int r = 0; r < size; r++) total += (size_t)lens[r];
    char *out = malloc(total + 1), *w = out;
    const char **at = malloc((size_t)size * sizeof *at);
    if (!out || !at) {
        free(out), free(at);
        return NULL;
    }
    for (int r = 0, off = 0; r < size; off += lens[r], r++) at[r] = all + off;
    for (int k = 0; k < n; k++) {
        const char *p = at[k % size], *e = strchr(p, '\n');
        size_t l = e ? (size_t)(e - p) + 1 : strlen(p);
        memcpy(w, p, l);
        w += l;
        at[k % size] = p + l;
    }
    *w = 0;
    *nout = (size_t)(w - out);
    free(at);
    return out;
}

/* Answer this rank's share (lines into *mine) and gather them on rank 0. */
static ordo_rc answer_share(ordo_quoter *q, const cJSON *list, const char *what, int threads, int urgent, char **pout,
                            size_t *nout, char *err, size_t nerr)
{
    int rank, size, count = 0;
    ordo_dist_rank(&rank, &size);
    char *share = my_share(list, rank, size, &count), *mine = NULL;
    size_t nmine = 0;
    ordo_rc rc = share ? ORDO_OK : ORDO_ENOMEM;
    if (rc == ORDO_OK && count > 0) rc = ordo_quote_json(q, share, strlen(share), what, threads, urgent, &mine, &nmine, err, nerr);
    cJSON_free(share);
    int worst = ordo_dist_max((int)rc);
    if (worst != ORDO_OK && rc == ORDO_OK) snprintf(err, nerr, "a quote failed on another rank: %s", ordo_rc_name((ordo_rc)worst));
    char *all = NULL;
    int *lens = NULL;
    if (worst == ORDO_OK && ordo_dist_gather(mine ? mine : "", nmine, &all, &lens)) {
        snprintf(err, nerr, "the answers could not be gathered from the ranks");
        worst = ORDO_EIO;
    }
    free(mine);
    if (worst == ORDO_OK) {
        *pout = rank == 0 ? interleave(all, lens, size, cJSON_GetArraySize(list), nout) : calloc(1, 1);
        if (!*pout) worst = ORDO_ENOMEM;
    }
    free(all), free(lens);
    return (ordo_rc)worst;
}

ordo_rc ordo_quote_json_ranks(ordo_quoter *q, const ordo_model *m, const char *json, size_t len, const char *what,
                              int threads, int urgent, char **pout, size_t *nout, char *err, size_t nerr)
{
    int rank, size;
    ordo_dist_rank(&rank, &size);
    if (size == 1) return ordo_quote_json(q, json, len, what, threads, urgent, pout, nout, err, nerr);
    if (!q || !m || !json || !pout || !err || nerr == 0) return ORDO_EMISUSE;
    *pout = NULL;
    size_t dummy;
    if (!nout) nout = &dummy;
    *nout = 0;
    ordo_requests rs; /* checked whole first: the same located errors on every rank */
    ordo_rc rc = ordo_requests_read(m, json, len, what ? what : "orders", &rs, err, nerr);
    if (rc != ORDO_OK) return rc;
    ordo_requests_free(&rs);
    cJSON *doc = cJSON_ParseWithLength(json, len);
    if (!doc) return ORDO_ENOMEM; /* it was read above */
    const cJSON *list = request_list(doc);
    if (list) rc = answer_share(q, list, what, threads, urgent, pout, nout, err, nerr);
    else if (rank == 0) rc = ordo_quote_json(q, json, len, what, threads, urgent, pout, nout, err, nerr);
    else rc = (*pout = calloc(1, 1)) ? ORDO_OK : ORDO_ENOMEM; /* one request: rank 0 answers it */
    cJSON_Delete(doc);
    return rc;
}
