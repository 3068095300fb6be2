/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-json-write"

#include "bd-case.h"
#include "bd-json-write.h"

void
bd_json_add_string (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  g_return_if_fail (JSON_IS_BUILDER (builder));
  g_return_if_fail (name != NULL && value != NULL);

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/* @time in microseconds since the epoch, written in UTC to the second. */
void
bd_json_add_time (JsonBuilder *builder,
                  const char  *name,
                  gint64       time)
{
  g_autofree char *text = bd_time_to_iso8601 (time);

  bd_json_add_string (builder, name, text);
}

/* Each set bit of @flags by the name @to_string gives it. */
static void
add_flags (JsonBuilder  *builder,
           const char   *name,
           guint         flags,
           const char *(*to_string) (guint))
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint bit = 0; bit < 8; bit++)
    if (flags & (1u << bit))
      json_builder_add_string_value (builder, to_string (1u << bit));
  json_builder_end_array (builder);
}

static const char *
device_name (guint bit)
{
  return bd_device_to_string ((BdDevice) bit);
}

static const char *
app_name (guint bit)
{
  return bd_app_to_string ((BdApp) bit);
}

/* ["ipad", "mac"]: the devices set in @devices. */
void
bd_json_add_devices (JsonBuilder *builder,
                     const char  *name,
                     guint        devices)
{
  add_flags (builder, name, devices, device_name);
}

/* ["messages", "whatsapp"]: the apps set in @apps. */
void
bd_json_add_apps (JsonBuilder *builder,
                  const char  *name,
                  guint        apps)
{
  add_flags (builder, name, apps, app_name);
}

/**
 * bd_json_to_text:
 *
 * Returns: (transfer full): @root indented by two spaces, ending in a newline
 */
char *
bd_json_to_text (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  g_return_val_if_fail (root != NULL, NULL);

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  return g_strconcat (text, "\n", NULL);
}
