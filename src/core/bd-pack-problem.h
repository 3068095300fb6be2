/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * BdPackProblemKind:
 *
 * What is wrong with a guidance pack, one kind per rule of the format
 * (see data/guidance/guidance-pack.schema.json). The names returned by
 * bd_pack_problem_kind_to_string() are what the bad-pack corpus asserts.
 */
typedef enum
{
  BD_PACK_PROBLEM_SYNTAX,
  BD_PACK_PROBLEM_ENCODING,
  BD_PACK_PROBLEM_DEPTH,
  BD_PACK_PROBLEM_TOO_LARGE,
  BD_PACK_PROBLEM_TYPE,
  BD_PACK_PROBLEM_MISSING,
  BD_PACK_PROBLEM_UNKNOWN_MEMBER,
  BD_PACK_PROBLEM_BAD_FORMAT,
  BD_PACK_PROBLEM_BAD_VERSION,
  BD_PACK_PROBLEM_BAD_DATE,
  BD_PACK_PROBLEM_BAD_LANGUAGE,
  BD_PACK_PROBLEM_NO_ENGLISH,
  BD_PACK_PROBLEM_EMPTY,
  BD_PACK_PROBLEM_TOO_LONG,
  BD_PACK_PROBLEM_CONTROL_CHAR,
  BD_PACK_PROBLEM_TOO_MANY,
  BD_PACK_PROBLEM_OUT_OF_RANGE,
  BD_PACK_PROBLEM_BAD_VALUE,
  BD_PACK_PROBLEM_BAD_ID,
  BD_PACK_PROBLEM_BAD_URL,
  BD_PACK_PROBLEM_DUPLICATE_ID,
  BD_PACK_PROBLEM_DUPLICATE,
  BD_PACK_PROBLEM_UNKNOWN_REF,
  BD_PACK_PROBLEM_NOT_IN_PLAN,
} BdPackProblemKind;

/**
 * BdPackProblem:
 * @kind: the rule broken
 * @path: where, as a JSON path (`guides[4].steps[2].id`, `$` for the whole
 *   document) or, for problems in the raw bytes, `line L, column C`
 * @message: what is wrong, in the user's language
 */
typedef struct
{
  BdPackProblemKind kind;
  char *path;
  char *message;
} BdPackProblem;

#define BD_TYPE_PACK_PROBLEM (bd_pack_problem_get_type ())

GType          bd_pack_problem_get_type       (void) G_GNUC_CONST;
BdPackProblem *bd_pack_problem_new            (BdPackProblemKind    kind,
                                               const char          *path,
                                               const char          *message);
BdPackProblem *bd_pack_problem_copy           (const BdPackProblem *self);
void           bd_pack_problem_free           (BdPackProblem       *self);
const char    *bd_pack_problem_kind_to_string (BdPackProblemKind    kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdPackProblem, bd_pack_problem_free)

G_END_DECLS
