/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-replay"

#include "fuzz.h"

/* Without libFuzzer: feeds every file of the directories given (the seed
 * corpus, the bad packs, past findings) to the target once, so the
 * ordinary test suite keeps every input that ever mattered passing. */
int
main (int    argc,
      char **argv)
{
  guint n = 0;

  LLVMFuzzerInitialize (&argc, &argv);
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) dir = g_dir_open (argv[i], 0, &error);
      const char *name;

      g_assert_no_error (error);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (argv[i], name, NULL);
          g_autofree char *data = NULL;
          gsize len = 0;

          if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
            continue;
          g_assert_true (g_file_get_contents (path, &data, &len, NULL));
          LLVMFuzzerTestOneInput ((const guint8 *) data, len);
          n++;
        }
    }
  g_print ("replayed %u inputs\n", n);
  /* an empty corpus would prove nothing */
  return n >= 10 ? 0 : 1;
}
