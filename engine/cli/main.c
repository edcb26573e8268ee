/*
** main.c -- the ordo command line: a thin layer over the library (include/ordo.h).
** Subcommands are one table that also produces --help. Exit status (SPEC section 4):
** 0 success, 1 infeasible or solver failure, 2 bad input or usage.
*/
#define _POSIX_C_SOURCE 200809L
#include "ordo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

typedef struct command {
    const char *name;
    int (*run)(const struct command *cmd, int argc, char **argv);
    const char *usage;
    const char *summary;
} command;

static int cmd_validate(const struct command *cmd, int argc, char **argv);
static int cmd_plan(const struct command *cmd, int argc, char **argv);
static int cmd_report(const struct command *cmd, int argc, char **argv);
static int cmd_convert(const struct command *cmd, int argc, char **argv);
static int cmd_quote(const struct command *cmd, int argc, char **argv);
static int cmd_insert(const struct command *cmd, int argc, char **argv);
static int cmd_peg(const struct command *cmd, int argc, char **argv);
static int cmd_whatif(const struct command *cmd, int argc, char **argv);
#define WHATIF_USAGE "ordo whatif DATA --scenarios FILE -o DIR [--base DIR] [--plans] [--threads N] [--time-limit S] [--seed K] [--quiet]"
#define WHATIF_SUMMARY                                                                                                  \
    "what-if sweep: each scenario of FILE ({\"scenarios\": [{\"name\", \"changes\": [...]}]}, changes in "              \
    "README.md) planned in full against the base (planned first, or the plan saved in --base DIR); writes "   \
    "DIR/scenarios.json and DIR/scenarios.csv (on-time orders, lateness, newly late orders, purchases, bottleneck), "   \
    "with --plans each plan in DIR/plans/NAME/plan.json; under mpirun -np K the scenarios are spread over the ranks"

