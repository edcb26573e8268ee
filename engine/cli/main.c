/*
** main.c -- the ordo command line: a thin layer over the library (include/ordo.h).
** Subcommands are one table that also produces --help. Exit status (SPEC section 4):
** 0 success, 1 infeasible or solver failure, 2 bad input or usage.
*/
#define _POSIX_C_SOURCE 200809L
#include "ordo.h"

#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *usage;
    const char *summary;
} command;

static int cmd_validate(int argc, char **argv);
static int cmd_plan(int argc, char **argv);
static int cmd_report(int argc, char **argv);
static int cmd_convert(int argc, char **argv);
static int cmd_quote(int argc, char **argv);
static int cmd_insert(int argc, char **argv);

static const command commands[] = {
    {"validate", cmd_validate, "ordo validate DATA [--quiet] [--max-errors N]",
     "check a data set; print its summary, or every error located by path (exit 2)"},
    {"plan", cmd_plan,
     "ordo plan DATA [-o DIR] [--format json|csv|hdf5] [--threads N] [--time-limit S] [--seed K] [--mrp-only] [--exact] [--check] [--quiet]",
     "MRP and finite schedule for every open order: planned orders with pegging, purchase "
     "requisitions, exceptions, operations, load; writes DIR/plan.json (or CSV files, or "
     "DIR/plan.h5), or "
     "plan.json to standard output without -o; --mrp-only skips the schedule; --check verifies "
     "the schedule independently (exit 1 when it fails); --exact solves a small job shop to proven "
     "optimality with GLPK (within --time-limit, default 60 s)"},
    {"quote", cmd_quote,
     "ordo quote DATA (--order JSON | --orders FILE) [--base DIR] [--urgent] [--threads N] [--time-limit S] [--seed K] [--quiet]",
     "capable-to-promise: for each candidate {\"item\", \"qty\"[, \"id\", \"due\", \"design_days\"]}, the "
     "earliest due date that is on time without moving anything already planned, what binds it "
     "(stock, material, capacity) and the chain that sets it; one JSON object per line. --base "
     "DIR quotes against the plan saved there by ordo plan -o DIR, else the base plan is made first; "
     "--orders - answers one request per line of standard input as it comes (a quoting session); "
     "--urgent: the date possible when others may move (inserted as an urgent order), and who slips"},
    {"insert", cmd_insert,
     "ordo insert DATA (--order JSON | --orders FILE) [--base DIR] [-o DIR] [--max-slip DAYS] [--time-limit S] [--method best|gaps|append|right-shift|window|redispatch] [--threads N] [--seed K] [--check] [--quiet]",
     "insert new orders into the plan: each in the gaps, just in time for its due date or as "
     "soon as possible; an urgent order still late gets priority: right-shift, the GLPK window over what "
     "it pushes (--time-limit S per order, default 4), re-dispatch, overtime where calendars allow, the "
     "best kept, never delaying an existing order more than --max-slip DAYS; writes the new plan with "
     "\"inserted\", \"insertion\" and \"disturbed\" to DIR/plan.json, or to standard output"},
    {"report", cmd_report, "ordo report PLAN.json --gantt FILE.html",
     "a self-contained HTML Gantt chart per resource, late orders highlighted"},
    {"convert", cmd_convert, "ordo convert IN OUT",
     "data set JSON <-> HDF5 by file extension (.json, .h5); validated first"},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void print_help(FILE *f)
{
    fprintf(f, "ordo %s -- production scheduling and MRP engine\n\nusage:\n", ordo_version());
    for (size_t i = 0; i < NCOMMANDS; i++) fprintf(f, "  %-56s %s\n", commands[i].usage, commands[i].summary);
    fprintf(f, "  %-56s %s\n", "ordo --version | --help", "print the version or this help");
    fprintf(f, "\nDATA is a data set in JSON (see SPEC section 2).\n"
               "exit status: 0 success, 1 infeasible or solver failure, 2 bad input or usage\n");
}

static int usage_error(const char *usage, const char *fmt, const char *arg)
{
    fprintf(stderr, "ordo: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nusage: %s\n", usage);
    return EXIT_USAGE;
}

/* Print the model's located errors to stderr. */
static void print_errors(const ordo_model *m)
{
    int n = ordo_error_count(m);
    for (int i = 0; i < n; i++) fprintf(stderr, "%s\n", ordo_error_at(m, i));
    if (ordo_error_dropped(m)) fprintf(stderr, "... and %d more errors\n", ordo_error_dropped(m));
    if (n == 0) fprintf(stderr, "ordo: %s\n", ordo_errmsg(m));
}

static void print_summary(const ordo_stats *s, const char *path)
{
    char hs[11], he[11], fd[11], ld[11];
    ordo_format_date(s->horizon_start, hs);
    ordo_format_date(s->horizon_end, he);
    double mb = (double)s->input_bytes / 1e6, secs = s->seconds_parse + s->seconds_validate;
    printf("%s: valid data set\n", path);
    printf("  horizon      %s .. %s\n", hs, he);
    printf("  calendars    %d\n", s->calendars);
    printf("  resources    %d\n", s->resources);
    printf("  items        %d (make %d, buy %d, phantom %d) over %d BOM levels\n", s->items, s->items_make,
           s->items_buy, s->items_phantom, s->bom_levels);
    printf("  bom lines    %d\n", s->bom_lines);
    printf("  routings     %d with %d operations, %d resource alternatives\n", s->routings, s->operations,
           s->alternatives);
    printf("  receipts     %d\n", s->receipts);
    if (s->orders) {
        ordo_format_date(s->first_due, fd);
        ordo_format_date(s->last_due, ld);
        printf("  orders       %d (urgent %d, non-regular %d), quantity %.10g, due %s .. %s\n", s->orders,
               s->orders_urgent, s->orders_nonregular, s->order_qty, fd, ld);
    } else {
        printf("  orders       0\n");
    }
    printf("  load         %.1f MB in %.3f s (parse %.3f s, validate %.3f s): %.1f MB/s\n", mb, secs,
           s->seconds_parse, s->seconds_validate, secs > 0 ? mb / secs : 0.0);
}

/* A progress bar on the terminal: "mrp       [#########           ]  45%", redrawn in place. */
static void progress_bar(void *ud, const char *stage, double fraction)
{
    (void)ud;
    int width = 30, done = (int)(fraction * width + 0.5);
    if (done > width) done = width;
    fprintf(stderr, "\r%-9s [", stage);
    for (int k = 0; k < width; k++) fputc(k < done ? '#' : ' ', stderr);
    fprintf(stderr, "] %3d%%", (int)(fraction * 100 + 0.5));
    if (fraction >= 1) fputc('\n', stderr);
    fflush(stderr);
}

/* Open DATA, printing its errors; returns the exit status (0 when *pm is usable). */
static int open_model(const char *path, const ordo_open_opts *opts, ordo_model **pm)
{
    ordo_rc rc = ordo_model_open(path, opts, pm);
    if (rc == ORDO_OK) return EXIT_OK;
    if (*pm)
        print_errors(*pm);
    else
        fprintf(stderr, "ordo: %s\n", ordo_rc_name(rc));
    ordo_model_close(*pm);
    *pm = NULL;
    return rc == ORDO_ENOMEM ? EXIT_FAIL : EXIT_USAGE;
}

/* Parse a whole number option value in [lo, hi]; returns 0 on success. */
static int int_arg(const char *s, long lo, long hi, long *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < lo || v > hi) return -1;
    *out = v;
    return 0;
}

