/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-step-row"

#include "bd-config.h"

#include <glib/gi18n.h>

#include "bd-step-row.h"

/*
 * One numbered step of a guide. A tick asks for a change with the
 * "change-state" signal and shows nothing new until the change is saved
 * and bd_step_row_update() is called: the row never shows a tick the
 * store does not have (and a step with a caution is not ticked before
 * the person confirms).
 */
struct _BdStepRow
{
  GtkListBoxRow parent_instance;

  BdStep *step;
  BdCountdown *countdown;
  BdDevice devices;
  gboolean updating;
  BdStepState shown;   /* the state the store has, as last updated */
  guint saving;        /* changes on their way to the store */
  gboolean not_saved;  /* the last change failed */
  GtkWidget *device_checks[3];
  guint number;

  GtkLabel *number_label;
  GtkLabel *text_label;
  GtkWidget *caution_box;
  GtkLabel *caution_label;
  GtkLabel *expect_label;
  GtkLabel *devices_label;
  GtkLabel *state_label;
  GtkBox *devices_box;
  GtkWidget *countdown_box;
  GtkButton *countdown_button;
  GtkLabel *countdown_label;
  GtkCheckButton *check;
  GtkWidget *menu_button;
};

G_DEFINE_FINAL_TYPE (BdStepRow, bd_step_row, GTK_TYPE_LIST_BOX_ROW)

enum
{
  CHANGE_STATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const BdDevice device_order[] = { BD_DEVICE_IPHONE, BD_DEVICE_IPAD, BD_DEVICE_MAC };

static const char *
device_label (BdDevice device)
{
  switch (device)
    {
    case BD_DEVICE_IPHONE:
      return C_("device", "iPhone");
    case BD_DEVICE_IPAD:
      return C_("device", "iPad");
    case BD_DEVICE_MAC:
      return C_("device", "Mac");
    case BD_DEVICE_NONE:
    default:
      return "";
    }
}

static void
request (BdStepRow   *self,
         BdDevice     device,
         BdStepState  state)
{
  g_signal_emit (self, signals[CHANGE_STATE], 0, device, state);
}

static void
on_check_toggled (GtkCheckButton *check,
                  BdStepRow      *self)
{
  BdDevice device = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "device"));
  gboolean wanted = gtk_check_button_get_active (check);

  if (self->updating)
    return;
  /* Put the box back as it was; the saved state decides what it shows. */
  self->updating = TRUE;
  gtk_check_button_set_active (check, !wanted);
  self->updating = FALSE;
  request (self, device, wanted ? BD_STEP_STATE_DONE : BD_STEP_STATE_PENDING);
}

static GtkWidget *
create_check (BdStepRow  *self,
              BdDevice    device,
              const char *label)
{
  GtkWidget *check = gtk_check_button_new_with_label (label);

  g_object_set_data (G_OBJECT (check), "device", GUINT_TO_POINTER (device));
  g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled), self);
  return check;
}

static void
set_check (BdStepRow   *self,
           GtkWidget   *check,
           BdStepState  state)
{
  self->updating = TRUE;
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), state == BD_STEP_STATE_DONE);
  self->updating = FALSE;
}

static const char *
state_word (BdStepState state)
{
  switch (state)
    {
    case BD_STEP_STATE_SKIPPED:
      return _("Skipped");
    case BD_STEP_STATE_NA:
      return _("Does not apply");
    case BD_STEP_STATE_DONE:
    case BD_STEP_STATE_PENDING:
    default:
      return NULL;
    }
}

/* Under the step: being saved, not saved, skipped or does not apply. */
static void
show_state (BdStepRow *self)
{
  const char *word = state_word (self->shown);

  if (self->saving > 0)
    word = _("Saving…");
  else if (self->not_saved)
    word = _("Not saved");
  gtk_widget_set_visible (GTK_WIDGET (self->state_label), word != NULL);
  gtk_label_set_text (self->state_label, word ? word : "");
  if (self->not_saved && self->saving == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->state_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), "error");
}

/**
 * bd_step_row_set_saving:
 * @saving: %TRUE when a change is sent to the store, %FALSE when it answered
 * @saved: with %FALSE for @saving, whether the change was committed
 *
 * A tick shows as ticked only once the store has it: meanwhile the row
 * says it is being saved, and a change that failed says it was not saved
 * (the box shows what the store has).
 */
void
bd_step_row_set_saving (BdStepRow *self,
                        gboolean   saving,
                        gboolean   saved)
{
  g_return_if_fail (BD_IS_STEP_ROW (self));

  if (saving)
    self->saving++;
  else if (self->saving > 0)
    self->saving--;
  if (!saving)
    self->not_saved = !saved;
  show_state (self);
}

