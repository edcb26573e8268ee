/*
** started.c -- order changes by the book in a re-plan (see started.h). "An order may be
** changed or cancelled until its production has started, never after": the base's full
** pegging (planned_orders[].pegging, written by --pegging full, the default) names the
** customer orders each production order serves; those served by one that the new data set
** has as started keep their quantity and due date, and are not cancelled. A base written
** with --pegging direct or none names no customer order: nothing is checked then.
*/
#include "started.h"

#include "dates.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The index of the model's production order or customer order named s (names: their sids),
** or -1. */
static int32_t index_of(const ordo_model *m, const int32_t *names, int32_t n, const char *s)
{
    int32_t sid = ordo_strpool_find(&m->names, s, strlen(s));
    for (int32_t i = 0; sid >= 0 && i < n; i++)
        if (names[i] == sid) return i;
    return -1;
}

/* The base's order named id (orders[]), or NULL. */
static const cJSON *base_order(const cJSON *root, const char *id)
{
    const cJSON *o;
    cJSON_ArrayForEach(o, cJSON_GetObjectItemCaseSensitive(root, "orders"))
    {
        const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, "id");
        if (cJSON_IsString(x) && strcmp(x->valuestring, id) == 0) return o;
    }
    return NULL;
}

/* A line into err (kept whole lines only). */
static void add_line(char *err, size_t nerr, const char *line)
{
    size_t used = strlen(err), n = strlen(line);
    if (used + n + 2 > nerr) return;
    if (used) err[used++] = '\n';
    memcpy(err + used, line, n + 1);
}

/* Customer order id, served by started production order mo: unchanged in m. 1 when it is. */
static int unchanged(const cJSON *root, const ordo_model *m, const char *id, const char *mo, char *err, size_t nerr)
{
    const cJSON *b = base_order(root, id), *bq = cJSON_GetObjectItemCaseSensitive(b, "qty");
    const cJSON *bd = cJSON_GetObjectItemCaseSensitive(b, "due");
    int32_t o = index_of(m, m->or_name, m->nord, id), day;
    char line[600], was[11];
    if (o < 0) {
        snprintf(line, sizeof line, "orders: %s cannot be cancelled, its production has started (production order %s)", id, mo);
        add_line(err, nerr, line);
        return 0;
    }
    int ok = 1;
    if (cJSON_IsNumber(bq) && fabs(bq->valuedouble - m->or_qty[o]) > 1e-9 * (1 + fabs(m->or_qty[o]))) {
        snprintf(line, sizeof line, "orders[%d].qty: %s cannot change, its production has started (production order %s): it was %.12g",
                 o, id, mo, bq->valuedouble);
        add_line(err, nerr, line), ok = 0;
    }
    if (cJSON_IsString(bd) && ordo_parse_date(bd->valuestring, &day) == 0 && day != m->or_due[o]) {
        snprintf(was, sizeof was, "%.10s", bd->valuestring);
        snprintf(line, sizeof line, "orders[%d].due: %s cannot change, its production has started (production order %s): it was %s",
                 o, id, mo, was);
        add_line(err, nerr, line), ok = 0;
    }
    return ok;
}

int ordo_replan_started_check(const cJSON *root, const ordo_model *m, char *err, size_t nerr)
{
    if (nerr) err[0] = 0;
    int bad = 0;
    const cJSON *po;
    cJSON_ArrayForEach(po, cJSON_GetObjectItemCaseSensitive(root, "planned_orders"))
    {
        const cJSON *mo = cJSON_GetObjectItemCaseSensitive(po, "production_order");
        if (!cJSON_IsString(mo)) continue;
        int32_t pr = index_of(m, m->pr_name, m->npr, mo->valuestring);
        if (pr < 0 || m->pr_status[pr] != ORDO_PR_STARTED) continue;
        const cJSON *peg;
        cJSON_ArrayForEach(peg, cJSON_GetObjectItemCaseSensitive(po, "pegging"))
        {
            const cJSON *id = cJSON_GetObjectItemCaseSensitive(peg, "order");
            if (cJSON_IsString(id) && strcmp(id->valuestring, "safety_stock") != 0 &&
                !unchanged(root, m, id->valuestring, mo->valuestring, err, nerr))
                bad = 1;
        }
    }
    return bad ? -1 : 0;
}
