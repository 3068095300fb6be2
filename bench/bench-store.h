/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bd-case-store.h"
#include "bd-case.h"
#include "bd-pack.h"

G_BEGIN_DECLS

/* A help desk's worth of varied cases from a fixed seed, shared by the
 * benchmarks: bench-cases times the store they fill, bench-startup starts
 * the app on it. */

#define BENCH_STORE_FIRST_TICKET 10000 /* tickets run T-10000 upwards */
#define BENCH_STORE_N_FIRST_NAMES 38
#define BENCH_STORE_N_SENTENCES 12

extern const char * const bench_store_first_names[BENCH_STORE_N_FIRST_NAMES];
extern const char * const bench_store_sentences[BENCH_STORE_N_SENTENCES];

typedef struct
{
  BdCaseStore *store;
  char *dir;            /* a temporary directory, deleted by bench_store_clear() */
  BdPack *pack;
  GRand *rand;
  GPtrArray *words;     /* per case: its searchable words, folded, " a b " */
  GArray *statuses;     /* per case: its BdCaseStatus */
  guint n_cases;
  guint ticket;         /* the last given out: no other ticket starts with it */
} BenchStore;

gboolean  bench_store_setup           (BenchStore  *b,
                                       const char  *tmpl,
                                       const char  *db_name,
                                       GError     **error);
BdCase   *bench_store_new_case        (BenchStore  *b,
                                       guint        i);
gboolean  bench_store_set_synchronous (BenchStore  *b,
                                       const char  *mode,
                                       GError     **error);
void      bench_store_close           (BenchStore  *b);
void      bench_store_clear           (BenchStore  *b);

char     *bench_store_fold            (const char  *text);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BenchStore, bench_store_clear)

G_END_DECLS