/**
 * bd_step_row_update:
 *
 * Shows the saved state of the step on each device.
 */
void
bd_step_row_update (BdStepRow *self,
                    BdPlan    *plan)
{
  const char *guide_id, *step_id;
  BdStepState shown = BD_STEP_STATE_PENDING;

  g_return_if_fail (BD_IS_STEP_ROW (self));

  guide_id = bd_step_get_guide_id (self->step);
  step_id = bd_step_get_id (self->step);
  if (!bd_step_get_per_device (self->step))
    {
      shown = bd_plan_get_step_state (plan, guide_id, step_id, BD_DEVICE_NONE);
      set_check (self, GTK_WIDGET (self->check), shown);
    }
  else
    for (guint i = 0; i < G_N_ELEMENTS (device_order); i++)
      if (self->device_checks[i] != NULL)
        {
          BdStepState state = bd_plan_get_step_state (plan, guide_id, step_id, device_order[i]);
          set_check (self, self->device_checks[i], state);
          if (state == BD_STEP_STATE_SKIPPED || state == BD_STEP_STATE_NA)
            shown = state;
        }
  self->shown = shown;
  show_state (self);
  if (shown == BD_STEP_STATE_SKIPPED || shown == BD_STEP_STATE_NA)
    gtk_widget_add_css_class (GTK_WIDGET (self->text_label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->text_label), "dim-label");
}

/**
 * bd_step_row_toggle:
 *
 * What Space or Enter on the row does: tick the first device not done,
 * or untick a step done everywhere.
 */
void
bd_step_row_toggle (BdStepRow *self)
{
  g_return_if_fail (BD_IS_STEP_ROW (self));

  if (!bd_step_get_per_device (self->step))
    {
      gtk_check_button_set_active (self->check, !gtk_check_button_get_active (self->check));
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (device_order); i++)
    if (self->device_checks[i] != NULL && !gtk_check_button_get_active (GTK_CHECK_BUTTON (self->device_checks[i])))
      {
        gtk_check_button_set_active (GTK_CHECK_BUTTON (self->device_checks[i]), TRUE);
        return;
      }
  for (guint i = 0; i < G_N_ELEMENTS (device_order); i++)
    if (self->device_checks[i] != NULL)
      request (self, device_order[i], BD_STEP_STATE_PENDING);
}

/* --- the countdown ---------------------------------------------------- */

static void
update_countdown (BdStepRow *self)
{
  guint remaining = bd_countdown_get_remaining (self->countdown);
  gboolean running = bd_countdown_get_running (self->countdown);
  g_autofree char *time = g_strdup_printf ("%u:%02u", remaining / 60, remaining % 60);
  g_autofree char *spoken = g_strdup_printf (ngettext ("%u second left", "%u seconds left", remaining), remaining);

  gtk_label_set_text (self->countdown_label, time);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->countdown_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  gtk_button_set_icon_name (self->countdown_button,
                            running ? "media-playback-pause-symbolic" : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->countdown_button),
                               running ? _("Pause the countdown") : _("Start the countdown"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->countdown_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  running ? _("Pause the countdown") : _("Start the countdown"), -1);
}

static void
countdown_toggle (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BdStepRow *self = BD_STEP_ROW (widget);

  if (bd_countdown_get_running (self->countdown))
    bd_countdown_pause (self->countdown);
  else
    bd_countdown_start (self->countdown);
}

static void
countdown_reset (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  bd_countdown_reset (BD_STEP_ROW (widget)->countdown);
}

/* --- more: skip, does not apply, not done ------------------------------ */

static void
set_all (BdStepRow   *self,
         BdStepState  state)
{
  if (!bd_step_get_per_device (self->step))
    {
      request (self, BD_DEVICE_NONE, state);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (device_order); i++)
    if (self->devices & device_order[i])
      request (self, device_order[i], state);
}

static void
skip_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  set_all (BD_STEP_ROW (widget), BD_STEP_STATE_SKIPPED);
}

static void
na_action (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  set_all (BD_STEP_ROW (widget), BD_STEP_STATE_NA);
}

static void
pending_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  set_all (BD_STEP_ROW (widget), BD_STEP_STATE_PENDING);
}

/* --- the object ------------------------------------------------------- */

/* A screen reader lists the controls of a guide out of their rows: each
 * says which step it belongs to. */
