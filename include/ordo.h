/*
** ordo.h -- the public interface of the ordo production scheduling and MRP engine.
**
** A data set (SPEC section 2) is opened into an opaque model handle. Every fallible call
** returns an ordo_rc; the text of the last error, and the list of located validation
** errors, are kept on the handle. The library never ends the caller's process.
*/
#ifndef ORDO_H
#define ORDO_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define ORDO_API __attribute__((visibility("default")))
#else
#define ORDO_API
#endif

#define ORDO_VERSION "0.1.0"

/* Return codes of every fallible call. A plan's own status (late, infeasible) is not an
** error and is reported apart from these. */
typedef enum ordo_rc {
    ORDO_OK = 0,
    ORDO_EINPUT,  /* the data set or an argument from the user is invalid */
    ORDO_ENOMEM,  /* out of memory */
    ORDO_EIO,     /* a file could not be read or written */
    ORDO_ESOLVER, /* a solver failed */
    ORDO_EMISUSE  /* the API was called wrongly (NULL handle, bad index) */
} ordo_rc;

typedef struct ordo_model ordo_model;

/* Options for opening a data set; fill with ordo_open_opts_init() first. */
typedef struct ordo_open_opts {
    int max_errors; /* located errors kept (the count of the rest is still reported) */
    int threads;    /* threads of the load (reader, string interning); 0 = all cores */
} ordo_open_opts;

/* Counts of what a model holds, for summaries and benchmarks. */
typedef struct ordo_stats {
    int32_t calendars, resources, items, items_make, items_buy, items_phantom;
    int32_t bom_lines, bom_levels, routings, operations, alternatives;
    int32_t receipts, orders, orders_urgent, orders_nonregular;
    double order_qty;                   /* sum of customer order quantities */
    int32_t horizon_start, horizon_end; /* days since 1970-01-01 */
    int32_t first_due, last_due;        /* days since 1970-01-01; 0 when no orders */
    double seconds_parse, seconds_validate;
    size_t input_bytes;
} ordo_stats;

ORDO_API const char *ordo_version(void);
ORDO_API const char *ordo_rc_name(ordo_rc rc);
ORDO_API void ordo_open_opts_init(ordo_open_opts *opts);

/* Open the data set in a JSON file, or an HDF5 file (name ending in .h5 or .hdf5; layout in
** datasets/README.md). On return *pModel is set whenever memory allowed,
** also on failure, so that the errors can be read; release it with ordo_model_close().
** Returns ORDO_EINPUT when the data set is invalid (every located error is in the model's
** error list), ORDO_EIO when the file cannot be read. opts may be NULL. */
ORDO_API ordo_rc ordo_model_open(const char *path, const ordo_open_opts *opts,
                                 ordo_model **pModel /* OUT */);

/* The same for a JSON document in memory of len bytes (need not be NUL-terminated). */
ORDO_API ordo_rc ordo_model_open_buffer(const char *json, size_t len, const ordo_open_opts *opts,
                                        ordo_model **pModel /* OUT */);

/* Convert a data set between its JSON and HDF5 forms, by the file names' extensions
** (.h5/.hdf5, else JSON; JSON to JSON writes the canonical form). The input is validated
** first: on ORDO_EINPUT nothing is written and the located errors are in *pModel, which is
** set as for ordo_model_open and is the validated model on success. The output is written
** under a temporary name and renamed when complete. */
ORDO_API ordo_rc ordo_convert(const char *in_path, const char *out_path, const ordo_open_opts *opts,
                              ordo_model **pModel /* OUT */);

/* Release a model; NULL does nothing. */
ORDO_API void ordo_model_close(ordo_model *model);

/* The last error's text ("" when none). The string belongs to the model. */
ORDO_API const char *ordo_errmsg(const ordo_model *model);

/* Located validation errors, one "path: reason" per entry, in input order. */
ORDO_API int ordo_error_count(const ordo_model *model);
ORDO_API const char *ordo_error_at(const ordo_model *model, int i);
/* How many errors were found beyond the ones kept (max_errors). */
ORDO_API int ordo_error_dropped(const ordo_model *model);

/* Fill *out with what the model holds. */
ORDO_API ordo_rc ordo_model_stats(const ordo_model *model, ordo_stats *out /* OUT */);

/* ---- planning ------------------------------------------------------------------------ */
typedef struct ordo_plan ordo_plan;