/* A word that is not an option: the command's one argument (DATA, or PLAN for report) into
** *path. 0, or the exit status of a usage error: an unknown option, or a second argument. */
static int data_arg(const char *usage, const char *a, const char **path)
{
    if (a[0] == '-' && a[1]) return usage_error(usage, "unknown option \"%s\"", a);
    if (*path) return usage_error(usage, "unexpected argument \"%s\"", a);
    *path = a;
    return 0;
}

/* The independent feasibility check of a plan's schedule (plan --check, insert --check):
** EXIT_OK, or EXIT_FAIL with the problems printed. */
static int check_schedule(const ordo_plan *plan, const char *path, int quiet)
{
    char msg[8192];
    int problems = ordo_plan_check(plan, msg, sizeof msg);
    if (problems) {
        fprintf(stderr, "%sordo: the schedule fails the check: %d problem%s\n", msg, problems, problems == 1 ? "" : "s");
        return EXIT_FAIL;
    }
    if (!quiet) fprintf(stderr, "%s: the schedule passes the independent check\n", path);
    return EXIT_OK;
}

/* The planning options plan, quote and insert share: --threads N, --seed K, --time-limit S
** (0: the constructive schedule only), a with its value val, into popts. Returns 0, or the
** exit status of a usage error. */
static int plan_option(const char *usage, const char *a, const char *val, ordo_plan_opts *popts)
{
    long v;
    if (strcmp(a, "--threads") == 0) {
        if (int_arg(val, 1, 4096, &v)) return usage_error(usage, "bad --threads \"%s\"", val);
        popts->threads = (int)v;
        omp_set_num_threads((int)v); /* the load's reader and interner too */
    } else if (strcmp(a, "--seed") == 0) {
        if (int_arg(val, 0, 2147483647L, &v)) return usage_error(usage, "bad --seed \"%s\"", val);
        popts->seed = (uint64_t)v;
    } else {
        char *end;
        double t = strtod(val, &end);
        if (!*val || *end || !(t >= 0) || t > 1e7) return usage_error(usage, "bad --time-limit \"%s\"", val);
        popts->time_limit = t > 0 ? t : -1;
    }
    return 0;
}