static const command commands[] = {
    {"validate", cmd_validate, "ordo validate DATA [--quiet] [--max-errors N]",
     "check a data set; print its summary, or every error located by path (exit 2)"},
    {"plan", cmd_plan,
     "ordo plan DATA [--base DIR [--stable | --incremental]] [-o DIR] [--format json|csv|hdf5] [--threads N] [--time-limit S] [--seed K] [--islands N] [--mrp-only] [--pegging full|direct|none] [--exact] [--check] [--quiet]",
     "MRP and finite schedule for every open order: planned orders with pegging, purchase "
     "requisitions, exceptions, operations, load; writes DIR/plan.json (or CSV files, or "
     "DIR/plan.h5), or "
     "plan.json to standard output without -o; --mrp-only skips the schedule; --pegging: planned orders' pegging to customer orders "
     "(full, the default), to what each directly serves (direct) or none; --check verifies "
     "the schedule independently (exit 1 when it fails); --exact solves a small job shop to proven "
     "optimality with GLPK (within --time-limit, default 60 s); --base DIR re-plans against the plan "
     "saved in DIR (a changed data set), keeping its operations unless a plain re-plan is better by "
     "the objective (--stable: always; --incremental: every operation whose order is unchanged and "
     "whose material is still there stays, the rest are scheduled around them, the fast re-plan), "
     "nets again only the items a change reaches (net-change MRP), and adds \"changes\"; --islands N runs N islands of the "
     "local search (each with the whole --time-limit budget; under mpirun -np K spread over the ranks, "
     "the same plan for any K)"},
    {"quote", cmd_quote,
     "ordo quote DATA (--order JSON | --orders FILE) [--base DIR] [--urgent] [--threads N] [--time-limit S] [--seed K] [--quiet]",
     "capable-to-promise: for each candidate {\"item\", \"qty\"[, \"id\", \"due\", \"design_days\"]}, the "
     "earliest due date that is on time without moving anything already planned, what binds it "
     "(stock, material, capacity) and the chain that sets it; one JSON object per line. --base "
     "DIR quotes against the plan saved there by ordo plan -o DIR, else the base plan is made first; "
     "--orders - answers one request per line of standard input as it comes (a quoting session); "
     "--urgent: the date possible when others may move (inserted as an urgent order), and who slips"},
    {"insert", cmd_insert,
     "ordo insert DATA (--order JSON | --orders FILE) [--base DIR] [-o DIR] [--format json|csv|hdf5] [--max-slip DAYS] [--time-limit S] [--method best|gaps|append|right-shift|window|redispatch] [--threads N] [--seed K] [--check] [--quiet]",
     "insert new orders into the plan: each in the gaps, just in time for its due date or as "
     "soon as possible; an urgent order still late gets priority: right-shift, the GLPK window over what "
     "it pushes (--time-limit S per order, default 4), re-dispatch, overtime where calendars allow, the "
     "best kept, never delaying an existing order more than --max-slip DAYS; writes the new plan with "
     "\"inserted\", \"insertion\" and \"disturbed\" to DIR/plan.json, or to standard output"},
    {"peg", cmd_peg, "ordo peg DIR (--order ID | --supply PL-n) [--data DATA]",
     "pegging questions on the plan saved by ordo plan -o DIR, answered as JSON without writing "
     "the plan: --order, every planned order, receipt and stock that serves the customer order, "
     "level by level, with quantities and dates; --supply, the customer orders a planned order "
     "serves. The data set is DATA, else DIR/data.json, else the one ordo plan recorded in "
     "DIR/data.path"},
    {"report", cmd_report, "ordo report PLAN.json --html FILE.html | --gantt FILE.html",
     "--html: the planner's board, one offline page (Gantt with zoom, load against capacity, supply "
     "chains, late orders, exceptions, purchase requisitions); --gantt: a static Gantt chart per resource"},
    {"whatif", cmd_whatif, WHATIF_USAGE, WHATIF_SUMMARY},
    {"convert", cmd_convert, "ordo convert IN OUT",
     "data set JSON <-> HDF5 by file extension (.json, .h5); validated first"},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void print_help(FILE *f)
{
    fprintf(f, "ordo %s -- production scheduling and MRP engine\n\nusage:\n", ordo_version());
    for (size_t i = 0; i < NCOMMANDS; i++) fprintf(f, "  %-56s %s\n", commands[i].usage, commands[i].summary);
    fprintf(f, "  %-56s %s\n", "ordo --version | --help", "print the version or this help");
    fprintf(f, "  %-56s %s\n", "ordo COMMAND --help", "the usage of one command");
    fprintf(f, "\nDATA is a data set in JSON (see SPEC section 2).\n"
               "exit status: 0 success, 1 infeasible or solver failure, 2 bad input or usage\n");
}

/* One command's help (ordo CMD --help): its usage line and what it does. */
static void print_command_help(FILE *f, const command *cmd)
{
    fprintf(f, "usage: %s\n\n%s\n\nexit status: 0 success, 1 infeasible or solver failure, 2 bad input or usage\n",
            cmd->usage, cmd->summary);
}

/* The exit status of a finished plan: late and unplanned orders are results, reported in
** the plan (status "late", "unplanned"), not failures of the run. */
static int plan_exit(ordo_plan_status status)
{
    switch (status) {
    case ORDO_PLAN_ON_TIME:
    case ORDO_PLAN_LATE:
    case ORDO_PLAN_UNPLANNED: return EXIT_OK;
    }
    return EXIT_FAIL;
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

/* Open DATA with its load on threads (0: all cores), printing its errors; returns the
** exit status (0 when *pm is usable). */
static int open_model(const char *path, int threads, int max_errors, ordo_model **pm)
{
    ordo_open_opts opts;
    ordo_open_opts_init(&opts);
    opts.threads = threads;
    if (max_errors > 0) opts.max_errors = max_errors;
    ordo_rc rc = ordo_model_open(path, &opts, pm);
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

/* ---- ordo peg ------------------------------------------------------------------------------ */
#define DATA_PATH_FILE "data.path"

/* Record the data set plan -o DIR read (its absolute path, in DIR/data.path) for ordo peg. */
static void save_data_path(const char *dir, const char *path)
{
    char cwd[4096], file[4200];
    if (path[0] != '/' && !getcwd(cwd, sizeof cwd)) return;
    snprintf(file, sizeof file, "%s/%s", dir, DATA_PATH_FILE);
    FILE *f = fopen(file, "w");
    if (!f) return;
    fprintf(f, "%s%s%s\n", path[0] == '/' ? "" : cwd, path[0] == '/' ? "" : "/", path);
    fclose(f);
}

/* The data set behind the state in dir: DIR/data.json (an insertion's), else the path in
** DIR/data.path, into buf; NULL when neither is there. */
static const char *saved_data_path(const char *dir, char *buf, size_t n)
{
    snprintf(buf, n, "%s/data.json", dir);
    if (access(buf, R_OK) == 0) return buf;
    char file[4200];
    snprintf(file, sizeof file, "%s/%s", dir, DATA_PATH_FILE);
    FILE *f = fopen(file, "r");
    if (!f) return NULL;
    int ok = fgets(buf, (int)n, f) != NULL;
    fclose(f);
    buf[ok ? strcspn(buf, "\n") : 0] = 0;
    return ok && buf[0] ? buf : NULL;
}

/* Options of ordo peg into the out-parameters; 0 or the exit status of a usage error. */
static int peg_args(const char *usage, int argc, char **argv, const char **dir, const char **order,
                    const char **supply, const char **data)
{
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--order") == 0 || strcmp(a, "--supply") == 0 || strcmp(a, "--data") == 0) {
            if (i + 1 >= argc) return usage_error(usage, "%s needs a value", a);
            const char **slot = a[2] == 'o' ? order : a[2] == 's' ? supply : data;
            *slot = argv[++i];
        } else {
            int st = data_arg(usage, a, dir);
            if (st) return st;
        }
    }
    if (!*dir) return usage_error(usage, "%s", "missing DIR");
    if (!*order == !*supply) return usage_error(usage, "%s", "give one of --order and --supply");
    return 0;
}

static int cmd_peg(const struct command *cmd, int argc, char **argv)
{
    const char *usage = cmd->usage;
    const char *dir = NULL, *order = NULL, *supply = NULL, *data = NULL;
    int st = peg_args(usage, argc, argv, &dir, &order, &supply, &data);
    if (st) return st;
    char buf[4096];
    if (!data && !(data = saved_data_path(dir, buf, sizeof buf))) {
        fprintf(stderr, "ordo: %s: no data set recorded (plan with -o %s first, or give --data DATA)\n", dir, dir);
        return EXIT_USAGE;
    }
    ordo_model *m = NULL;
    if ((st = open_model(data, 0, 0, &m))) return st;
    ordo_plan *plan = NULL;
    char err[512] = "", *json = NULL;
    ordo_rc rc = ordo_plan_load_state(m, dir, &plan, err, sizeof err);
    if (rc == ORDO_OK)
        rc = order ? ordo_plan_peg_order(plan, order, &json, err, sizeof err)
                   : ordo_plan_peg_supply(plan, supply, &json, err, sizeof err);
    if (rc == ORDO_OK) {
        fputs(json, stdout);
        if (fflush(stdout) != 0) rc = ORDO_EIO, snprintf(err, sizeof err, "standard output: write error");
    }
    if (rc != ORDO_OK) fprintf(stderr, "ordo: %s\n", err[0] ? err : ordo_rc_name(rc));
    free(json);
    ordo_plan_close(plan);
    ordo_model_close(m);
    return rc == ORDO_OK ? EXIT_OK : rc == ORDO_ENOMEM ? EXIT_FAIL : EXIT_USAGE;
}

/* Why ordo_plan_run failed: a validated data set is refused only for a plan too large for
** its int32 indexes. */
static const char *plan_failure(ordo_rc rc)
{
    return rc == ORDO_EINPUT ? "the plan would hold more than 2^31 - 3 planned orders, needs or dependencies"
                             : ordo_rc_name(rc);
}

/* --format json|csv|hdf5 into *format; 0, or the exit status of a usage error. */
static int format_arg(const char *usage, const char *val, ordo_format *format)
{
    static const char *const names[] = {"json", "csv", "hdf5"}; /* ordo_format order */
    for (int k = 0; k < 3; k++)
        if (strcmp(val, names[k]) == 0) {
            *format = (ordo_format)k;
            return 0;
        }
    return usage_error(usage, "unknown --format \"%s\" (json, csv, hdf5)", val);
}

/* --pegging full|direct|none: what the writers emit as planned_orders[].pegging. */
static int pegging_arg(const char *usage, const char *val, ordo_plan_opts *popts)
{
    static const char *const modes[] = {"full", "direct", "none"}; /* ORDO_PEGGING_* order */
    for (int k = 0; k < 3; k++)
        if (strcmp(val, modes[k]) == 0) {
            popts->pegging = k;
            return 0;
        }
    return usage_error(usage, "unknown --pegging \"%s\" (full, direct, none)", val);
}

/* plan --base DIR: the re-plan of m against the plan saved in DIR into *plan. EXIT_OK, or
** the exit status of a failure (2 when DIR holds no plan). */
static int replan(const ordo_model *m, const ordo_plan_opts *popts, const char *base, int stable, ordo_plan **plan)
{
    char err[1024] = "";
    ordo_rc rc = ordo_plan_replan(m, popts, base, stable, plan, err, sizeof err);
    if (rc == ORDO_OK) return EXIT_OK;
    fprintf(stderr, "ordo: --base %s: %s\n", base, err[0] ? err : ordo_rc_name(rc));
    return rc == ORDO_EIO || rc == ORDO_EINPUT ? EXIT_USAGE : EXIT_FAIL;
}

static int plan_ranked(const struct command *cmd, int argc, char **argv, int rank, int size);

/* ordo plan; under mpirun every rank plans (the search's chains spread over them) and rank 0
** alone writes and prints. */
static int cmd_plan(const struct command *cmd, int argc, char **argv)
{
    int rank = 0, size = 1;
    if (ordo_dist_begin(NULL, NULL, &rank, &size)) {
        fprintf(stderr, "ordo: MPI could not be started\n");
        return EXIT_FAIL;
    }
    if (rank > 0 && !freopen("/dev/null", "w", stderr)) clearerr(stderr); /* one rank speaks */
    int st = plan_ranked(cmd, argc, argv, rank, size);
    ordo_dist_end();
    return st;
}

static int plan_ranked(const struct command *cmd, int argc, char **argv, int rank, int size)
{
    const char *usage = cmd->usage, *path = NULL, *dir = NULL, *base = NULL;
    int quiet = 0, check = 0, stable = 0;
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
        } else if (strcmp(a, "--stable") == 0) {
            stable = stable ? stable : 1;
        } else if (strcmp(a, "--incremental") == 0) {
            stable = 2;
        } else if (strcmp(a, "-o") == 0 || strcmp(a, "--format") == 0 || strcmp(a, "--threads") == 0 ||
                   strcmp(a, "--time-limit") == 0 || strcmp(a, "--seed") == 0 || strcmp(a, "--base") == 0 ||
                   strcmp(a, "--pegging") == 0 || strcmp(a, "--islands") == 0) {
            if (!has_value) return usage_error(usage, "%s needs a value", a);
            const char *val = argv[++i];
            long v;
            if (strcmp(a, "--islands") == 0) {
                if (int_arg(val, 1, 1024, &v)) return usage_error(usage, "bad --islands \"%s\" (1 to 1024)", val);
                popts.islands = (int)v;
            } else if (strcmp(a, "-o") == 0) {
                if (!val[0]) return usage_error(usage, "%s", "-o needs a folder name, not an empty one");
                dir = val;
            } else if (strcmp(a, "--base") == 0) {
                base = val;
            } else if (strcmp(a, "--pegging") == 0) {
                if (pegging_arg(usage, val, &popts)) return EXIT_USAGE;
            } else if (strcmp(a, "--format") == 0) {
                if (format_arg(usage, val, &format)) return EXIT_USAGE;
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
    if (stable && !base) return usage_error(usage, "%s", "--stable and --incremental need --base DIR");
    if (format != ORDO_FORMAT_JSON && !dir) return usage_error(usage, "%s", "--format csv and hdf5 need -o DIR");
    popts.over_ranks = size > 1;
    popts.mrp_keep = dir != NULL; /* the memo beside the state, for a net-change re-plan */
    popts.mrp_base = base;
    ordo_model *m = NULL;
    int status = open_model(path, popts.threads, 0, &m);
    if (status) return status;
    ordo_stats st;
    ordo_model_stats(m, &st);
    if (!quiet && rank == 0 && isatty(2)) popts.progress = progress_bar; /* silent when not on a terminal */
    ordo_plan *plan = NULL;
    status = base ? replan(m, &popts, base, stable, &plan) : EXIT_OK;
    ordo_rc rc = base ? ORDO_OK : ordo_plan_run(m, &popts, &plan);
    if (status || rc != ORDO_OK) {
        if (rc != ORDO_OK) fprintf(stderr, "ordo: planning failed: %s\n", plan_failure(rc));
        ordo_model_close(m);
        return status ? status : EXIT_FAIL;
    }
    if (rank > 0) { /* rank 0 writes */
        ordo_plan_summary s;
        ordo_plan_get_summary(plan, &s);
        ordo_plan_close(plan);
        ordo_model_close(m);
        return plan_exit(s.status);
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
    if (rc == ORDO_OK && dir) save_data_path(dir, path); /* for ordo peg */
    if (rc != ORDO_OK) {
        fprintf(stderr, "ordo: %s\n", err[0] ? err : ordo_rc_name(rc));
        ordo_plan_close(plan);
        ordo_model_close(m);
        return rc == ORDO_EIO ? EXIT_USAGE : EXIT_FAIL;
    }
    ordo_plan_summary s;
    ordo_plan_get_summary(plan, &s);
    if (!quiet) {
        if (popts.exact && s.exact == 0) fprintf(stderr, "%s: exact mode not run: %s\n", path, s.exact_why);
        if (s.exact)
            fprintf(stderr, "%s: exact mode: makespan %lld minutes, %s (lower bound %.0f)\n", path,
                    (long long)s.makespan_minutes, s.exact == 1 ? "proven optimal" : "not proven optimal",
                    s.exact_bound);
        fprintf(stderr,
                "%s: %d orders (%d late, %d unplanned, %.2f days late in total); %d planned orders "
                "(%d purchase, %lld links); %d exceptions; load %.3f s, mrp %.3f s on %d threads%s%s\n",
                path, s.orders, s.late_orders, s.unplanned_orders, s.total_lateness_days, s.planned_orders,
                s.purchase_orders, (long long)s.pegs, s.exceptions, st.seconds_parse + st.seconds_validate, s.seconds_mrp, s.threads,
                dir ? "; written to " : "", dir ? dir : "");
    }
    ordo_plan_close(plan);
    ordo_model_close(m);
    return plan_exit(s.status);
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

/* The options quote and insert share: the requests (--order JSON, --orders FILE), the base
** plan (--base DIR), --quiet and the planning options. */
typedef struct request_args {
    const char *path, *order, *orders, *base;
    int quiet;
    ordo_plan_opts popts;
} request_args;

static void request_args_init(request_args *ra)
{
    memset(ra, 0, sizeof *ra);
    ordo_plan_opts_init(&ra->popts);
}

/* argv[*i] as one of the shared options (taking its value, *i advanced past it) into ra.
** Returns 0, the exit status of a usage error, or -1 when it is none of them. */
static int request_option(const char *usage, int argc, char **argv, int *i, request_args *ra)
{
    const char *a = argv[*i];
    if (strcmp(a, "--quiet") == 0) {
        ra->quiet = 1;
        return 0;
    }
    static const char *const valued[] = {"--order", "--orders", "--base", "--threads", "--time-limit", "--seed"};
    int k = 0;
    while (k < 6 && strcmp(a, valued[k]) != 0) k++;
    if (k == 6) return -1;
    if (*i + 1 >= argc) return usage_error(usage, "%s needs a value", a);
    const char *val = argv[++*i];
    if (k < 3) {
        const char **dst[3] = {&ra->order, &ra->orders, &ra->base};
        *dst[k] = val;
        return 0;
    }
    return plan_option(usage, a, val, &ra->popts); /* --threads, --seed, --time-limit */
}

/* insert's own valued options, --max-slip DAYS and --method NAME, into io. 0, or the exit
** status of a usage error. */
static int insert_option(const char *usage, const char *a, const char *val, ordo_insert_opts *io)
{
    if (strcmp(a, "--max-slip") == 0) {
        char *end;
        double s = strtod(val, &end);
        if (!*val || *end || !(s >= 0) || s > 1e6) return usage_error(usage, "bad --max-slip \"%s\"", val);
        io->max_slip_days = s;
        return 0;
    }
    static const char *const names[] = {"best", "gaps", "append", "right-shift", "window", "redispatch"};
    for (int k = 0; k < 6; k++)
        if (strcmp(val, names[k]) == 0) {
            io->method = (ordo_insert_method)k;
            return 0;
        }
    return usage_error(usage, "unknown --method \"%s\" (best, gaps, append, right-shift, window, redispatch)", val);
}

/* The requests of ordo quote, spread over the ranks when run by mpirun (*rank 0 prints). */
static ordo_rc quote_over_ranks(ordo_quoter *q, const ordo_model *m, const char *text, size_t len, const char *what,
                                int threads, int urgent, char **out, char *err, size_t nerr, int *rank)
{
    int size = 1;
    if (ordo_dist_begin(NULL, NULL, rank, &size)) {
        snprintf(err, nerr, "MPI failed to start");
        return ORDO_EIO;
    }
    return ordo_quote_json_ranks(q, m, text, len, what, threads, urgent, out, NULL, err, nerr);
}

static int cmd_quote(const struct command *cmd, int argc, char **argv)
{
    const char *usage = cmd->usage;
    request_args ra;
    int urgent = 0;
    request_args_init(&ra);
    for (int i = 0; i < argc; i++) {
        int st = 0;
        if (strcmp(argv[i], "--urgent") == 0) urgent = 1;
        else if ((st = request_option(usage, argc, argv, &i, &ra)) < 0) st = data_arg(usage, argv[i], &ra.path);
        if (st > 0) return st;
    }
    const char *path = ra.path, *order = ra.order, *orders = ra.orders, *base = ra.base;
    int quiet = ra.quiet;
    ordo_plan_opts popts = ra.popts;
    if (!path) return usage_error(usage, "%s", "missing DATA");
    size_t len = 0;
    char *req = NULL;
    int stream = orders && strcmp(orders, "-") == 0; /* a quoting session: one request per line */
    int rst = request_text(usage, order, orders, 1, &req, &len);
    if (rst) return rst;
    ordo_model *m = NULL;
    int status = open_model(path, popts.threads, 0, &m);
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
            } else if (rc == ORDO_EINPUT && out) { /* good candidates answered, bad ones as error lines */
                bad = 1;
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
        int rank = 0; /* under mpirun the requests are spread over the ranks; rank 0 prints */
        if (rc == ORDO_OK)
            rc = quote_over_ranks(q, m, order ? order : req, order ? strlen(order) : len, order ? "order" : "orders",
                                  popts.threads, urgent, &out, err, sizeof err, &rank);
        if (rc == ORDO_OK) {
            fputs(out, stdout);
            clock_gettime(CLOCK_MONOTONIC, &t1);
            if (!quiet && rank == 0)
                fprintf(stderr, "%s: quoted against %s in %.3f s\n", path, base ? base : "a fresh plan",
                        (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9);
        } else {
            if (rank == 0) {
                if (rc == ORDO_EINPUT && out) fputs(out, stdout); /* the good candidates' answers */
                fprintf(stderr, "%s\n", err[0] ? err : ordo_rc_name(rc));
            }
            status = rc == ORDO_EINPUT ? EXIT_USAGE : EXIT_FAIL;
        }
    }
    free(out);
    free(req);
    ordo_quoter_close(q);
    ordo_plan_close(plan);
    ordo_model_close(m);
    ordo_dist_end();
    return status;
}

/* An insertion's outputs. Without DIR, plan.json on standard output. With DIR, the new
** plan's state and plan.json as one run (ordo_plan_save), then what lets quotes, insertions
** and re-plans chain on it: the data set with the inserted orders (DIR/data.json). A crash
** in between leaves a state that does not match the data.json there (or none), which
** --base refuses. EXIT_OK, or the exit status of a failure. */
static int save_insertion(ordo_plan *np, const char *data_path, const char *dir, ordo_format format)
{
    char err[4096] = "", data[4096];
    ordo_rc rc = dir ? ordo_plan_save(np, dir, format, 0, err, sizeof err)
                     : ordo_plan_write(np, NULL, ORDO_FORMAT_JSON, 0, err, sizeof err);
    if (rc == ORDO_OK && dir) {
        snprintf(data, sizeof data, "%s/data.json", dir);
        rc = ordo_insert_save_data(np, data_path, data, err, sizeof err);
    }
    if (rc == ORDO_OK) return EXIT_OK;
    fprintf(stderr, "ordo: %s\n", err[0] ? err : ordo_rc_name(rc));
    return rc == ORDO_EIO ? EXIT_USAGE : EXIT_FAIL;
}

static int cmd_insert(const struct command *cmd, int argc, char **argv)
{
    const char *usage = cmd->usage, *dir = NULL;
    request_args ra;
    int check = 0;
    ordo_format format = ORDO_FORMAT_JSON;
    request_args_init(&ra);
    ordo_insert_opts io;
    ordo_insert_opts_init(&io);
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
        int st = 0;
        if (strcmp(a, "--check") == 0) {
            check = 1;
        } else if (strcmp(a, "-o") == 0 || strcmp(a, "--max-slip") == 0 || strcmp(a, "--method") == 0 ||
                   strcmp(a, "--format") == 0) {
            if (!val) return usage_error(usage, "%s needs a value", a);
            i++;
            if (strcmp(a, "-o") == 0 && !val[0]) return usage_error(usage, "%s", "-o needs a folder name, not an empty one");
            if (strcmp(a, "-o") == 0) dir = val;
            else if (strcmp(a, "--format") == 0) st = format_arg(usage, val, &format);
            else st = insert_option(usage, a, val, &io);
        } else if ((st = request_option(usage, argc, argv, &i, &ra)) < 0) {
            st = data_arg(usage, a, &ra.path);
        }
        if (st > 0) return st;
    }
    const char *path = ra.path, *order = ra.order, *orders = ra.orders, *base = ra.base;
    int quiet = ra.quiet;
    ordo_plan_opts popts = ra.popts;
    if (format != ORDO_FORMAT_JSON && !dir) return usage_error(usage, "%s", "--format csv and hdf5 need -o DIR");
    if (!path) return usage_error(usage, "%s", "missing DATA");
    size_t len = 0;
    char *req = NULL;
    int rst = request_text(usage, order, orders, 0, &req, &len);
    if (rst) return rst;
    ordo_model *m = NULL, *m2 = NULL;
    int status = open_model(path, popts.threads, 0, &m);
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
    if (status == EXIT_OK) status = save_insertion(np, path, dir, format);
    ordo_plan_close(np);
    ordo_model_close(m2);
    ordo_plan_close(plan);
    ordo_model_close(m);
    free(req);
    return status;
}

/* The report's outputs: --gantt (the static chart) and --html (the interactive board), one
** or both, each written by its own engine call. */
static int report_write(const char *plan, const char *gantt, const char *html)
{
    char err[8192] = "";
    ordo_rc rc = ORDO_OK;
    if (gantt && (rc = ordo_report_gantt(plan, gantt, err, sizeof err)) == ORDO_OK) printf("wrote %s\n", gantt);
    if (rc == ORDO_OK && html && (rc = ordo_report_html(plan, html, err, sizeof err)) == ORDO_OK)
        printf("wrote %s\n", html);
    if (rc != ORDO_OK) {
        fprintf(stderr, "ordo: %s\n", err);
        return rc == ORDO_ENOMEM ? EXIT_FAIL : EXIT_USAGE;
    }
    return EXIT_OK;
}

static int cmd_report(const struct command *cmd, int argc, char **argv)
{
    const char *usage = cmd->usage, *plan = NULL, *gantt = NULL, *html = NULL;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--gantt") == 0 || strcmp(argv[i], "--html") == 0) {
            if (i + 1 >= argc) return usage_error(usage, "%s needs a value", argv[i]);
            *(argv[i][2] == 'g' ? &gantt : &html) = argv[i + 1];
            i++;
        } else {
            int st = data_arg(usage, argv[i], &plan);
            if (st) return st;
        }
    }
    if (!plan || (!gantt && !html))
        return usage_error(usage, "%s", "needs PLAN.json and --html FILE.html or --gantt FILE.html");
    return report_write(plan, gantt, html);
}

static int cmd_convert(const struct command *cmd, int argc, char **argv)
{
    const char *usage = cmd->usage, *in = NULL, *out = NULL;
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

static int cmd_validate(const struct command *cmd, int argc, char **argv)
{
    const char *usage = cmd->usage, *path = NULL;
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
    int status = open_model(path, 0, opts.max_errors, &m);
    if (status) return status;
    ordo_stats st;
    ordo_model_stats(m, &st);
    if (!quiet) print_summary(&st, path);
    ordo_model_close(m);
    return EXIT_OK;
}

/* ordo whatif: options, then the sweep (ordo_whatif_run), printed by rank 0 only. */
static int whatif_options(const char *usage, int argc, char **argv, request_args *ra, const char **out, int *plans)
{
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--plans") == 0) {
            *plans = 1;
        } else if (strcmp(a, "--quiet") == 0) {
            ra->quiet = 1;
        } else if (strcmp(a, "-o") == 0 || strcmp(a, "--scenarios") == 0 || strcmp(a, "--base") == 0 ||
                   strcmp(a, "--threads") == 0 || strcmp(a, "--time-limit") == 0 || strcmp(a, "--seed") == 0) {
            if (i + 1 >= argc) return usage_error(usage, "%s needs a value", a);
            const char *val = argv[++i];
            if (strcmp(a, "-o") == 0) *out = val;
            else if (strcmp(a, "--scenarios") == 0) ra->orders = val;
            else if (strcmp(a, "--base") == 0) ra->base = val;
            else {
                int st = plan_option(usage, a, val, &ra->popts);
                if (st) return st;
            }
        } else {
            int st = data_arg(usage, a, &ra->path);
            if (st) return st;
        }
    }
    if (!ra->path) return usage_error(usage, "%s", "missing DATA");
    if (!ra->orders) return usage_error(usage, "%s", "missing --scenarios FILE");
    if (!*out) return usage_error(usage, "%s", "missing -o DIR");
    if (!**out) return usage_error(usage, "%s", "-o needs a folder name");
    return 0;
}

