/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-case"

#include "bd-case-json.h"
#include "bd-file.h"
#include "fuzz.h"

#include <string.h>

/* Any bytes as an imported case: a case or problems, never a crash, a
 * leak, a warning or a CRITICAL. What is accepted must export again, and
 * the bytes come whole through a pipe. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BdCase) kase = bd_case_new_from_json (bytes, &problems, &error);
  g_autoptr(GInputStream) pipe = g_memory_input_stream_new ();
  g_autoptr(GBytes) piped = NULL;

  g_assert ((kase != NULL) == (error == NULL));
  g_assert ((kase != NULL) == (problems->len == 0));
  /* the same bytes in pieces, as a pipe gives them: read whole */
  for (gsize at = 0; at < size; at += 4093)
    g_memory_input_stream_add_data (G_MEMORY_INPUT_STREAM (pipe), g_memdup2 (data + at, MIN (4093, size - at)),
                                    (gssize) MIN (4093, size - at), g_free);
  piped = bd_file_read_stream (pipe, BD_CASE_MAX_FILE_SIZE, NULL);
  g_assert (piped != NULL && g_bytes_equal (piped, bytes));
  if (kase != NULL)
    {
      g_autofree char *text = bd_case_to_json (kase);
      g_autoptr(GBytes) again = g_bytes_new_static (text, strlen (text));
      g_autoptr(BdCase) reread = bd_case_new_from_json (again, NULL, NULL);
      g_assert (reread != NULL);
    }
  return 0;
}
