/*
** state.h -- a plan's state file (DIR/state.ordo): its bytes and their checksum, for the
** writers (write.c, which owns the files of a run) and the tests.
*/
#ifndef ORDO_STATE_H
#define ORDO_STATE_H

#include "plan.h"

#include <stddef.h>
#include <stdint.h>

#define ORDO_STATE_FILE "state.ordo"
#define ORDO_STATE_MAGIC "ORDOST02"
#define ORDO_STATE_HASH0 0x9e3779b97f4a7c15ull

/* The checksum of n bytes at p, continuing h (start from ORDO_STATE_HASH0). The file's
** payload is hashed one record (a count, an array) at a time, in file order. */
uint64_t ordo_state_hash(uint64_t h, const void *p, size_t n);

/* Write p's state into the file at path (created or truncated) and close it; the checksum
** of its payload, which is also the run's id in plan.json, into *run. 0, or -1 with the
** reason in err. The file is not yet flushed to disk (the caller syncs it). */
int ordo_state_write(const struct ordo_plan *p, const char *path, uint64_t *run /* OUT */, char *err, size_t nerr);

/* The run id at the head of DIR/plan.json into *run: 1 found, 0 the file has none,
** -1 no plan.json there. */
int ordo_state_plan_run(const char *dir, uint64_t *run /* OUT */);

#endif /* ORDO_STATE_H */
