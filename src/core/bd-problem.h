/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * BdProblemKind:
 *
 * What is wrong with an untrusted JSON document (a guidance pack, an
 * imported case), one kind per rule of its format. The names returned by
 * bd_problem_kind_to_string() are what the bad-input corpora assert.
 */
typedef enum
{
  BD_PROBLEM_SYNTAX,
  BD_PROBLEM_ENCODING,
  BD_PROBLEM_DEPTH,
  BD_PROBLEM_TOO_LARGE,
  BD_PROBLEM_TYPE,
  BD_PROBLEM_MISSING,
  BD_PROBLEM_UNKNOWN_MEMBER,
  BD_PROBLEM_BAD_FORMAT,
  BD_PROBLEM_BAD_VERSION,
  BD_PROBLEM_BAD_DATE,
  BD_PROBLEM_BAD_LANGUAGE,
  BD_PROBLEM_NO_ENGLISH,
  BD_PROBLEM_EMPTY,
  BD_PROBLEM_TOO_LONG,
  BD_PROBLEM_CONTROL_CHAR,
  BD_PROBLEM_TOO_MANY,
  BD_PROBLEM_OUT_OF_RANGE,
  BD_PROBLEM_BAD_VALUE,
  BD_PROBLEM_BAD_ID,
  BD_PROBLEM_BAD_URL,
  BD_PROBLEM_DUPLICATE_ID,
  BD_PROBLEM_DUPLICATE,
  BD_PROBLEM_UNKNOWN_REF,
  BD_PROBLEM_NOT_IN_PLAN,
  BD_PROBLEM_PLACEHOLDER,
} BdProblemKind;

/**
 * BdProblem:
 * @kind: the rule broken
 * @path: where, as a JSON path (`guides[4].steps[2].id`, `$` for the whole
 *   document) or, for problems in the raw bytes, `line L, column C`
 * @message: what is wrong, in the user's language
 */
typedef struct
{
  BdProblemKind kind;
  char *path;
  char *message;
} BdProblem;

#define BD_TYPE_PROBLEM (bd_problem_get_type ())

GType       bd_problem_get_type       (void) G_GNUC_CONST;
BdProblem  *bd_problem_new            (BdProblemKind    kind,
                                       const char      *path,
                                       const char      *message);
BdProblem  *bd_problem_copy           (const BdProblem *self);
void        bd_problem_free           (BdProblem       *self);
const char *bd_problem_kind_to_string (BdProblemKind    kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdProblem, bd_problem_free)

G_END_DECLS