static int cmd_plan(int argc, char **argv)
{
    const char *usage = commands[1].usage, *path = NULL, *dir = NULL;
    int quiet = 0, check = 0;
    ordo_format format = ORDO_FORMAT_JSON;
    ordo_plan_opts popts;
    ordo_plan_opts_init(&popts);
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        int has_value = i + 1 < argc;
        if (strcmp(a, "--quiet") == 0) {
            quiet = 1;
        } else if (strcmp(a, "--mrp-only") == 0) {
            popts.mrp_only = 1;
        } else if (strcmp(a, "--check") == 0) {
            check = 1;
        } else if (strcmp(a, "--exact") == 0) {
            popts.exact = 1;
        } else if (strcmp(a, "-o") == 0 || strcmp(a, "--format") == 0 || strcmp(a, "--threads") == 0 ||
                   strcmp(a, "--time-limit") == 0 || strcmp(a, "--seed") == 0) {
            if (!has_value) return usage_error(usage, "%s needs a value", a);
            const char *val = argv[++i];
            if (strcmp(a, "-o") == 0) {
                if (!val[0]) return usage_error(usage, "%s", "-o needs a folder name, not an empty one");
                dir = val;
            } else if (strcmp(a, "--format") == 0) {
                if (strcmp(val, "json") == 0)
                    format = ORDO_FORMAT_JSON;
                else if (strcmp(val, "csv") == 0)
                    format = ORDO_FORMAT_CSV;
                else if (strcmp(val, "hdf5") == 0)
                    format = ORDO_FORMAT_HDF5;
                else
                    return usage_error(usage, "unknown --format \"%s\" (json, csv, hdf5)", val);
            } else {
                int st = plan_option(usage, a, val, &popts); /* --threads, --seed, --time-limit */
                if (st) return st;
            }
        } else {
            int st = data_arg(usage, a, &path);
            if (st) return st;
        }
    }
    if (!path) return usage_error(usage, "%s", "missing DATA");
    if (format != ORDO_FORMAT_JSON && !dir) return usage_error(usage, "%s", "--format csv and hdf5 need -o DIR");
    ordo_model *m = NULL;
    int status = open_model(path, NULL, &m);
    if (status) return status;
    ordo_stats st;
    ordo_model_stats(m, &st);
    if (!quiet && isatty(2)) popts.progress = progress_bar; /* silent when not on a terminal */
    ordo_plan *plan = NULL;
    ordo_rc rc = ordo_plan_run(m, &popts, &plan);
    if (rc != ORDO_OK) {
        fprintf(stderr, "ordo: planning failed: %s\n", ordo_rc_name(rc));
        ordo_model_close(m);
        return EXIT_FAIL;
    }
    if (check && check_schedule(plan, path, quiet)) {
        ordo_plan_close(plan);
        ordo_model_close(m);
        return EXIT_FAIL;
    }
    char err[8192] = "";
    double secs = st.seconds_parse + st.seconds_validate;
    if (dir) /* the outputs and the state for --base DIR, as one run */
        rc = ordo_plan_save(plan, dir, format, secs, err, sizeof err);
    else
        rc = ordo_plan_write(plan, NULL, format, secs, err, sizeof err);
    if (rc != ORDO_OK) {
        fprintf(stderr, "ordo: %s\n", err[0] ? err : ordo_rc_name(rc));
        ordo_plan_close(plan);
        ordo_model_close(m);
        return rc == ORDO_EIO ? EXIT_USAGE : EXIT_FAIL;
    }
    if (!quiet) {
        ordo_plan_summary s;
        ordo_plan_get_summary(plan, &s);
        if (popts.exact && s.exact == 0) fprintf(stderr, "%s: exact mode not run: %s\n", path, s.exact_why);
        if (s.exact)
            fprintf(stderr, "%s: exact mode: makespan %lld minutes, %s (lower bound %.0f)\n", path,
                    (long long)s.makespan_minutes, s.exact == 1 ? "proven optimal" : "not proven optimal",
                    s.exact_bound);
        fprintf(stderr,
                "%s: %d orders (%d late, %d unplanned, %.2f days late in total); %d planned orders "
                "(%d purchase, %lld pegs); %d exceptions; load %.3f s, mrp %.3f s on %d threads%s%s\n",
                path, s.orders, s.late_orders, s.unplanned_orders, s.total_lateness_days, s.planned_orders,
                s.purchase_orders, (long long)s.pegs, s.exceptions, st.seconds_parse + st.seconds_validate, s.seconds_mrp, s.threads,
                dir ? "; written to " : "", dir ? dir : "");
    }
    ordo_plan_close(plan);
    ordo_model_close(m);
    return EXIT_OK;
}

