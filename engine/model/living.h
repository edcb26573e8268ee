/*
** living.h -- stage "validate": the living plan's part of a data set (README "Living plan"):
** production orders already in the shop, planning time fences, the frozen zone and the
** action messages' tolerances, checked and compiled into the model.
*/
#ifndef ORDO_LIVING_H
#define ORDO_LIVING_H

#include "input.h"
#include "model.h"

/* Check and compile them into m, after its items, resources and routings; every problem
** located in m->diag. Strings are still in->strings' (m->names is set afterwards). */
void ordo_valid_living(ordo_input *in, ordo_model *m);

#endif /* ORDO_LIVING_H */