/* Options of a planning run; fill with ordo_plan_opts_init() first. */
typedef struct ordo_plan_opts {
    int threads;       /* OpenMP threads; 0 = all cores. The plan never depends on it. */
    uint64_t seed;     /* for randomised search; the plan is deterministic for a seed */
    double time_limit; /* seconds of schedule improvement by local search; 0: a default
                       ** budget of about 2,000 moves; < 0: the constructive schedule only.
                       ** The search stops on a count of work that this converts to, so
                       ** the plan depends only on the seed, unless the wall clock runs
                       ** out first on a slow machine. */
    int mrp_only;      /* 1: no finite schedule; completion follows from lead times */
    int exact;         /* 1: after the heuristic, solve a small job shop (makespan, one
                       ** alternative per operation, single-unit resources around the clock)
                       ** to proven optimality with GLPK, within time_limit (0: 60 s) */
    int islands;       /* the local search runs this many islands of chains, each with the
                       ** whole budget (0 or 1: one); more islands, more search, same seed */
    int over_ranks;    /* 1: spread the search's chains over the MPI ranks (ordo_dist_begin);
                       ** every rank must then run the same plan. The plan does not depend on
                       ** it nor on the number of ranks. */
    int pegging;       /* what ordo_plan_write emits as planned_orders[].pegging: 0 full pegging
                       ** to customer orders (derived from the direct links while writing), 1
                       ** the direct links, 2 none (SPEC 7, ordo plan --pegging full|direct|none) */
    const char *mrp_base; /* a folder holding a saved plan's MRP memo (mrp.ordo, written by
                       ** ordo_plan_save when mrp_keep): net-change MRP -- only the items a
                       ** change reaches are netted again, the rest keep the saved results; the
                       ** plan is the same as without it. NULL, or no memo there: a full MRP */
    int mrp_keep;      /* 1: keep the MRP's per-item results so that ordo_plan_save writes
                       ** DIR/mrp.ordo for a later net-change re-plan */
    /* Called from the calling thread as long stages advance (stage name, fraction done in
    ** [0, 1]); NULL for none. */
    void (*progress)(void *ud, const char *stage, double fraction);
    void *progress_ud;
} ordo_plan_opts;

typedef enum ordo_format { ORDO_FORMAT_JSON, ORDO_FORMAT_CSV, ORDO_FORMAT_HDF5 } ordo_format;

/* What a finished plan delivers; the command line maps it to its exit status (0 for all
** three: a plan with late or unplanned orders is a result, reported in the plan). */
typedef enum ordo_plan_status {
    ORDO_PLAN_ON_TIME = 0, /* every customer order on time */
    ORDO_PLAN_LATE,        /* every customer order planned, some late */
    ORDO_PLAN_UNPLANNED    /* some customer order could not be planned in the horizon */
} ordo_plan_status;

/* Exact mode's outcome (ordo_plan_opts.exact). */
typedef enum ordo_exact_status {
    ORDO_EXACT_NOT_RUN = 0, /* not asked, or not applicable (exact_why says why) */
    ORDO_EXACT_OPTIMAL,     /* proven optimal */
    ORDO_EXACT_FEASIBLE     /* a schedule with a remaining MIP gap */
} ordo_exact_status;

/* Headline figures of a plan (SPEC section 5, "summary"). */
typedef struct ordo_plan_summary {
    int32_t orders, late_orders, unplanned_orders, planned_orders, purchase_orders, exceptions;
    int64_t pegs; /* direct links (planned order -> the need it serves); full pegging is
                  ** derived from them while writing */
    int64_t operations; /* scheduled operations */
    double total_lateness_days;
    int64_t makespan_minutes;
    double seconds_mrp, seconds_schedule;
    int threads;
    ordo_plan_status status;
    ordo_exact_status exact;
    double exact_gap;   /* relative MIP gap when exact == ORDO_EXACT_FEASIBLE */
    double exact_bound; /* lower bound on the makespan, minutes */
    const char *exact_why; /* why the exact mode did not run ("" when it did or was not asked) */
} ordo_plan_summary;

ORDO_API void ordo_plan_opts_init(ordo_plan_opts *opts);

/* Plan every open order of model: MRP (and the schedule where the model has routings).
** The model must outlive the plan. On success *pPlan is set; release it with
** ordo_plan_close(). Returns ORDO_ENOMEM or ORDO_EMISUSE on failure. */
ORDO_API ordo_rc ordo_plan_run(const ordo_model *model, const ordo_plan_opts *opts,
                               ordo_plan **pPlan /* OUT */);
