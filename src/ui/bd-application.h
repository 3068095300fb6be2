/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bd-case-backend.h"
#include "bd-guidance-updates.h"
#include "bd-pack.h"

G_BEGIN_DECLS

#define BD_TYPE_APPLICATION (bd_application_get_type ())
G_DECLARE_FINAL_TYPE (BdApplication, bd_application, BD, APPLICATION, AdwApplication)

BdApplication *bd_application_new      (void);
BdPack        *bd_application_get_pack  (BdApplication  *self);
BdGuidanceUpdates *bd_application_get_updates (BdApplication *self);
BdCaseBackend *bd_application_get_backend (BdApplication *self);

G_END_DECLS
