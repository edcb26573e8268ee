/*
** report.h -- reading a plan.json back for the HTML reports (report.c's static Gantt and
** board.c's interactive board): one reader, one way to look fields up.
*/
#ifndef ORDO_REPORT_H
#define ORDO_REPORT_H

#include "ordo.h"

#include <cjson/cJSON.h>
#include <stdio.h>

/* Parse the plan.json at path; it must be an object with an "operations" array. Returns the
** tree (cJSON_Delete it) or NULL with *rc (ORDO_EIO, ORDO_EINPUT, ORDO_ENOMEM) and err set. */
cJSON *ordo_report_read(const char *path, ordo_rc *rc /* OUT */, char *err /* OUT */, size_t nerr);

/* The string member key of o, or "" when absent or not a string. */
const char *ordo_report_str(const cJSON *o, const char *key);

/* The number member key of o, or dflt when absent or not a number. */
double ordo_report_num(const cJSON *o, const char *key, double dflt);

/* Write html_path through a temporary file: emit(f, arg) writes the content and returns 0,
** or nonzero after it kept its own error (the temporary file is then removed, nothing else
** touched); the file is renamed into place only when everything was written. */
ordo_rc ordo_report_save(const char *html_path, int (*emit)(FILE *f, void *arg), void *arg, char *err /* OUT */,
                         size_t nerr);

#endif