ORDO_API void ordo_plan_close(ordo_plan *plan);
ORDO_API ordo_rc ordo_plan_get_summary(const ordo_plan *plan, ordo_plan_summary *out /* OUT */);

/* Check the plan's schedule independently of the scheduler: operations complete and on
** their alternatives, durations on the resource calendars, capacity, routing order,
** material and design days, order completion. Returns the number of problems found (0: the
** schedule is feasible) and writes the first ones, one per line, into msg. */
ORDO_API int ordo_plan_check(const ordo_plan *plan, char *msg /* OUT */, size_t nmsg);

/* Write the plan into folder dir (created if missing): plan.json, or one CSV per table.
** seconds_load is reported in the summary. Files are written under temporary names and
** renamed when complete. dir NULL writes plan.json to standard output. On failure the
** reason is written into err (nerr bytes). */
ORDO_API ordo_rc ordo_plan_write(ordo_plan *plan, const char *dir, ordo_format format,
                                 double seconds_load, char *err /* OUT */, size_t nerr);

/* Write the plan's outputs (as ordo_plan_write) and its state DIR/state.ordo as one run:
** every file under a temporary name and flushed to disk, then the state renamed first and
** the outputs last. plan.json starts with the run's id (the state's checksum), which
** ordo_plan_load_state checks, so a crash between the renames is never taken for a pair. */
ORDO_API ordo_rc ordo_plan_save(ordo_plan *plan, const char *dir, ordo_format format, double seconds_load,
                                char *err /* OUT */, size_t nerr);

/* Save a finished plan's state alone as DIR/state.ordo (temporary name, flushed, then
** renamed), for quotes and insertions against it later (--base DIR). */
ORDO_API ordo_rc ordo_plan_save_state(ordo_plan *plan, const char *dir, char *err /* OUT */, size_t nerr);

/* Pegging questions on a plan (one loaded by ordo_plan_load_state, say), answered from its
** direct links without writing it, as one JSON object in *json (release with free()).
** ordo_plan_peg_order: every planned order, receipt and on-hand stock that serves customer
** order `order`, level by level, with the links' quantities, the part of each for the order
** and the dates. ordo_plan_peg_supply: what planned order `supply` ("PL-n") serves directly
** and the customer orders it is pegged to (its full pegging). ORDO_EINPUT for an unknown
** order or planned order (reason in err). */
ORDO_API ordo_rc ordo_plan_peg_order(const ordo_plan *plan, const char *order, char **json /* OUT */,
                                     char *err /* OUT */, size_t nerr);
ORDO_API ordo_rc ordo_plan_peg_supply(const ordo_plan *plan, const char *supply, char **json /* OUT */,
                                      char *err /* OUT */, size_t nerr);

/* Load the state saved in DIR for the same data set (model) without planning again.
** ORDO_EIO when there is none, ORDO_EINPUT when it belongs to another data set, is
** damaged (checksum, an index out of range), or DIR/plan.json comes from another run
** (reason in err). */
ORDO_API ordo_rc ordo_plan_load_state(const ordo_model *model, const char *dir, ordo_plan **pPlan /* OUT */,
                                      char *err /* OUT */, size_t nerr);

/* Re-plan model, a changed data set, against the plan saved in base_dir by ordo plan -o or
** ordo insert -o (its plan.json, read by ids: items, resources, customer orders, planned
** orders by item and due date), so the base may come from another version of the data set.
** The MRP is the same as ordo_plan_run's. Two schedules are made: one that keeps the base's
** operations (start, resource, sequence) wherever they are still feasible, and a plain
** re-plan; the first is kept unless the plain one is better by the objective, or always
** with stable = 1. stable = 2, incremental: every planned order whose operations the base
** has, for the same quantity, with its material there in time, keeps them as they are, and
** only the others are scheduled around them (one constructive pass, no search): the fast
** re-plan that moves least. With opts->mrp_base = base_dir the MRP is net-change, and the
** base is read from the memo saved with the plan instead of its plan.json where it can be.
** The plan's written form adds "changes" (README, "Re-planning"). ORDO_EIO
** when base_dir has no plan.json, ORDO_EINPUT when it is not a plan, or when model changes
** or cancels a customer order that the base pegs to a production order model has as
** started (README, "Living plan: the shop floor"; reason in err, one located line each). */
ORDO_API ordo_rc ordo_plan_replan(const ordo_model *model, const ordo_plan_opts *opts, const char *base_dir,
                                  int stable, ordo_plan **pPlan /* OUT */, char *err /* OUT */, size_t nerr);

