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
 * @BD_ERROR_BUSY: the case store is locked by another writer past the wait
 * @BD_ERROR_FULL: the disk (or its quota) is full; nothing was written
 * @BD_ERROR_READ_ONLY: the case store can be read but not written
 * @BD_ERROR_CORRUPT: SQLite itself found the store damaged
 * @BD_ERROR_UNREACHABLE: the store cannot be opened or reached at all
 * @BD_ERROR_IO: the disk answered a read or write with an error
 * @BD_ERROR_NEWER_SCHEMA: the store was written by a newer Badge Doctor
 * @BD_ERROR_CONFLICT: another writer changed what this change depended on
 * @BD_ERROR_DEVICE_NEEDED: a per-device step was given without a device
 * @BD_ERROR_DEVICE_NOT_NEEDED: a step done once was given a device
 * @BD_ERROR_NO_SUCH_DEVICE: the case does not have the device named
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
  BD_ERROR_BUSY,
  BD_ERROR_FULL,
  BD_ERROR_READ_ONLY,
  BD_ERROR_CORRUPT,
  BD_ERROR_UNREACHABLE,
  BD_ERROR_IO,
  BD_ERROR_NEWER_SCHEMA,
  BD_ERROR_CONFLICT,
  BD_ERROR_DEVICE_NEEDED,
  BD_ERROR_DEVICE_NOT_NEEDED,
  BD_ERROR_NO_SUCH_DEVICE,
} BdError;

GQuark bd_error_quark (void);

G_END_DECLS
