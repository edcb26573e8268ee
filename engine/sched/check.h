/*
** check.h -- the independent check of a finished plan's schedule (ordo plan --check, ordo
** insert --check, the tests): it reads the plan's arrays and the model only, never the
** scheduler's own state, so that a scheduler bug cannot hide itself.
*/
#ifndef ORDO_CHECK_H
#define ORDO_CHECK_H

#include "plan.h"

/* Independent check of a finished plan's schedule: every routing operation of every
** planned make order scheduled once on one of its alternatives, its working minutes on
** that resource's calendar equal to its work, no more than `units` operations at a time on
** a resource, operations in routing order, no start before the order's material is
** available nor before its design days. Writes up to nmsg located problems into msg
** (one per line) and returns how many it found. */
int ordo_sched_check(const struct ordo_plan *p, char *msg, size_t nmsg);

#endif /* ORDO_CHECK_H */
