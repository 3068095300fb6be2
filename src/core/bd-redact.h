/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  BD_REDACTION_PHONE,
  BD_REDACTION_EMAIL,
  BD_REDACTION_ACCOUNT,
} BdRedactionKind;

/* One thing found and replaced in a report. */
typedef struct
{
  BdRedactionKind kind;
  char *placeholder; /* "[phone 1]", translated */
  char *original;    /* as first found */
  guint count;       /* how many times it was replaced */
} BdRedaction;

#define BD_TYPE_REDACTOR (bd_redactor_get_type ())
G_DECLARE_FINAL_TYPE (BdRedactor, bd_redactor, BD, REDACTOR, GObject)

BdRedactor *bd_redactor_new            (void);
char       *bd_redactor_apply          (BdRedactor *self,
                                        const char *text);
GPtrArray  *bd_redactor_get_redactions (BdRedactor *self);

G_END_DECLS
