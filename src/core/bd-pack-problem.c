/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-pack-problem"

#include "bd-pack-problem.h"

G_DEFINE_BOXED_TYPE (BdPackProblem, bd_pack_problem, bd_pack_problem_copy, bd_pack_problem_free)

static const char * const kind_names[] = {
  [BD_PACK_PROBLEM_SYNTAX] = "syntax",
  [BD_PACK_PROBLEM_ENCODING] = "encoding",
  [BD_PACK_PROBLEM_DEPTH] = "depth",
  [BD_PACK_PROBLEM_TOO_LARGE] = "too-large",
  [BD_PACK_PROBLEM_TYPE] = "type",
  [BD_PACK_PROBLEM_MISSING] = "missing",
  [BD_PACK_PROBLEM_UNKNOWN_MEMBER] = "unknown-member",
  [BD_PACK_PROBLEM_BAD_FORMAT] = "bad-format",
  [BD_PACK_PROBLEM_BAD_VERSION] = "bad-version",
  [BD_PACK_PROBLEM_BAD_DATE] = "bad-date",
  [BD_PACK_PROBLEM_BAD_LANGUAGE] = "bad-language",
  [BD_PACK_PROBLEM_NO_ENGLISH] = "no-english",
  [BD_PACK_PROBLEM_EMPTY] = "empty",
  [BD_PACK_PROBLEM_TOO_LONG] = "too-long",
  [BD_PACK_PROBLEM_CONTROL_CHAR] = "control-char",
  [BD_PACK_PROBLEM_TOO_MANY] = "too-many",
  [BD_PACK_PROBLEM_OUT_OF_RANGE] = "out-of-range",
  [BD_PACK_PROBLEM_BAD_VALUE] = "bad-value",
  [BD_PACK_PROBLEM_BAD_ID] = "bad-id",
  [BD_PACK_PROBLEM_BAD_URL] = "bad-url",
  [BD_PACK_PROBLEM_DUPLICATE_ID] = "duplicate-id",
  [BD_PACK_PROBLEM_DUPLICATE] = "duplicate",
  [BD_PACK_PROBLEM_UNKNOWN_REF] = "unknown-ref",
  [BD_PACK_PROBLEM_NOT_IN_PLAN] = "not-in-plan",
};

const char *
bd_pack_problem_kind_to_string (BdPackProblemKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_names), NULL);
  return kind_names[kind];
}

BdPackProblem *
bd_pack_problem_new (BdPackProblemKind  kind,
                     const char        *path,
                     const char        *message)
{
  BdPackProblem *self;

  g_return_val_if_fail (path != NULL && message != NULL, NULL);

  self = g_new0 (BdPackProblem, 1);
  self->kind = kind;
  self->path = g_strdup (path);
  self->message = g_strdup (message);
  return self;
}

BdPackProblem *
bd_pack_problem_copy (const BdPackProblem *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return bd_pack_problem_new (self->kind, self->path, self->message);
}

void
bd_pack_problem_free (BdPackProblem *self)
{
  if (self == NULL)
    return;
  g_free (self->path);
  g_free (self->message);
  g_free (self);
}
