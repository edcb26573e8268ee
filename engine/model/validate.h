/*
** validate.h -- stage "validate": the raw tables of a load (input.h) checked against SPEC
** section 2 and compiled into the model's flat arrays (model.h).
*/
#ifndef ORDO_VALIDATE_H
#define ORDO_VALIDATE_H

#include "input.h"
#include "model.h"

/* Check the raw tables and compile them into m (whose arena, names and diag are
** initialised). Takes the string pool of in. Returns 0 when the data set is valid;
** otherwise every located error is in m->diag. */
int ordo_valid_compile(ordo_input *in, ordo_model *m);

#endif /* ORDO_VALIDATE_H */