/* Read a whole file into memory (NUL-terminated); NULL when it cannot be read. */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap);
    while (b) {
        n += fread(b + n, 1, cap - n - 1, f);
        if (n + 1 < cap) break;
        char *nb = realloc(b, cap *= 2);
        if (!nb) free(b);
        b = nb;
    }
    int bad = ferror(f);
    fclose(f);
    if (!b || bad) {
        free(b);
        return NULL;
    }
    b[n] = 0;
    *len = n;
    return b;
}

/* The requests of quote and insert: exactly one of --order JSON and --orders FILE, the
** file's text into *req (to free). With stdin_ok, --orders - is left to the caller (a
** quoting session). 0, or the exit status of a usage error. */
static int request_text(const char *usage, const char *order, const char *orders, int stdin_ok, char **req, size_t *len)
{
    if (!order == !orders) return usage_error(usage, "%s", "needs exactly one of --order JSON and --orders FILE");
    if (orders && !(stdin_ok && strcmp(orders, "-") == 0) && !(*req = read_file(orders, len))) {
        fprintf(stderr, "ordo: --orders %s: cannot be read\n", orders);
        return EXIT_USAGE;
    }
    return 0;
}

/* The base plan of a quote or insertion: the state saved in base_dir, or planned now. */
static int base_plan(const ordo_model *m, const char *base_dir, const ordo_plan_opts *popts, ordo_plan **plan)
{
    char err[8192] = "";
    ordo_rc rc;
    if (base_dir) {
        rc = ordo_plan_load_state(m, base_dir, plan, err, sizeof err);
        if (rc != ORDO_OK) {
            fprintf(stderr, "ordo: --base %s: %s\n", base_dir, err[0] ? err : ordo_rc_name(rc));
            return rc == ORDO_ENOMEM ? EXIT_FAIL : EXIT_USAGE;
        }
        return EXIT_OK;
    }
    rc = ordo_plan_run(m, popts, plan);
    if (rc != ORDO_OK) {
        fprintf(stderr, "ordo: planning failed: %s\n", ordo_rc_name(rc));
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

static int cmd_quote(int argc, char **argv)
{
    const char *usage = commands[2].usage, *path = NULL, *order = NULL, *orders = NULL, *base = NULL;
    int quiet = 0, urgent = 0;
    ordo_plan_opts popts;
    ordo_plan_opts_init(&popts);
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--quiet") == 0) {
            quiet = 1;
        } else if (strcmp(a, "--urgent") == 0) {
            urgent = 1;
        } else if (strcmp(a, "--order") == 0 || strcmp(a, "--orders") == 0 || strcmp(a, "--base") == 0 ||
                   strcmp(a, "--threads") == 0 || strcmp(a, "--time-limit") == 0 || strcmp(a, "--seed") == 0) {
            if (i + 1 >= argc) return usage_error(usage, "%s needs a value", a);
            const char *val = argv[++i];
            if (strcmp(a, "--order") == 0) {
                order = val;
            } else if (strcmp(a, "--orders") == 0) {
                orders = val;
            } else if (strcmp(a, "--base") == 0) {
                base = val;
            } else {
                int st = plan_option(usage, a, val, &popts); /* --threads, --seed, --time-limit */
                if (st) return st;
            }
        } else {
            int st = data_arg(usage, a, &path);
            if (st) return st;
        }
    }
    if (!path) return usage_error(usage, "%s", "missing DATA");
    size_t len = 0;
    char *req = NULL;
    int stream = orders && strcmp(orders, "-") == 0; /* a quoting session: one request per line */
    int rst = request_text(usage, order, orders, 1, &req, &len);
    if (rst) return rst;
    ordo_model *m = NULL;
    int status = open_model(path, NULL, &m);
    ordo_plan *plan = NULL;
    if (status == EXIT_OK) status = base_plan(m, base, &popts, &plan);
    ordo_quoter *q = NULL;
    char *out = NULL, err[4096] = "";
    if (status == EXIT_OK && stream) { /* answer each line as it comes, the quoter kept open */
        if (ordo_quoter_open(plan, &q) != ORDO_OK) status = EXIT_FAIL;
        char *line = NULL;
        size_t cap = 0;
        ssize_t got;
        int bad = 0;
        while (status == EXIT_OK && (got = getline(&line, &cap, stdin)) > 0) {
            size_t l = (size_t)got;
            while (l > 0 && (line[l - 1] == '\n' || line[l - 1] == '\r' || line[l - 1] == ' ')) l--;
            if (l == 0) continue;
            ordo_rc rc = ordo_quote_json(q, line, l, "order", popts.threads, urgent, &out, NULL, err, sizeof err);
            if (rc == ORDO_OK) {
                fputs(out, stdout);
            } else if (rc == ORDO_EINPUT) { /* a bad request is answered, the session goes on */
                bad = 1;
                fputs("{\"error\": \"", stdout);
                for (const unsigned char *c = (const unsigned char *)err; *c; c++) { /* valid JSON, always */
                    if (*c == '"' || *c == '\\') fputc('\\', stdout);
                    if (*c == '\n')
                        fputs("; ", stdout);
                    else if (*c < 0x20)
                        printf("\\u%04x", *c);
                    else
                        fputc(*c, stdout);
                }
                fputs("\"}\n", stdout);
            } else {
                fprintf(stderr, "ordo: %s\n", err[0] ? err : ordo_rc_name(rc));
                status = EXIT_FAIL;
            }
            free(out);
            out = NULL;
            fflush(stdout);
        }
        free(line);
        if (status == EXIT_OK && bad) status = EXIT_USAGE;
    } else if (status == EXIT_OK) {
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        ordo_rc rc = ordo_quoter_open(plan, &q);
        if (rc == ORDO_OK)
            rc = ordo_quote_json(q, order ? order : req, order ? strlen(order) : len, order ? "order" : "orders",
                                 popts.threads, urgent, &out, NULL, err, sizeof err);
        if (rc == ORDO_OK) {
            fputs(out, stdout);
            clock_gettime(CLOCK_MONOTONIC, &t1);
            if (!quiet)
                fprintf(stderr, "%s: quoted against %s in %.3f s\n", path, base ? base : "a fresh plan",
                        (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9);
        } else {
            fprintf(stderr, "%s\n", err[0] ? err : ordo_rc_name(rc));
            status = rc == ORDO_EINPUT ? EXIT_USAGE : EXIT_FAIL;
        }
    }
    free(out);
    free(req);
    ordo_quoter_close(q);
    ordo_plan_close(plan);
    ordo_model_close(m);
    return status;
}

static int cmd_insert(int argc, char **argv)
{
    const char *usage = commands[3].usage, *path = NULL, *order = NULL, *orders = NULL, *base = NULL, *dir = NULL;
    int quiet = 0, check = 0;
    ordo_plan_opts popts;
    ordo_plan_opts_init(&popts);
    ordo_insert_opts io;
    ordo_insert_opts_init(&io);
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--quiet") == 0) {
            quiet = 1;
        } else if (strcmp(a, "--check") == 0) {
            check = 1;
        } else if (strcmp(a, "--order") == 0 || strcmp(a, "--orders") == 0 || strcmp(a, "--base") == 0 ||
                   strcmp(a, "-o") == 0 || strcmp(a, "--max-slip") == 0 || strcmp(a, "--threads") == 0 ||
                   strcmp(a, "--time-limit") == 0 || strcmp(a, "--seed") == 0 || strcmp(a, "--method") == 0) {
            if (i + 1 >= argc) return usage_error(usage, "%s needs a value", a);
            const char *val = argv[++i];
            char *end;
            if (strcmp(a, "--order") == 0) {
                order = val;
            } else if (strcmp(a, "--orders") == 0) {
                orders = val;
            } else if (strcmp(a, "--base") == 0) {
                base = val;
            } else if (strcmp(a, "-o") == 0) {
                if (!val[0]) return usage_error(usage, "%s", "-o needs a folder name, not an empty one");
                dir = val;
            } else if (strcmp(a, "--max-slip") == 0) {
                double s = strtod(val, &end);
                if (!*val || *end || !(s >= 0) || s > 1e6) return usage_error(usage, "bad --max-slip \"%s\"", val);
                io.max_slip_days = s;
            } else if (strcmp(a, "--method") == 0) {
                static const char *names[] = {"best", "gaps", "append", "right-shift", "window", "redispatch"};
                int found = -1;
                for (int k = 0; k < 6; k++)
                    if (strcmp(val, names[k]) == 0) found = k;
                if (found < 0) return usage_error(usage, "unknown --method \"%s\" (best, gaps, append, right-shift, window, redispatch)", val);
                io.method = (ordo_insert_method)found;
            } else {
                int st = plan_option(usage, a, val, &popts); /* --threads, --seed, --time-limit */
                if (st) return st;
            }
        } else {
            int st = data_arg(usage, a, &path);
            if (st) return st;
        }
    }
    if (!path) return usage_error(usage, "%s", "missing DATA");
    size_t len = 0;
    char *req = NULL;
    int rst = request_text(usage, order, orders, 0, &req, &len);
    if (rst) return rst;
    ordo_model *m = NULL, *m2 = NULL;
    int status = open_model(path, NULL, &m);
    ordo_plan *plan = NULL, *np = NULL;
    if (status == EXIT_OK) status = base_plan(m, base, &popts, &plan);
    char err[8192] = "";
    if (status == EXIT_OK) {
        io.time_limit = popts.time_limit > 0 ? popts.time_limit : 0;
        ordo_rc rc = ordo_insert_json(plan, order ? order : req, order ? strlen(order) : len, order ? "order" : "orders",
                                      &io, &m2, &np, err, sizeof err);
        if (rc != ORDO_OK) {
            fprintf(stderr, "%s\n", err[0] ? err : ordo_rc_name(rc));
            status = rc == ORDO_EINPUT ? EXIT_USAGE : EXIT_FAIL;
        }
    }
    if (status == EXIT_OK && check) status = check_schedule(np, path, quiet);
    if (status == EXIT_OK) {
        ordo_rc rc = ordo_plan_write(np, dir, ORDO_FORMAT_JSON, 0, err, sizeof err);
        if (rc != ORDO_OK) {
            fprintf(stderr, "ordo: %s\n", err[0] ? err : ordo_rc_name(rc));
            status = rc == ORDO_EIO ? EXIT_USAGE : EXIT_FAIL;
        }
    }
    ordo_plan_close(np);
    ordo_model_close(m2);
    ordo_plan_close(plan);
    ordo_model_close(m);
    free(req);
    return status;
}

