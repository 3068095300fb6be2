/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-problem"

#include "bd-problem.h"

G_DEFINE_BOXED_TYPE (BdProblem, bd_problem, bd_problem_copy, bd_problem_free)

static const char * const kind_names[] = {
  [BD_PROBLEM_SYNTAX] = "syntax",
  [BD_PROBLEM_ENCODING] = "encoding",
  [BD_PROBLEM_DEPTH] = "depth",
  [BD_PROBLEM_TOO_LARGE] = "too-large",
  [BD_PROBLEM_TYPE] = "type",
  [BD_PROBLEM_MISSING] = "missing",
  [BD_PROBLEM_UNKNOWN_MEMBER] = "unknown-member",
  [BD_PROBLEM_BAD_FORMAT] = "bad-format",
  [BD_PROBLEM_BAD_VERSION] = "bad-version",
  [BD_PROBLEM_BAD_DATE] = "bad-date",
  [BD_PROBLEM_BAD_LANGUAGE] = "bad-language",
  [BD_PROBLEM_NO_ENGLISH] = "no-english",
  [BD_PROBLEM_EMPTY] = "empty",
  [BD_PROBLEM_TOO_LONG] = "too-long",
  [BD_PROBLEM_CONTROL_CHAR] = "control-char",
  [BD_PROBLEM_TOO_MANY] = "too-many",
  [BD_PROBLEM_OUT_OF_RANGE] = "out-of-range",
  [BD_PROBLEM_BAD_VALUE] = "bad-value",
  [BD_PROBLEM_BAD_ID] = "bad-id",
  [BD_PROBLEM_BAD_URL] = "bad-url",
  [BD_PROBLEM_DUPLICATE_ID] = "duplicate-id",
  [BD_PROBLEM_DUPLICATE] = "duplicate",
  [BD_PROBLEM_UNKNOWN_REF] = "unknown-ref",
  [BD_PROBLEM_NOT_IN_PLAN] = "not-in-plan",
  [BD_PROBLEM_PLACEHOLDER] = "placeholder",
};

const char *
bd_problem_kind_to_string (BdProblemKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_names), NULL);
  return kind_names[kind];
}

BdProblem *
bd_problem_new (BdProblemKind  kind,
                const char    *path,
                const char    *message)
{
  BdProblem *self;

  g_return_val_if_fail (path != NULL && message != NULL, NULL);

  self = g_new0 (BdProblem, 1);
  self->kind = kind;
  self->path = g_strdup (path);
  self->message = g_strdup (message);
  return self;
}

BdProblem *
bd_problem_copy (const BdProblem *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return bd_problem_new (self->kind, self->path, self->message);
}

void
bd_problem_free (BdProblem *self)
{
  if (self == NULL)
    return;
  g_free (self->path);
  g_free (self->message);
  g_free (self);
}
