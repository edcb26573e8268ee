/*
** request.h -- stage "promise": new orders as requested (ordo quote, ordo insert), read from
** JSON into a typed list. Nothing of the JSON document outlives the call.
*/
#ifndef ORDO_REQUEST_H
#define ORDO_REQUEST_H

#include "promise.h"

/* A new order as requested. */
typedef struct ordo_request {
    ordo_demand d;
    const char *id, *customer; /* NULL when not given */
    int32_t due;               /* requested due day, INT32_MIN when not given */
    double priority, penalty;
    int urgent;
    const char *error; /* read with ordo_requests_read_each: why it was refused, else NULL */
} ordo_request;

/* A list of requests; the strings belong to it. */
typedef struct ordo_requests {
    ordo_request *r;
    int32_t n;
    int sequential; /* {"orders": [...], "sequential": true}: each sees what the earlier took */
    char *strings;
} ordo_requests;

/* Read the requests in json: one object {"item", "qty", and optionally "id", "due",
** "design_days", "priority", "penalty_per_day", "urgent", "customer"}, an array of them, or
** {"orders": [...]}, into *rs. Located errors ("orders[2].item: unknown item ...", paths
** prefixed by what) go into err with ORDO_EINPUT; ORDO_ENOMEM out of memory. On success
** release *rs with ordo_requests_free; on failure it holds nothing. */
ordo_rc ordo_requests_read(const ordo_model *m, const char *json, size_t len, const char *what, ordo_requests *rs,
                           char *err, size_t nerr);
/* As ordo_requests_read, but a candidate with errors is kept, with its located errors in
** its error field (joined by "; "), and the call succeeds when the document itself is
** readable; err still gets every located error, and *nbad their candidates' count. */
ordo_rc ordo_requests_read_each(const ordo_model *m, const char *json, size_t len, const char *what, ordo_requests *rs,
                                int32_t *nbad /* OUT */, char *err, size_t nerr);
void ordo_requests_free(ordo_requests *rs);

#endif /* ORDO_REQUEST_H */