/* ---- quotes (capable-to-promise) -------------------------------------------------------- */
typedef struct ordo_quoter ordo_quoter;

/* Prepare quoting against a finished plan (from ordo_plan_run or ordo_plan_load_state),
** which must outlive the quoter. Cheap: the free stock and resource gaps of each item are
** worked out on its first quote and kept for later ones. */
ORDO_API ordo_rc ordo_quoter_open(const ordo_plan *base, ordo_quoter **pq /* OUT */);
ORDO_API void ordo_quoter_close(ordo_quoter *q);

/* Quote every candidate in json (len bytes): one object {"item", "qty", optional "id",
** "due" (requested date), "design_days"}, an array of them, or {"orders": [...]}. Each is
** an independent what-if against the base plan, run in parallel on threads (0: all); the
** answers never depend on the thread count. *pout gets one JSON object per line, in
** request order (SPEC section 5: promise, binding, by, path, disturbed), to be released
** with free(). Located errors ("orders[2].item: unknown item") go into err, prefixed by
** what ("order" or "orders"), with ORDO_EINPUT; a candidate with errors is still answered
** in its place by {"id" (when given), "error": its located errors} and the others are
** quoted (*pout is then set as well), while an unreadable request sets nothing. With
** {"orders": [...], "sequential": true} the candidates are promised one after the other,
** each seeing the stock and capacity the earlier ones took (not with urgent). Candidates
** without an id are named QUOTE-n, n counting every quote q gave. With urgent, others may move: each
** candidate is inserted as an urgent order due today (ordo_insert_json, one at a time), the
** promise is its completion's date and "disturbed" lists every order whose completion moves
** ({"order", "old", "new"}). */
ORDO_API ordo_rc ordo_quote_json(ordo_quoter *q, const char *json, size_t len, const char *what, int threads,
                                 int urgent, char **pout /* OUT */, size_t *nout /* OUT, may be NULL */, char *err /* OUT */,
                                 size_t nerr);

/* Options of an insertion; fill with ordo_insert_opts_init() first. */
typedef enum ordo_insert_method {
    ORDO_INSERT_BEST,        /* in the gaps; an urgent order late there gets priority (right-shift,
                             ** then the GLPK window), whichever is best (the default) */
    ORDO_INSERT_GAPS,        /* in the gaps only: nothing moves */
    ORDO_INSERT_APPEND,      /* after the last operation on each unit: nothing moves */
    ORDO_INSERT_RIGHT_SHIFT, /* priority for every order, others pushed right in sequence */
    ORDO_INSERT_WINDOW,      /* priority for every order, pushed operations sequenced by GLPK */
    ORDO_INSERT_REDISPATCH   /* every operation scheduled again, the MRP kept, the urgent order first */
} ordo_insert_method;
typedef struct ordo_insert_opts {
    double max_slip_days;    /* the most any existing order may finish later; < 0: no limit */
    double time_limit;       /* seconds per urgent order moved: a third for GLPK's windows on
                             ** the right-shift, a third for the local search after them, a
                             ** third for GLPK's windows on the re-dispatch; 0: 4. Converted
                             ** into counts (nodes, evaluations) that end them on a fast enough
                             ** machine, so that the plan is the same on every run */
    ordo_insert_method method;
} ordo_insert_opts;
ORDO_API void ordo_insert_opts_init(ordo_insert_opts *opts);

/* Insert new customer orders (json as for ordo_quote_json, plus optional "priority",
** "penalty_per_day", "urgent", "customer"; without "due" an order is due on its promise)
** into a finished plan, one after the other. Each is first planned without moving anything:
** just in time for its due date, or as soon as possible when that is late, on free stock and
** in the gaps. An urgent order still late then gets priority: its operations go where they
** finish soonest and the operations they overlap move right (right-shift), after which the
** moved operations of each resource are sequenced again by a MILP (GLPK). The candidate
** kept: the urgent order's completion first, then the others' weighted lateness against
** their commitments (the due date, or the base plan's completion where that was already
** late), then how far their completion moves; none that delays an existing order more than max_slip_days.
** *pm2 gets the base model with the new orders appended (it shares the base model's arrays:
** close it before the base model) and *pplan the new plan on it, whose written form adds
** "inserted", "insertion" and "disturbed". opts may be NULL. Errors as for ordo_quote_json. */
ORDO_API ordo_rc ordo_insert_json(const ordo_plan *base, const char *json, size_t len, const char *what,
                                  const ordo_insert_opts *opts, ordo_model **pm2 /* OUT */, ordo_plan **pplan /* OUT */,
                                  char *err /* OUT */, size_t nerr);