static int cmd_report(int argc, char **argv)
{
    const char *usage = commands[4].usage, *plan = NULL, *html = NULL;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--gantt") == 0) {
            if (i + 1 >= argc) return usage_error(usage, "%s needs a value", argv[i]);
            html = argv[++i];
        } else {
            int st = data_arg(usage, argv[i], &plan);
            if (st) return st;
        }
    }
    if (!plan || !html) return usage_error(usage, "%s", "needs PLAN.json and --gantt FILE.html");
    char err[8192] = "";
    ordo_rc rc = ordo_report_gantt(plan, html, err, sizeof err);
    if (rc != ORDO_OK) {
        fprintf(stderr, "ordo: %s\n", err);
        return rc == ORDO_ENOMEM ? EXIT_FAIL : EXIT_USAGE;
    }
    printf("wrote %s\n", html);
    return EXIT_OK;
}

static int cmd_convert(int argc, char **argv)
{
    const char *usage = commands[5].usage, *in = NULL, *out = NULL;
    for (int i = 0; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1])
            return usage_error(usage, "unknown option \"%s\"", argv[i]);
        else if (!in)
            in = argv[i];
        else if (!out)
            out = argv[i];
        else
            return usage_error(usage, "unexpected argument \"%s\"", argv[i]);
    }
    if (!in || !out) return usage_error(usage, "%s", "needs IN and OUT");
    ordo_model *m = NULL;
    ordo_rc rc = ordo_convert(in, out, NULL, &m);
    if (rc == ORDO_EINPUT) {
        print_errors(m);
        ordo_model_close(m);
        return EXIT_USAGE;
    }
    if (rc != ORDO_OK) {
        fprintf(stderr, "ordo: %s\n", m && ordo_errmsg(m)[0] ? ordo_errmsg(m) : ordo_rc_name(rc));
        ordo_model_close(m);
        return rc == ORDO_ENOMEM ? EXIT_FAIL : EXIT_USAGE;
    }
    ordo_model_close(m);
    return EXIT_OK;
}