static void
name_controls (BdStepRow *self)
{
  const char *text = bd_text_get (bd_step_get_text (self->step));
  /* TRANSLATORS: a step's tick for a screen reader: "Step 3: Type one letter…" */
  g_autofree char *check = g_strdup_printf (_("Step %u: %s"), self->number, text);
  /* TRANSLATORS: a step's menu for a screen reader: "More about step 3: Type one letter…" */
  g_autofree char *more = g_strdup_printf (_("More about step %u: %s"), self->number, text);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->check), GTK_ACCESSIBLE_PROPERTY_LABEL, check, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL, more, -1);
}

static void
fill (BdStepRow *self,
      guint      number)
{
  BdText *caution = bd_step_get_caution (self->step);
  BdText *expect = bd_step_get_expect (self->step);
  g_autofree char *num = g_strdup_printf ("%u", number);

  self->number = number;
  gtk_label_set_text (self->number_label, num);
  gtk_label_set_text (self->text_label, bd_text_get (bd_step_get_text (self->step)));
  gtk_widget_set_visible (self->caution_box, caution != NULL);
  if (caution != NULL)
    gtk_label_set_text (self->caution_label, bd_text_get (caution));
  gtk_widget_set_visible (GTK_WIDGET (self->expect_label), expect != NULL);
  if (expect != NULL)
    {
      /* TRANSLATORS: what the person sees when the step worked */
      g_autofree char *line = g_strdup_printf (_("When it worked: %s"), bd_text_get (expect));
      gtk_label_set_text (self->expect_label, line);
    }
  name_controls (self);
  /* The row takes the focus Space acts on: a screen reader says the step,
   * then what it costs and what to expect. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->number_label, self->text_label, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->caution_label, self->expect_label,
                                  self->devices_label, self->state_label, NULL,
                                  -1);
}

/* "On the Mac: Click Sign Out…": how the case's other devices do a
 * per-device step, where the guidance words it differently. */
static void
fill_device_words (BdStepRow *self)
{
  g_autoptr(GString) words = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (device_order); i++)
    {
      BdDevice device = device_order[i];
      BdText *text = bd_step_get_text_on (self->step, device);
      BdText *expect = bd_step_get_expect_on (self->step, device);
      BdText *caution = bd_step_get_caution_on (self->step, device);

      if (!(self->devices & device) || device == BD_DEVICE_IPHONE)
        continue;
      if (text != bd_step_get_text (self->step))
        {
          if (words->len > 0)
            g_string_append_c (words, '\n');
          /* TRANSLATORS: how one device does a step, e.g. "On the Mac: Click Sign Out." */
          g_string_append_printf (words, _("On the %s: %s"), device_label (device), bd_text_get (text));
        }
      if (caution != NULL && caution != bd_step_get_caution (self->step))
        {
          if (words->len > 0)
            g_string_append_c (words, '\n');
          /* TRANSLATORS: what a step costs on one device */
          g_string_append_printf (words, _("Caution on the %s: %s"), device_label (device), bd_text_get (caution));
        }
      if (expect != NULL && expect != bd_step_get_expect (self->step))
        {
          if (words->len > 0)
            g_string_append_c (words, '\n');
          /* TRANSLATORS: what one device shows when the step worked */
          g_string_append_printf (words, _("When it worked on the %s: %s"), device_label (device), bd_text_get (expect));
        }
    }
  gtk_label_set_text (self->devices_label, words->str);
  gtk_widget_set_visible (GTK_WIDGET (self->devices_label), words->len > 0);
}

static void
add_device_checks (BdStepRow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->devices_box), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->check), FALSE);
  fill_device_words (self);
  for (guint i = 0; i < G_N_ELEMENTS (device_order); i++)
    if (self->devices & device_order[i])
      {
        /* TRANSLATORS: a step's tick on one device, for a screen reader:
         * "Step 8 on the iPad: Open Settings…" */
        g_autofree char *spoken = g_strdup_printf (_("Step %u on the %s: %s"), self->number,
                                                   device_label (device_order[i]),
                                                   bd_text_get (bd_step_get_text_on (self->step, device_order[i])));
        self->device_checks[i] = create_check (self, device_order[i], device_label (device_order[i]));
        gtk_accessible_update_property (GTK_ACCESSIBLE (self->device_checks[i]),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
        gtk_box_append (self->devices_box, self->device_checks[i]);
      }
}

/**
 * bd_step_row_new:
 * @devices: the devices of the case, for a per-device step
 * @countdown: (nullable): for a wait step, its countdown, kept by the caller
 *   so it runs on while the person is elsewhere
 */