/* Save the data set of an insertion's plan (from ordo_insert_json) as canonical JSON into
** out_path (temporary name, then renamed): the data set data_path the base plan was made
** from, with the inserted orders appended as planned. Opened again it is the insertion's
** model, so that the insertion's saved state (ordo_plan_save_state) serves as --base for
** quotes, insertions and re-plans on it. ORDO_EIO with the reason in err. */
ORDO_API ordo_rc ordo_insert_save_data(const ordo_plan *plan, const char *data_path, const char *out_path,
                                       char *err /* OUT */, size_t nerr);

/* Read a plan.json written by ordo_plan_write and write a self-contained HTML file with a
** Gantt chart per resource (late orders highlighted), under a temporary name then renamed. */
ORDO_API ordo_rc ordo_report_gantt(const char *plan_json, const char *html_path, char *err /* OUT */,
                                   size_t nerr);

/* ---- scenarios (what-if) and ranks ---------------------------------------------------- */
/* Options of a scenario sweep; fill with ordo_whatif_opts_init() first. */
typedef struct ordo_whatif_opts {
    ordo_plan_opts plan;  /* options of every plan (the base and each scenario) */
    const char *base_dir; /* NULL: the base is planned; else the plan saved in DIR by ordo plan -o DIR */
    int write_plans;      /* 1: DIR/base/plan.json and DIR/plans/<name>/plan.json as well */
} ordo_whatif_opts;
ORDO_API void ordo_whatif_opts_init(ordo_whatif_opts *opts);

/* Plan every scenario of json (len bytes: {"scenarios": [{"name", "changes": [...]}]}, the
** changes documented in README.md, "What-if scenarios") against model: each applied to a copy of the
** model that shares what it does not change, planned in full. Writes DIR/scenarios.json
** (the base's and each scenario's figures, scenarios in input order) and DIR/scenarios.csv,
** under temporary names renamed when complete. Located errors of the file go into err, one
** per line ("scenarios[2].changes[0].factor: 0 must be > 0"), with ORDO_EINPUT. Under MPI
** (ordo_dist_begin) the scenarios are spread over the ranks and rank 0 writes; the bytes
** written are the same for any number of ranks and threads, summary.seconds aside. */
ORDO_API ordo_rc ordo_whatif_run(const ordo_model *model, const char *json, size_t len, const ordo_whatif_opts *opts,
                                 const char *dir, char *err /* OUT */, size_t nerr);

/* Join the MPI run when the process was started by mpirun (and ordo was built with MPI):
** *rank and *size of this process; 0 and 1 otherwise. Returns 0, or -1 when MPI failed to
** start. Call ordo_dist_end() before the process ends. */
ORDO_API int ordo_dist_begin(int *argc, char ***argv, int *rank /* OUT */, int *size /* OUT */);
ORDO_API void ordo_dist_end(void);

/* ordo_quote_json over the ranks of an MPI run: the requests are checked whole on every
** rank (the same located errors), each rank answers every K-th against its own base plan
** (q, on model), and rank 0 gets every answer line in request order, the same bytes as
** ordo_quote_json in one process; *pout is "" on the other ranks. One process: exactly
** ordo_quote_json. */
ORDO_API ordo_rc ordo_quote_json_ranks(ordo_quoter *q, const ordo_model *model, const char *json, size_t len,
                                       const char *what, int threads, int urgent, char **pout /* OUT */,
                                       size_t *nout /* OUT, may be NULL */, char *err /* OUT */, size_t nerr);

/* Read a plan.json and write the planner's board: one self-contained interactive HTML page
** (Gantt with zoom and pan, load against capacity, supply chains, late orders, exceptions,
** purchase requisitions, an insertion's effects), under a temporary name then renamed.
** A malformed plan is ORDO_EINPUT with a located message in err. */
ORDO_API ordo_rc ordo_report_html(const char *plan_json, const char *html_path, char *err /* OUT */,
                                  size_t nerr);

/* Format a day number (days since 1970-01-01) as YYYY-MM-DD into buf (at least 11 bytes). */
ORDO_API void ordo_format_date(int32_t day, char *buf /* OUT */);

#ifdef __cplusplus
}
#endif
#endif /* ORDO_H */
