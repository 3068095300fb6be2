/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BD_ERROR (bd_error_quark ())

/**
 * BdError:
 * @BD_ERROR_FAILED: anything not covered below
 * @BD_ERROR_INVALID_JSON: the bytes are not strict JSON (syntax, encoding, depth)
 * @BD_ERROR_INVALID_PACK: a guidance pack failed validation
 * @BD_ERROR_TOO_LARGE: an input is over its size cap
 * @BD_ERROR_NOT_FOUND: an id or file that was asked for does not exist
 * @BD_ERROR_INVALID_CASE: an imported case failed validation
 * @BD_ERROR_AMBIGUOUS: an id prefix matches more than one case
 * @BD_ERROR_STORE: the case store could not be read or written
 * @BD_ERROR_INVALID_ARGUMENT: a value a caller passed is not allowed
 *
 * The project's one error domain. Messages are for developers; the UI and
 * the CLI decide what a person reads.
 */
typedef enum
{
  BD_ERROR_FAILED,
  BD_ERROR_INVALID_JSON,
  BD_ERROR_INVALID_PACK,
  BD_ERROR_TOO_LARGE,
  BD_ERROR_NOT_FOUND,
  BD_ERROR_INVALID_CASE,
  BD_ERROR_AMBIGUOUS,
  BD_ERROR_STORE,
  BD_ERROR_INVALID_ARGUMENT,
} BdError;

GQuark bd_error_quark (void);

G_END_DECLS