static int cmd_validate(int argc, char **argv)
{
    const char *usage = commands[0].usage, *path = NULL;
    int quiet = 0;
    ordo_open_opts opts;
    ordo_open_opts_init(&opts);
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--quiet") == 0) {
            quiet = 1;
        } else if (strcmp(argv[i], "--max-errors") == 0) {
            long n;
            if (i + 1 >= argc) return usage_error(usage, "%s needs a value", argv[i]);
            if (int_arg(argv[++i], 1, 1000000, &n)) return usage_error(usage, "bad --max-errors \"%s\"", argv[i]);
            opts.max_errors = (int)n;
        } else {
            int st = data_arg(usage, argv[i], &path);
            if (st) return st;
        }
    }
    if (!path) return usage_error(usage, "%s", "missing DATA");
    ordo_model *m = NULL;
    int status = open_model(path, &opts, &m);
    if (status) return status;
    ordo_stats st;
    ordo_model_stats(m, &st);
    if (!quiet) print_summary(&st, path);
    ordo_model_close(m);
    return EXIT_OK;
}

/* A command's exit status, made EXIT_USAGE (an output error, like a failed write of plan.json)
** when what it printed on standard output could not all be written: a full disk, a closed
** pipe. */
static int stdout_closed(int status)
{
    if (fflush(stdout) == 0 && !ferror(stdout)) return status;
    fprintf(stderr, "ordo: standard output: write error\n");
    return status == EXIT_OK ? EXIT_USAGE : status;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        print_help(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        print_help(stdout);
        return EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("ordo %s\n", ordo_version());
        return EXIT_OK;
    }
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(argv[1], commands[i].name) == 0) return stdout_closed(commands[i].run(argc - 2, argv + 2));
    fprintf(stderr, "ordo: unknown command \"%s\" (see ordo --help)\n", argv[1]);
    return EXIT_USAGE;
}
