/*
** insert.h -- stage "promise": new customer orders inserted into a finished plan (`ordo
** insert`, and `ordo quote --urgent`), from a typed list of requests.
*/
#ifndef ORDO_INSERT_H
#define ORDO_INSERT_H

#include "request.h"

/* Insert the n requests rq into the finished plan base, one after the other, as
** ordo_insert_json (include/ordo.h) describes; the strings of rq need not outlive the call.
** *pm2 gets the base model with the new orders appended, *pplan the new plan on it. */
ordo_rc ordo_insert_requests(const struct ordo_plan *base, const ordo_request *rq, int32_t n,
                             const ordo_insert_opts *opts, ordo_model **pm2, ordo_plan **pplan, char *err, size_t nerr);

#endif /* ORDO_INSERT_H */
