/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-case"

#include "bd-case-json.h"
#include "fuzz.h"

#include <string.h>

/* Any bytes as an imported case: a case or problems, never a crash, a
 * leak, a warning or a CRITICAL. What is accepted must export again. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BdCase) kase = bd_case_new_from_json (bytes, &problems, &error);

  g_assert ((kase != NULL) == (error == NULL));
  g_assert ((kase != NULL) == (problems->len == 0));
  if (kase != NULL)
    {
      g_autofree char *text = bd_case_to_json (kase);
      g_autoptr(GBytes) again = g_bytes_new_static (text, strlen (text));
      g_autoptr(BdCase) reread = bd_case_new_from_json (again, NULL, NULL);
      g_assert (reread != NULL);
    }
  return 0;
}