static int cmd_whatif(const struct command *cmd, int argc, char **argv)
{
    request_args ra;
    request_args_init(&ra);
    const char *out = NULL;
    int plans = 0, rank = 0, size = 1;
    int st = whatif_options(cmd->usage, argc, argv, &ra, &out, &plans);
    if (st) return st;
    size_t len = 0;
    char *text = read_file(ra.orders, &len);
    if (!text) {
        fprintf(stderr, "ordo: %s: cannot be read\n", ra.orders);
        return EXIT_USAGE;
    }
    if (ordo_dist_begin(NULL, NULL, &rank, &size)) {
        fprintf(stderr, "ordo: MPI failed to start\n");
        free(text);
        return EXIT_FAIL;
    }
    ordo_model *m = NULL;
    st = open_model(ra.path, ra.popts.threads, 0, &m);
    if (!st) {
        ordo_whatif_opts wo;
        ordo_whatif_opts_init(&wo);
        wo.plan = ra.popts, wo.base_dir = ra.base, wo.write_plans = plans;
        char err[16384] = "";
        ordo_rc rc = ordo_whatif_run(m, text, len, &wo, out, err, sizeof err);
        st = rc == ORDO_OK ? EXIT_OK : rc == ORDO_EINPUT || rc == ORDO_EIO ? EXIT_USAGE : EXIT_FAIL;
        if (rank == 0 && rc != ORDO_OK) fprintf(stderr, "%s%s\n", rc == ORDO_EINPUT ? "" : "ordo: ", err[0] ? err : ordo_rc_name(rc));
        if (rank == 0 && rc == ORDO_OK && !ra.quiet)
            fprintf(stderr, "%s: scenarios of %s planned on %d rank%s; written to %s/scenarios.json and scenarios.csv\n",
                    ra.path, ra.orders, size, size == 1 ? "" : "s", out);
    }
    ordo_model_close(m);
    free(text);
    ordo_dist_end();
    return st;
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
    for (size_t i = 0; i < NCOMMANDS; i++) {
        const command *cmd = &commands[i];
        if (strcmp(argv[1], cmd->name) != 0) continue;
        for (int k = 2; k < argc; k++)
            if (strcmp(argv[k], "--help") == 0 || strcmp(argv[k], "-h") == 0) {
                print_command_help(stdout, cmd);
                return EXIT_OK;
            }
        return stdout_closed(cmd->run(cmd, argc - 2, argv + 2));
    }
    fprintf(stderr, "ordo: unknown command \"%s\" (see ordo --help)\n", argv[1]);
    return EXIT_USAGE;
}
