/*
** ordo_jsp.c -- converts a job-shop instance (OR-Library / JSPLIB layout) or a flexible
** job-shop instance (Brandimarte layout) into an ordo data set, as SPEC section 6 maps it:
** job j is item J<j> with one routing operation per machine visit on resource M<k>
** (0-based), seq 10, 20, ..., run_minutes_per_unit = processing time, no setup; one order
** O<j> of quantity 1 due on the horizon start; no calendars; objective makespan. Flexible
** instances list every (machine, time) alternative of an operation as resource objects.
** usage: ordo_jsp [--fjsp] INSTANCE [-o OUT.json]
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct reader {
    FILE *f;
    const char *path;
} reader;

/* Next whole number in the file, skipping whitespace and '#' comment lines. */
static int next_int(reader *r, long *v)
{
    int c;
    for (;;) {
        c = fgetc(r->f);
        if (c == EOF) return -1;
        if (c == '#') {
            while (c != '\n' && c != EOF) c = fgetc(r->f);
            continue;
        }
        if (c == '-' || (c >= '0' && c <= '9')) break;
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
            fprintf(stderr, "ordo_jsp: %s: unexpected character '%c'\n", r->path, c);
            exit(2);
        }
    }
    ungetc(c, r->f);
    if (fscanf(r->f, "%ld", v) != 1) return -1;
    return 0;
}

static long need_int(reader *r, const char *what, long lo, long hi)
{
    long v;
    if (next_int(r, &v) || v < lo || v > hi) {
        fprintf(stderr, "ordo_jsp: %s: bad or missing %s\n", r->path, what);
        exit(2);
    }
    return v;
}

int main(int argc, char **argv)
{
    int fjsp = 0;
    const char *in = NULL, *out = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--fjsp") == 0)
            fjsp = 1;
        else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
            out = argv[++i];
        else if (!in && argv[i][0] != '-')
            in = argv[i];
        else {
            fprintf(stderr, "usage: ordo_jsp [--fjsp] INSTANCE [-o OUT.json]\n");
            return 2;
        }
    }
    if (!in) {
        fprintf(stderr, "usage: ordo_jsp [--fjsp] INSTANCE [-o OUT.json]\n");
        return 2;
    }
    reader r = {fopen(in, "r"), in};
    if (!r.f) {
        perror(in);
        return 2;
    }
    FILE *o = out ? fopen(out, "w") : stdout;
    if (!o) {
        perror(out);
        return 2;
    }
    long n = need_int(&r, "job count", 1, 100000), m = need_int(&r, "machine count", 1, 100000);
    if (fjsp) { /* the rest of Brandimarte's header line (average alternatives) is not needed */
        int c;
        while ((c = fgetc(r.f)) != '\n' && c != EOF) {
        }
    }
    fprintf(o, "{\"ordo\": 1, \"objective\": \"makespan\",\n"
               " \"horizon\": {\"start\": \"2026-01-05\", \"end\": \"2036-01-05\"},\n"
               " \"resources\": [");
    for (long k = 0; k < m; k++) fprintf(o, "%s{\"id\": \"M%ld\"}", k ? ", " : "", k);
    fprintf(o, "],\n \"items\": [");
    for (long j = 0; j < n; j++) fprintf(o, "%s{\"id\": \"J%ld\", \"source\": \"make\"}", j ? ", " : "", j);
    fprintf(o, "],\n \"routings\": [");
    for (long j = 0; j < n; j++) {
        long nops = fjsp ? need_int(&r, "operation count", 1, 100000) : m;
        fprintf(o, "%s\n  {\"item\": \"J%ld\", \"operations\": [", j ? "," : "", j);
        for (long k = 0; k < nops; k++) {
            fprintf(o, "%s{\"seq\": %ld, \"resources\": [", k ? ", " : "", (k + 1) * 10);
            if (fjsp) {
                long c = need_int(&r, "alternative count", 1, m);
                for (long a = 0; a < c; a++) {
                    long mach = need_int(&r, "machine", 1, m), t = need_int(&r, "processing time", 0, 100000000);
                    fprintf(o, "%s{\"id\": \"M%ld\", \"run_minutes_per_unit\": %ld}", a ? ", " : "", mach - 1, t);
                }
                fprintf(o, "]}");
            } else {
                long mach = need_int(&r, "machine", 0, m - 1), t = need_int(&r, "processing time", 0, 100000000);
                fprintf(o, "\"M%ld\"], \"run_minutes_per_unit\": %ld}", mach, t);
            }
        }
        fprintf(o, "]}");
    }
    fprintf(o, "\n ],\n \"orders\": [");
    for (long j = 0; j < n; j++)
        fprintf(o, "%s\n  {\"id\": \"O%ld\", \"item\": \"J%ld\", \"qty\": 1, \"due\": \"2026-01-05\"}", j ? "," : "", j, j);
    fprintf(o, "\n ]\n}\n");
    fclose(r.f);
    if (out && fclose(o) != 0) {
        perror(out);
        return 1;
    }
    return 0;
}