GtkWidget *
bd_step_row_new (BdStep      *step,
                 guint        number,
                 BdDevice     devices,
                 BdCountdown *countdown)
{
  BdStepRow *self;

  g_return_val_if_fail (BD_IS_STEP (step), NULL);

  self = g_object_new (BD_TYPE_STEP_ROW, NULL);
  self->step = g_object_ref (step);
  self->devices = devices;
  fill (self, number);
  g_object_set_data (G_OBJECT (self->check), "device", GUINT_TO_POINTER (BD_DEVICE_NONE));
  if (bd_step_get_per_device (step))
    add_device_checks (self);
  if (countdown != NULL)
    {
      self->countdown = g_object_ref (countdown);
      gtk_widget_set_visible (self->countdown_box, TRUE);
      g_signal_connect_object (countdown, "notify::remaining", G_CALLBACK (update_countdown), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (countdown, "notify::running", G_CALLBACK (update_countdown), self, G_CONNECT_SWAPPED);
      update_countdown (self);
    }
  return GTK_WIDGET (self);
}

BdStep *
bd_step_row_get_step (BdStepRow *self)
{
  g_return_val_if_fail (BD_IS_STEP_ROW (self), NULL);
  return self->step;
}

static void
bd_step_row_dispose (GObject *object)
{
  BdStepRow *self = BD_STEP_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BD_TYPE_STEP_ROW);
  g_clear_object (&self->step);
  g_clear_object (&self->countdown);
  G_OBJECT_CLASS (bd_step_row_parent_class)->dispose (object);
}

static void
bd_step_row_class_init (BdStepRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bd_step_row_dispose;

  /**
   * BdStepRow::change-state:
   * @device: the device, %BD_DEVICE_NONE for a step done once
   * @state: a #BdStepState
   *
   * The person asked for the step to change; nothing is shown until the
   * change is saved and the row updated.
   */
  signals[CHANGE_STATE] = g_signal_new ("change-state", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bd-step-row.ui");
  gtk_widget_class_bind_template_child (widget_class, BdStepRow, number_label);
  gtk_widget_class_bind_template_child (widget_class, BdStepRow, text_label);
  gtk_widget_class_bind_template_child (widget_class, BdStepRow, caution_box);
  gtk_widget_class_bind_template_child (widget_class, BdStepRow, caution_label);
  gtk_widget_class_bind_template_child (widget_class, BdStepRow, expect_label);
  gtk_widget_class_bind_template_child (widget_class, BdStepRow, devices_label);
  gtk_widget_class_bind_template_child (widget_class, BdStepRow, state_label);
  gtk_widget_class_bind_template_child (widget_class, BdStepRow, devices_box);
  gtk_widget_class_bind_template_child (widget_class, BdStepRow, countdown_box);
  gtk_widget_class_bind_template_child (widget_class, BdStepRow, countdown_button);
  gtk_widget_class_bind_template_child (widget_class, BdStepRow, countdown_label);
  gtk_widget_class_bind_template_child (widget_class, BdStepRow, check);
  gtk_widget_class_bind_template_child (widget_class, BdStepRow, menu_button);
  gtk_widget_class_bind_template_callback (widget_class, on_check_toggled);

  gtk_widget_class_install_action (widget_class, "step.countdown-toggle", NULL, countdown_toggle);
  gtk_widget_class_install_action (widget_class, "step.countdown-reset", NULL, countdown_reset);
  gtk_widget_class_install_action (widget_class, "step.skip", NULL, skip_action);
  gtk_widget_class_install_action (widget_class, "step.not-applicable", NULL, na_action);
  gtk_widget_class_install_action (widget_class, "step.not-done", NULL, pending_action);
}

static void
bd_step_row_init (BdStepRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * bd_step_row_is_pending:
 *
 * Returns: whether the step still waits on any device of the case
 */
gboolean
bd_step_row_is_pending (BdStepRow *self,
                        BdPlan    *plan,
                        BdDevice   devices)
{
  const char *guide_id, *step_id;

  g_return_val_if_fail (BD_IS_STEP_ROW (self), FALSE);

  guide_id = bd_step_get_guide_id (self->step);
  step_id = bd_step_get_id (self->step);
  if (!bd_step_get_per_device (self->step))
    return bd_plan_get_step_state (plan, guide_id, step_id, BD_DEVICE_NONE) == BD_STEP_STATE_PENDING;
  for (guint i = 0; i < G_N_ELEMENTS (device_order); i++)
    if ((devices & device_order[i])
        && bd_plan_get_step_state (plan, guide_id, step_id, device_order[i]) == BD_STEP_STATE_PENDING)
      return TRUE;
  return FALSE;
}
