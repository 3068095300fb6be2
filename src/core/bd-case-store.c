/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bd-case-store"

#include "bd-config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "bd-case-store-private.h"
#include "bd-dirs.h"
#include "bd-error.h"

/*
 * Where cases live: one SQLite database, $XDG_DATA_HOME/badge-doctor/cases.db.
 * A BdCaseStore is one connection; BdSqliteStore runs it on a worker.
 *
 * Every user action is one transaction, committed before the caller hears
 * it happened, that reads what it needs inside it and writes only its own
 * row or field: two writers never undo each other. The database runs in
 * WAL mode with synchronous=FULL: in WAL mode NORMAL is already safe
 * against a killed process, but it may lose the last commits on a power
 * cut, and a tick the person saw saved must survive that too.
 *
 * Nothing but SQLite opens or closes the database file: closing any
 * descriptor of it drops every POSIX lock this process holds on it, and
 * another process would then delete the WAL under our connections.
 *
 * A second process waits for the lock up to BUSY_TIMEOUT_MS, then the
 * action fails with BD_ERROR_BUSY and nothing changes. Busy, full,
 * read-only and I/O errors never touch the file. Only when SQLite itself
 * says the file is damaged (SQLITE_CORRUPT, SQLITE_NOTADB), and
 * PRAGMA quick_check agrees, is it moved aside as cases.db.corrupt-<time>
 * (with its -wal and -shm) and a fresh store started;
 * bd_case_store_get_recovered_path() says where the old one went.
 */

#define BUSY_TIMEOUT_MS 5000
#define UNDO_DEPTH 100
#define PURGE_AFTER_DAYS 30

struct _BdCaseStore
{
  GObject parent_instance;

  sqlite3 *db;
  char *path;
  char *recovered_path;
  GHashTable *statements; /* SQL -> sqlite3_stmt */
  gboolean read_only;     /* opened so, or the file cannot be written */
  gboolean wanted_read_only;
  gboolean ephemeral;     /* read-only, and no store on disk yet: empty, in memory */
};

G_DEFINE_FINAL_TYPE (BdCaseStore, bd_case_store, G_TYPE_OBJECT)

/* --- schema ---------------------------------------------------------- */

/* Forward migrations; migrations[i] takes user_version i to i + 1. Each
 * runs in its own transaction. Never edit one that has shipped: add one. */
static const char * const migrations[] = {
  /* 1: cases, their symptoms, the step log, outcomes, undo */
  "CREATE TABLE cases ("
  "  key INTEGER PRIMARY KEY," /* the rowid, named so foreign keys can refer to it */
  "  id TEXT NOT NULL UNIQUE,"
  "  created INTEGER NOT NULL,"
  "  updated INTEGER NOT NULL,"
  "  status INTEGER NOT NULL DEFAULT 0,"
  "  label TEXT NOT NULL DEFAULT '',"
  "  ticket TEXT NOT NULL DEFAULT '',"
  "  notes TEXT NOT NULL DEFAULT '',"
  "  pack_id TEXT NOT NULL,"
  "  pack_version TEXT NOT NULL,"
  "  model TEXT NOT NULL DEFAULT '',"
  "  ios TEXT NOT NULL DEFAULT '',"
  "  other_devices INTEGER NOT NULL DEFAULT 0,"
  "  apps INTEGER NOT NULL DEFAULT 0,"
  "  other_apps TEXT NOT NULL DEFAULT '',"
  "  low_power_mode INTEGER NOT NULL DEFAULT 0,"
  "  messages_in_icloud INTEGER NOT NULL DEFAULT 0,"
  "  focus TEXT NOT NULL DEFAULT '',"
  "  resolved_by TEXT,"
  "  deleted INTEGER"
  ");"
  "CREATE INDEX cases_by_update ON cases (deleted, updated DESC);"
  "CREATE TABLE case_symptoms ("
  "  case_rowid INTEGER NOT NULL REFERENCES cases (key) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  symptom_id TEXT NOT NULL,"
  "  text TEXT NOT NULL,"
  "  PRIMARY KEY (case_rowid, position)"
  ");"
  "CREATE TABLE step_log ("
  "  seq INTEGER PRIMARY KEY,"
  "  case_rowid INTEGER NOT NULL REFERENCES cases (key) ON DELETE CASCADE,"
  "  guide_id TEXT NOT NULL,"
  "  step_id TEXT NOT NULL,"
  "  device INTEGER NOT NULL,"
  "  state INTEGER NOT NULL,"
  "  text TEXT NOT NULL,"
  "  time INTEGER NOT NULL"
  ");"
  "CREATE INDEX step_log_by_case ON step_log (case_rowid, seq);"
  "CREATE TABLE outcomes ("
  "  seq INTEGER PRIMARY KEY,"
  "  case_rowid INTEGER NOT NULL REFERENCES cases (key) ON DELETE CASCADE,"
  "  guide_id TEXT NOT NULL,"
  "  result INTEGER NOT NULL,"
  "  time INTEGER NOT NULL"
  ");"
  "CREATE INDEX outcomes_by_case ON outcomes (case_rowid, seq);"
  "CREATE TABLE undo ("
  "  seq INTEGER PRIMARY KEY,"
  "  kind INTEGER NOT NULL,"
  "  case_rowid INTEGER NOT NULL REFERENCES cases (key) ON DELETE CASCADE,"
  "  target INTEGER"
  ");",

  /* 2: full-text search over what a help desk searches for, kept current
   * by triggers so no writer can forget it; listing by status */
  "CREATE INDEX cases_by_status ON cases (deleted, status, updated DESC);"
  "CREATE VIRTUAL TABLE cases_fts USING fts5 ("
  "  label, ticket, notes, device, symptoms,"
  "  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'"
  ");"
  "CREATE VIEW cases_fts_source AS SELECT key AS case_key, label, ticket, notes,"
  "  model || ' ' || ios || ' ' || other_apps || ' ' || focus"
  "  || (CASE WHEN other_devices & 2 THEN ' iPad' ELSE '' END)"
  "  || (CASE WHEN other_devices & 4 THEN ' Mac' ELSE '' END)"
  "  || (CASE WHEN other_devices & 1 THEN ' iPhone' ELSE '' END)"
  "  || (CASE WHEN apps & 1 THEN ' Messages' ELSE '' END)"
  "  || (CASE WHEN apps & 2 THEN ' WhatsApp' ELSE '' END)"
  "  || (CASE WHEN apps & 4 THEN ' Teams' ELSE '' END)"
  "  || (CASE WHEN apps & 8 THEN ' Gmail' ELSE '' END) AS device,"
  "  coalesce ((SELECT group_concat (text, ' ') FROM case_symptoms"
  "             WHERE case_rowid = cases.key), '') AS symptoms"
  "  FROM cases;"
  "CREATE TRIGGER cases_fts_insert AFTER INSERT ON cases BEGIN"
  "  INSERT INTO cases_fts (rowid, label, ticket, notes, device, symptoms)"
  "    SELECT * FROM cases_fts_source WHERE case_key = new.key;"
  "END;"
  "CREATE TRIGGER cases_fts_update AFTER UPDATE OF label, ticket, notes, model, ios,"
  "  other_devices, apps, other_apps, focus ON cases BEGIN"
  "  DELETE FROM cases_fts WHERE rowid = old.rowid;"
  "  INSERT INTO cases_fts (rowid, label, ticket, notes, device, symptoms)"
  "    SELECT * FROM cases_fts_source WHERE case_key = new.key;"
  "END;"
  "CREATE TRIGGER cases_fts_delete AFTER DELETE ON cases BEGIN"
  "  DELETE FROM cases_fts WHERE rowid = old.rowid;"
  "END;"
  "CREATE TRIGGER cases_fts_symptom AFTER INSERT ON case_symptoms BEGIN"
  "  UPDATE cases_fts SET symptoms = (SELECT symptoms FROM cases_fts_source"
  "    WHERE case_key = new.case_rowid) WHERE rowid = new.case_rowid;"
  "END;"
  "INSERT INTO cases_fts (rowid, label, ticket, notes, device, symptoms)"
  "  SELECT * FROM cases_fts_source;",

  /* 3: where the window was in each case (page, guide, scroll), so
   * opening a case returns exactly there */
  "ALTER TABLE cases ADD COLUMN view TEXT NOT NULL DEFAULT '';",

  /* 4: lists are of case ids: the ordering indexes carry the id, so
   * listing 100,000 cases reads the index alone, not every row */
  "DROP INDEX cases_by_update;"
  "DROP INDEX cases_by_status;"
  "CREATE INDEX cases_by_update ON cases (deleted, updated DESC, id);"
  "CREATE INDEX cases_by_status ON cases (deleted, status, updated DESC, id);",
};

#define SCHEMA_VERSION ((int) G_N_ELEMENTS (migrations))

/* --- small helpers --------------------------------------------------- */

/* What a SQLite result code means for the person, as a BD_ERROR code. */
static BdError
error_code (sqlite3 *db,
            int      rc)
{
  int errnum = db != NULL ? sqlite3_system_errno (db) : 0;

  if (errnum == ENOSPC || errnum == EDQUOT || rc == SQLITE_IOERR_SHMSIZE)
    return BD_ERROR_FULL;
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return BD_ERROR_BUSY;
    case SQLITE_FULL:
      return BD_ERROR_FULL;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return BD_ERROR_READ_ONLY;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return BD_ERROR_CORRUPT;
    case SQLITE_CANTOPEN:
      return BD_ERROR_UNREACHABLE;
    case SQLITE_IOERR:
      return BD_ERROR_IO;
    default:
      return BD_ERROR_STORE;
    }
}

static gboolean
fail (BdCaseStore  *self,
      GError      **error,
      const char   *what)
{
  int rc = self->db != NULL ? sqlite3_extended_errcode (self->db) : SQLITE_CANTOPEN;

  g_set_error (error, BD_ERROR, error_code (self->db, rc), "%s: %s (%d)", what,
               self->db != NULL ? sqlite3_errmsg (self->db) : "no connection", rc);
  return FALSE;
}

static gboolean
exec (BdCaseStore  *self,
      const char   *sql,
      GError      **error)
{
  char *message = NULL;
  int rc;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) == SQLITE_OK)
    return TRUE;
  rc = sqlite3_extended_errcode (self->db);
  g_set_error (error, BD_ERROR, error_code (self->db, rc), "%s (%d)", message ? message : "error", rc);
  sqlite3_free (message);
  return FALSE;
}

/* A cached, reset statement for @sql. */
static sqlite3_stmt *
prepare (BdCaseStore  *self,
         const char   *sql,
         GError      **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      fail (self, error, "prepare");
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? text : "";
}

/* Steps a statement that returns no row. */
static gboolean
step_done (BdCaseStore   *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  return fail (self, error, "write");
}

static gboolean
begin (BdCaseStore  *self,
       GError      **error)
{
  if (self->read_only)
    {
      g_set_error (error, BD_ERROR, BD_ERROR_READ_ONLY, "%s is read-only", self->path);
      return FALSE;
    }
  /* IMMEDIATE takes the write lock now, so a second process waits here
   * (busy timeout) rather than failing halfway through. */
  return exec (self, "BEGIN IMMEDIATE", error);
}

static gboolean
commit (BdCaseStore  *self,
        GError      **error)
{
  if (exec (self, "COMMIT", error))
    return TRUE;
  exec (self, "ROLLBACK", NULL);
  return FALSE;
}

static gboolean
rollback (BdCaseStore *self)
{
  exec (self, "ROLLBACK", NULL);
  return FALSE;
}

void
bd_case_summary_free (BdCaseSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->id);
  g_free (summary->label);
  g_free (summary->ticket);
  g_free (summary->symptom);
  g_free (summary->symptom_id);
  g_free (summary);
}

/* --- the object ------------------------------------------------------ */

static void close_db (BdCaseStore *self);

static void
bd_case_store_finalize (GObject *object)
{
  BdCaseStore *self = BD_CASE_STORE (object);

  close_db (self);
  g_hash_table_unref (self->statements);
  g_free (self->path);
  g_free (self->recovered_path);
  G_OBJECT_CLASS (bd_case_store_parent_class)->finalize (object);
}

static void
bd_case_store_class_init (BdCaseStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bd_case_store_finalize;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
bd_case_store_init (BdCaseStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, finalize_statement);
}

/* --- opening --------------------------------------------------------- */

static int
get_user_version (BdCaseStore  *self,
                  GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  if (version < 0)
    fail (self, error, "read the schema version");
  return version;
}

/* Brings the schema to @target (SCHEMA_VERSION, or older for tests) in one
 * IMMEDIATE transaction that reads the version again once it holds the
 * write lock: any number of first runs at once create the tables once. */
static gboolean
migrate (BdCaseStore  *self,
         int           target,
         GError      **error)
{
  g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", target);
  int version = get_user_version (self, error);

  if (version < 0)
    return FALSE;
  if (version > SCHEMA_VERSION)
    {
      g_set_error (error, BD_ERROR, BD_ERROR_NEWER_SCHEMA,
                   "the case store was written by a newer Badge Doctor (schema %d, this one knows %d)",
                   version, SCHEMA_VERSION);
      return FALSE;
    }
  if (version >= target)
    return TRUE;
  if (!begin (self, error))
    return FALSE;
  if ((version = get_user_version (self, error)) < 0)
    return rollback (self);
  for (int v = version + 1; v <= target; v++)
    if (!exec (self, migrations[v - 1], error))
      return rollback (self);
  if (version < target && !exec (self, set_version, error))
    return rollback (self);
  return commit (self, error);
}

/* Reads the first page of the cases table: a damaged file says so here,
 * at the cost of one page, not of a whole-file check. */
static gboolean
probe (BdCaseStore  *self,
       GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, "SELECT id FROM cases LIMIT 1", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE)
    return TRUE;
  return fail (self, error, "read the cases");
}

static void
close_db (BdCaseStore *self)
{
  g_hash_table_remove_all (self->statements);
  if (self->db != NULL)
    sqlite3_close (g_steal_pointer (&self->db));
}

/* A WAL store in a folder this user cannot write, whose -shm cannot be
 * made, is read as immutable: nobody can be writing it either. */
static gboolean
open_immutable (BdCaseStore  *self,
                GError      **error)
{
  g_autofree char *escaped = g_uri_escape_string (self->path, "/", FALSE);
  g_autofree char *uri = g_strdup_printf ("file:%s?immutable=1", escaped);

  close_db (self);
  if (sqlite3_open_v2 (uri, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) != SQLITE_OK)
    return fail (self, error, "open");
  sqlite3_extended_result_codes (self->db, TRUE);
  return TRUE;
}

/* The first read of a store that can only be read: when SQLite cannot
 * set up its shared memory beside it, read it as immutable instead. */
static gboolean
first_read (BdCaseStore  *self,
            GError      **error)
{
  g_autoptr(GError) local_error = NULL;

  if (get_user_version (self, &local_error) >= 0)
    return TRUE;
  if (self->read_only && !self->ephemeral
      && (g_error_matches (local_error, BD_ERROR, BD_ERROR_UNREACHABLE)
          || g_error_matches (local_error, BD_ERROR, BD_ERROR_READ_ONLY)))
    return open_immutable (self, error) && get_user_version (self, error) >= 0;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gboolean
open_connection (BdCaseStore  *self,
                 int           target,
                 GError      **error)
{
  gboolean existed = g_file_test (self->path, G_FILE_TEST_EXISTS);
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW;
  const char *name = self->path;
  g_autoptr(GError) local_error = NULL;

  self->read_only = self->wanted_read_only;
  self->ephemeral = self->read_only && !existed;
  if (self->ephemeral)
    name = ":memory:";
  else if (self->read_only)
    flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW;
  if (sqlite3_open_v2 (name, &self->db, flags, NULL) != SQLITE_OK)
    return fail (self, error, "open");
  sqlite3_extended_result_codes (self->db, TRUE);
  /* SQLite made the file just now; chmod() takes no descriptor, and the
   * -wal and -shm files SQLite makes later copy this mode. */
  if (!existed && !self->ephemeral)
    g_chmod (self->path, 0600);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  if (self->ephemeral)
    self->read_only = FALSE;
  self->read_only = self->read_only || sqlite3_db_readonly (self->db, "main") == 1;
  /* read before anything else: SQLite sets up its shared memory here */
  if (!first_read (self, error))
    return FALSE;
  if (!self->read_only && !exec (self, "PRAGMA journal_mode = WAL", &local_error)
      && !g_error_matches (local_error, BD_ERROR, BD_ERROR_READ_ONLY))
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
  if (!exec (self, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON", error)
      || !migrate (self, target, error))
    return FALSE;
  if (self->ephemeral)
    self->read_only = TRUE;
  return probe (self, error);
}

/* Runs PRAGMA quick_check. Returns FALSE when it could not run for a
 * reason other than damage (busy, I/O): only a store SQLite knows to be
 * damaged is ever moved. */
static gboolean
quick_check (BdCaseStore  *self,
             gboolean     *damaged,
             GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *result = NULL;
  int rc;

  *damaged = FALSE;
  rc = sqlite3_prepare_v2 (self->db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    result = g_strdup (column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (result != NULL)
    {
      *damaged = !g_str_equal (result, "ok");
      return TRUE;
    }
  rc = sqlite3_extended_errcode (self->db) & 0xff;
  if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB)
    return *damaged = TRUE;
  return fail (self, error, "check");
}

static gboolean
confirm_damaged (BdCaseStore *self)
{
  gboolean damaged = FALSE;

  return self->db != NULL && quick_check (self, &damaged, NULL) && damaged;
}

static char *
free_aside_name (const char *path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  char *candidate = g_strdup_printf ("%s.corrupt-%s", path, stamp);

  for (guint i = 1; g_file_test (candidate, G_FILE_TEST_EXISTS); i++)
    {
      g_free (candidate);
      candidate = g_strdup_printf ("%s.corrupt-%s-%u", path, stamp, i);
    }
  return candidate;
}

/* Renames the store and its WAL files; never deletes anything. */
static gboolean
move_aside (BdCaseStore  *self,
            GError      **error)
{
  static const char * const suffixes[] = { "-wal", "-shm" };
  g_autofree char *aside = free_aside_name (self->path);

  if (g_rename (self->path, aside) != 0)
    {
      int saved = errno;
      g_set_error (error, BD_ERROR, BD_ERROR_CORRUPT,
                   "the case store %s is damaged, and moving it aside failed: %s",
                   self->path, g_strerror (saved));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (self->path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (aside, suffixes[i], NULL);
      if (g_file_test (from, G_FILE_TEST_EXISTS))
        g_rename (from, to);
    }
  /* Callers say this in the person's words (bd_case_store_get_recovered_path). */
  g_debug ("the case store %s is damaged; it was moved to %s", self->path, aside);
  g_free (self->recovered_path);
  self->recovered_path = g_steal_pointer (&aside);
  return TRUE;
}

/* After SQLite said the store is damaged: moves it aside when the check
 * agrees and starts a fresh one. */
static gboolean
recover (BdCaseStore  *self,
         int           target,
         GError      **error)
{
  if (!confirm_damaged (self))
    return FALSE;
  close_db (self);
  if (!move_aside (self, error))
    return FALSE;
  if (!open_connection (self, target, error))
    {
      close_db (self);
      return FALSE;
    }
  return TRUE;
}

static gboolean
open_database (BdCaseStore  *self,
               int           target,
               GError      **error)
{
  g_autoptr(GError) local_error = NULL;

  if (open_connection (self, target, &local_error))
    return TRUE;
  if (g_error_matches (local_error, BD_ERROR, BD_ERROR_CORRUPT) && recover (self, target, error))
    return TRUE;
  close_db (self);
  if (error != NULL && *error == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* The store's folder is the program's own: made private when it is
 * missing, and never a symbolic link to a folder elsewhere (SQLite is
 * told not to follow one to the file either). */
static gboolean
check_folder (const char  *dir,
              gboolean     create,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  int fd = bd_dirs_open_own (dir, 1, create, &local_error);
  int code;

  if (fd >= 0)
    {
      close (fd);
      return TRUE;
    }
  /* a reader of a store that is not there yet finds no cases */
  if (!create && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return TRUE;
  code = g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NO_SPACE) ? BD_ERROR_FULL
         : g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED)
           || g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_READ_ONLY) ? BD_ERROR_READ_ONLY
         : BD_ERROR_UNREACHABLE;
  g_set_error_literal (error, BD_ERROR, code, local_error->message);
  return FALSE;
}

static BdCaseStore *
open_at_version (const char        *path,
                 int                version,
                 BdCaseStoreFlags   flags,
                 GError           **error)
{
  g_autoptr(BdCaseStore) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dir = NULL;

  self = g_object_new (BD_TYPE_CASE_STORE, NULL);
  self->path = g_strdup (path);
  self->wanted_read_only = (flags & BD_CASE_STORE_READ_ONLY) != 0;
  dir = g_path_get_dirname (path);
  if (!check_folder (dir, !self->wanted_read_only, error))
    return NULL;
  if (!open_database (self, version, &local_error))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", path);
      return NULL;
    }
  return g_steal_pointer (&self);
}

BdCaseStore *
_bd_case_store_new_at_version (const char  *path,
                               int          version,
                               GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (version >= 1 && version <= SCHEMA_VERSION, NULL);

  return open_at_version (path, version, BD_CASE_STORE_READ_WRITE, error);
}

/**
 * bd_case_store_open:
 * @path: the database file; its folder is made if missing (not when
 *   opening read-only)
 *
 * Opens the store, creating or migrating it. A file SQLite finds damaged
 * is moved aside and a fresh store started; see
 * bd_case_store_get_recovered_path(). Any other failure (busy, full,
 * read-only, cannot open) is returned and leaves every file as it was.
 */
BdCaseStore *
bd_case_store_open (const char        *path,
                    BdCaseStoreFlags   flags,
                    GError           **error)
{
  g_autoptr(BdCaseStore) store = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  store = open_at_version (path, SCHEMA_VERSION, flags, &local_error);
  /* A store from an older Badge Doctor is brought up to date once, even
   * for reading; one that cannot be written stays as it is. */
  if (store == NULL && (flags & BD_CASE_STORE_READ_ONLY)
      && g_error_matches (local_error, BD_ERROR, BD_ERROR_READ_ONLY))
    {
      g_autoptr(BdCaseStore) writer = open_at_version (path, SCHEMA_VERSION, BD_CASE_STORE_READ_WRITE, NULL);
      if (writer != NULL)
        {
          g_clear_object (&writer);
          g_clear_error (&local_error);
          store = open_at_version (path, SCHEMA_VERSION, flags, &local_error);
        }
    }
  if (store == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return g_steal_pointer (&store);
}

BdCaseStore *
bd_case_store_new (const char  *path,
                   GError     **error)
{
  return bd_case_store_open (path, BD_CASE_STORE_READ_WRITE, error);
}

char *
bd_case_store_dup_default_path (void)
{
  g_autofree char *data = bd_dirs_user_data ();

  return g_build_filename (data, "badge-doctor", "cases.db", NULL);
}

/**
 * bd_case_store_check:
 *
 * Runs SQLite's quick check of the whole file: slow on a large store, so
 * only after SQLite reported damage or as background maintenance. A
 * damaged store is moved aside and a fresh one started.
 *
 * Returns: %TRUE when the store is sound; %FALSE with %BD_ERROR_CORRUPT
 *   after moving a damaged store aside, or another error when the check
 *   could not run (nothing was changed then)
 */
gboolean
bd_case_store_check (BdCaseStore  *self,
                     GError      **error)
{
  gboolean damaged;

  g_return_val_if_fail (BD_IS_CASE_STORE (self), FALSE);

  if (!quick_check (self, &damaged, error))
    return FALSE;
  if (!damaged)
    return TRUE;
  close_db (self);
  if (!move_aside (self, error))
    return FALSE;
  if (!open_connection (self, SCHEMA_VERSION, error))
    {
      close_db (self);
      return FALSE;
    }
  g_set_error (error, BD_ERROR, BD_ERROR_CORRUPT, "%s was damaged and was moved to %s",
               self->path, self->recovered_path);
  return FALSE;
}

gboolean
bd_case_store_is_read_only (BdCaseStore *self)
{
  g_return_val_if_fail (BD_IS_CASE_STORE (self), TRUE);
  return self->read_only;
}

const char *
bd_case_store_get_path (BdCaseStore *self)
{
  g_return_val_if_fail (BD_IS_CASE_STORE (self), NULL);
  return self->path;
}

/**
 * bd_case_store_get_recovered_path:
 *
 * Returns: (nullable): where an unreadable store was moved when this one
 *   was opened, or %NULL
 */
const char *
bd_case_store_get_recovered_path (BdCaseStore *self)
{
  g_return_val_if_fail (BD_IS_CASE_STORE (self), NULL);
  return self->recovered_path;
}

int
_bd_case_store_get_schema_version (BdCaseStore *self)
{
  return get_user_version (self, NULL);
}

sqlite3 *
_bd_case_store_get_db (BdCaseStore *self)
{
  return self->db;
}

/* --- finding a case -------------------------------------------------- */

/* The rowid of a live case, or 0 with NOT_FOUND. */
static gint64
lookup_rowid (BdCaseStore  *self,
              const char   *id,
              GError      **error)
{
  sqlite3_stmt *stmt = prepare (self, "SELECT rowid FROM cases WHERE id = ? AND deleted IS NULL", error);
  gint64 rowid = 0;
  int rc;

  if (stmt == NULL)
    return 0;
  bind_text (stmt, 1, id);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    rowid = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return fail (self, error, "find a case"), 0;
  if (rowid == 0)
    g_set_error (error, BD_ERROR, BD_ERROR_NOT_FOUND, "there is no case %s", id);
  return rowid;
}

/**
 * bd_case_store_resolve:
 * @prefix: a whole case id or any unique beginning of one
 *
 * Returns: (transfer full) (nullable): the full id; %BD_ERROR_NOT_FOUND or
 *   %BD_ERROR_AMBIGUOUS otherwise
 */
char *
bd_case_store_resolve (BdCaseStore  *self,
                       const char   *prefix,
                       GError      **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *first = NULL;
  guint matches = 0;
  int rc;

  g_return_val_if_fail (BD_IS_CASE_STORE (self), NULL);
  g_return_val_if_fail (prefix != NULL, NULL);

  /* Only what a case id can hold, so the prefix never carries a pattern. */
  if (*prefix == '\0' || strspn (prefix, "0123456789abcdef-") != strlen (prefix))
    {
      g_set_error (error, BD_ERROR, BD_ERROR_NOT_FOUND, "there is no case %s", prefix);
      return NULL;
    }
  stmt = prepare (self,
                  "SELECT id FROM cases WHERE id >= ?1 AND id < ?1 || 'g' AND deleted IS NULL LIMIT 2",
                  error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, prefix);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (matches++ == 0)
      first = g_strdup (column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return fail (self, error, "find a case"), NULL;
  if (matches == 1)
    return g_steal_pointer (&first);
  g_set_error (error, BD_ERROR, matches == 0 ? BD_ERROR_NOT_FOUND : BD_ERROR_AMBIGUOUS,
               matches == 0 ? "there is no case %s" : "%s is the beginning of more than one case id",
               prefix);
  return NULL;
}

/* --- writing --------------------------------------------------------- */

static gboolean
touch (BdCaseStore  *self,
       gint64        rowid,
       GError      **error)
{
  sqlite3_stmt *stmt = prepare (self, "UPDATE cases SET updated = ? WHERE rowid = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, g_get_real_time ());
  sqlite3_bind_int64 (stmt, 2, rowid);
  return step_done (self, stmt, error);
}

static gboolean
insert_row (BdCaseStore  *self,
            BdCase       *kase,
            gint64       *rowid,
            GError      **error)
{
  sqlite3_stmt *stmt = prepare (self,
    "INSERT INTO cases (id, created, updated, status, label, ticket, notes, pack_id, pack_version,"
    " model, ios, other_devices, apps, other_apps, low_power_mode, messages_in_icloud, focus,"
    " resolved_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, bd_case_get_id (kase));
  sqlite3_bind_int64 (stmt, 2, bd_case_get_created (kase));
  sqlite3_bind_int64 (stmt, 3, bd_case_get_updated (kase));
  sqlite3_bind_int (stmt, 4, bd_case_get_status (kase));
  bind_text (stmt, 5, bd_case_get_label (kase));
  bind_text (stmt, 6, bd_case_get_ticket (kase));
  bind_text (stmt, 7, bd_case_get_notes (kase));
  bind_text (stmt, 8, bd_case_get_pack_id (kase));
  bind_text (stmt, 9, bd_case_get_pack_version (kase));
  bind_text (stmt, 10, bd_case_get_model (kase));
  bind_text (stmt, 11, bd_case_get_ios (kase));
  sqlite3_bind_int (stmt, 12, bd_case_get_other_devices (kase));
  sqlite3_bind_int (stmt, 13, bd_case_get_apps (kase));
  bind_text (stmt, 14, bd_case_get_other_apps (kase));
  sqlite3_bind_int (stmt, 15, bd_case_get_low_power_mode (kase));
  sqlite3_bind_int (stmt, 16, bd_case_get_messages_in_icloud (kase));
  bind_text (stmt, 17, bd_case_get_focus (kase));
  bind_text (stmt, 18, bd_case_get_resolved_by (kase));
  if (!step_done (self, stmt, error))
    return FALSE;
  *rowid = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

static gboolean
insert_symptom (BdCaseStore  *self,
                gint64        rowid,
                const char   *symptom_id,
                const char   *text,
                GError      **error)
{
  sqlite3_stmt *stmt = prepare (self,
    "INSERT INTO case_symptoms (case_rowid, position, symptom_id, text) VALUES (?1,"
    " (SELECT count(*) FROM case_symptoms WHERE case_rowid = ?1), ?2, ?3)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  bind_text (stmt, 2, symptom_id);
  bind_text (stmt, 3, text);
  return step_done (self, stmt, error);
}

static gint64
insert_step (BdCaseStore        *self,
             gint64              rowid,
             const BdStepRecord *record,
             GError            **error)
{
  sqlite3_stmt *stmt = prepare (self,
    "INSERT INTO step_log (case_rowid, guide_id, step_id, device, state, text, time)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, rowid);
  bind_text (stmt, 2, record->guide_id);
  bind_text (stmt, 3, record->step_id);
  sqlite3_bind_int (stmt, 4, record->device);
  sqlite3_bind_int (stmt, 5, record->state);
  bind_text (stmt, 6, record->text);
  sqlite3_bind_int64 (stmt, 7, record->time);
  if (!step_done (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

static gboolean
insert_outcome (BdCaseStore           *self,
                gint64                 rowid,
                const BdOutcomeRecord *record,
                GError               **error)
{
  sqlite3_stmt *stmt = prepare (self,
    "INSERT INTO outcomes (case_rowid, guide_id, result, time) VALUES (?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  bind_text (stmt, 2, record->guide_id);
  sqlite3_bind_int (stmt, 3, record->result);
  sqlite3_bind_int64 (stmt, 4, record->time);
  return step_done (self, stmt, error);
}

static gboolean
insert_everything (BdCaseStore  *self,
                   BdCase       *kase,
                   GError      **error)
{
  GPtrArray *symptoms = bd_case_get_symptoms (kase);
  GPtrArray *steps = bd_case_get_steps (kase);
  GPtrArray *outcomes = bd_case_get_outcomes (kase);
  gint64 rowid = 0;

  if (!insert_row (self, kase, &rowid, error))
    return FALSE;
  for (guint i = 0; i < symptoms->len; i++)
    {
      BdCaseSymptom *symptom = g_ptr_array_index (symptoms, i);
      if (!insert_symptom (self, rowid, symptom->id, symptom->text, error))
        return FALSE;
    }
  for (guint i = 0; i < steps->len; i++)
    if (insert_step (self, rowid, g_ptr_array_index (steps, i), error) == 0)
      return FALSE;
  for (guint i = 0; i < outcomes->len; i++)
    if (!insert_outcome (self, rowid, g_ptr_array_index (outcomes, i), error))
      return FALSE;
  return TRUE;
}

static gboolean
id_taken (BdCaseStore *self,
          const char  *id)
{
  sqlite3_stmt *stmt = prepare (self, "SELECT 1 FROM cases WHERE id = ?", NULL);
  gboolean taken;

  if (stmt == NULL)
    return TRUE;
  bind_text (stmt, 1, id);
  taken = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return taken;
}

/**
 * bd_case_store_insert:
 *
 * Stores a new case with everything it holds, in one transaction.
 */
gboolean
bd_case_store_insert (BdCaseStore  *self,
                      BdCase       *kase,
                      GError      **error)
{
  g_return_val_if_fail (BD_IS_CASE_STORE (self), FALSE);
  g_return_val_if_fail (BD_IS_CASE (kase), FALSE);

  if (!begin (self, error))
    return FALSE;
  if (!insert_everything (self, kase, error))
    return rollback (self);
  return commit (self, error);
}

/**
 * bd_case_store_import:
 *
 * Stores a case read from a file. When its id is already in the store
 * (live or deleted) the case gets a new id.
 *
 * Returns: (transfer full) (nullable): the id it was stored under
 */
char *
bd_case_store_import (BdCaseStore  *self,
                      BdCase       *kase,
                      GError      **error)
{
  g_return_val_if_fail (BD_IS_CASE_STORE (self), NULL);
  g_return_val_if_fail (BD_IS_CASE (kase), NULL);

  if (!begin (self, error))
    return NULL;
  if (id_taken (self, bd_case_get_id (kase)))
    {
      g_autofree char *id = bd_uuid_new ();
      bd_case_set_id (kase, id);
    }
  if (!insert_everything (self, kase, error))
    return rollback (self), NULL;
  if (!commit (self, error))
    return NULL;
  return g_strdup (bd_case_get_id (kase));
}

/**
 * bd_case_store_set_step:
 * @text: the step as it was shown to the person
 * @device: %BD_DEVICE_NONE for a step done once
 *
 * Records a step's new state in the log; the last change can be undone.
 */
gboolean
bd_case_store_set_step (BdCaseStore  *self,
                        const char   *id,
                        const char   *guide_id,
                        const char   *step_id,
                        const char   *text,
                        BdDevice      device,
                        BdStepState   state,
                        GError      **error)
{
  BdStepRecord record = {
    (char *) guide_id, (char *) step_id, (char *) text, device, state, g_get_real_time ()
  };
  sqlite3_stmt *stmt;
  gint64 rowid, seq;

  g_return_val_if_fail (BD_IS_CASE_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL && guide_id != NULL && step_id != NULL && text != NULL, FALSE);

  if (!begin (self, error))
    return FALSE;
  if ((rowid = lookup_rowid (self, id, error)) == 0
      || (seq = insert_step (self, rowid, &record, error)) == 0
      || !touch (self, rowid, error)
      || (stmt = prepare (self, "INSERT INTO undo (kind, case_rowid, target) VALUES (?, ?, ?)", error)) == NULL)
    return rollback (self);
  sqlite3_bind_int (stmt, 1, BD_UNDO_STEP);
  sqlite3_bind_int64 (stmt, 2, rowid);
  sqlite3_bind_int64 (stmt, 3, seq);
  if (!step_done (self, stmt, error)
      || (stmt = prepare (self, "DELETE FROM undo WHERE seq <= (SELECT max (seq) FROM undo) - "
                                G_STRINGIFY (UNDO_DEPTH), error)) == NULL
      || !step_done (self, stmt, error))
    return rollback (self);
  return commit (self, error);
}

/**
 * bd_case_store_add_outcome:
 *
 * Records the answer to "Did the badge clear?" after a guide. "Cleared"
 * resolves the case by that guide, in the same transaction.
 */
gboolean
bd_case_store_add_outcome (BdCaseStore  *self,
                           const char   *id,
                           const char   *guide_id,
                           BdOutcome     result,
                           GError      **error)
{
  BdOutcomeRecord record = { (char *) guide_id, result, g_get_real_time () };
  sqlite3_stmt *stmt;
  gint64 rowid;

  g_return_val_if_fail (BD_IS_CASE_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL && guide_id != NULL, FALSE);

  if (!begin (self, error))
    return FALSE;
  if ((rowid = lookup_rowid (self, id, error)) == 0
      || !insert_outcome (self, rowid, &record, error)
      || !touch (self, rowid, error))
    return rollback (self);
  if (result == BD_OUTCOME_CLEARED)
    {
      stmt = prepare (self, "UPDATE cases SET status = ?, resolved_by = ? WHERE rowid = ?", error);
      if (stmt == NULL)
        return rollback (self);
      sqlite3_bind_int (stmt, 1, BD_CASE_STATUS_RESOLVED);
      bind_text (stmt, 2, guide_id);
      sqlite3_bind_int64 (stmt, 3, rowid);
      if (!step_done (self, stmt, error))
        return rollback (self);
    }
  return commit (self, error);
}

/**
 * bd_case_store_set_status:
 *
 * Reopening a case forgets which guide resolved it.
 */
gboolean
bd_case_store_set_status (BdCaseStore   *self,
                          const char    *id,
                          BdCaseStatus   status,
                          GError       **error)
{
  sqlite3_stmt *stmt;
  gint64 rowid;

  g_return_val_if_fail (BD_IS_CASE_STORE (self), FALSE);
  g_return_val_if_fail (status <= BD_CASE_STATUS_ESCALATED, FALSE);

  if (!begin (self, error))
    return FALSE;
  if ((rowid = lookup_rowid (self, id, error)) == 0
      || (stmt = prepare (self,
                          "UPDATE cases SET status = ?1, updated = ?2,"
                          " resolved_by = CASE WHEN ?1 = 0 THEN NULL ELSE resolved_by END"
                          " WHERE rowid = ?3", error)) == NULL)
    return rollback (self);
  sqlite3_bind_int (stmt, 1, status);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
  sqlite3_bind_int64 (stmt, 3, rowid);
  if (!step_done (self, stmt, error))
    return rollback (self);
  return commit (self, error);
}

/**
 * bd_case_store_add_symptom:
 *
 * Adds a symptom to a case; one it already has is left alone.
 */
gboolean
bd_case_store_add_symptom (BdCaseStore  *self,
                           const char   *id,
                           const char   *symptom_id,
                           const char   *text,
                           GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 rowid;
  gboolean has;

  g_return_val_if_fail (BD_IS_CASE_STORE (self), FALSE);

  if (!begin (self, error))
    return FALSE;
  if ((rowid = lookup_rowid (self, id, error)) == 0
      || (stmt = prepare (self, "SELECT 1 FROM case_symptoms WHERE case_rowid = ? AND symptom_id = ?",
                          error)) == NULL)
    return rollback (self);
  sqlite3_bind_int64 (stmt, 1, rowid);
  bind_text (stmt, 2, symptom_id);
  has = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (!has && (!insert_symptom (self, rowid, symptom_id, text, error) || !touch (self, rowid, error)))
    return rollback (self);
  return commit (self, error);
}

/* The column of each field, in BdCaseFields bit order. */
static const char * const field_columns[] = {
  "label", "ticket", "notes", "model", "ios", "other_devices", "apps", "other_apps",
  "low_power_mode", "messages_in_icloud", "focus",
};

G_STATIC_ASSERT (G_N_ELEMENTS (field_columns) == 11);

static void
bind_field (sqlite3_stmt *stmt,
            int           index,
            BdCase       *values,
            guint         bit)
{
  switch (1u << bit)
    {
    case BD_CASE_FIELD_LABEL: bind_text (stmt, index, bd_case_get_label (values)); break;
    case BD_CASE_FIELD_TICKET: bind_text (stmt, index, bd_case_get_ticket (values)); break;
    case BD_CASE_FIELD_NOTES: bind_text (stmt, index, bd_case_get_notes (values)); break;
    case BD_CASE_FIELD_MODEL: bind_text (stmt, index, bd_case_get_model (values)); break;
    case BD_CASE_FIELD_IOS: bind_text (stmt, index, bd_case_get_ios (values)); break;
    case BD_CASE_FIELD_OTHER_DEVICES: sqlite3_bind_int (stmt, index, bd_case_get_other_devices (values)); break;
    case BD_CASE_FIELD_APPS: sqlite3_bind_int (stmt, index, bd_case_get_apps (values)); break;
    case BD_CASE_FIELD_OTHER_APPS: bind_text (stmt, index, bd_case_get_other_apps (values)); break;
    case BD_CASE_FIELD_LOW_POWER_MODE: sqlite3_bind_int (stmt, index, bd_case_get_low_power_mode (values)); break;
    case BD_CASE_FIELD_MESSAGES_IN_ICLOUD:
      sqlite3_bind_int (stmt, index, bd_case_get_messages_in_icloud (values));
      break;
    case BD_CASE_FIELD_FOCUS: bind_text (stmt, index, bd_case_get_focus (values)); break;
    default: g_assert_not_reached ();
    }
}

/* One UPDATE of just the named columns; the statement is made for the
 * mask, so it is not cached. */
static gboolean
update_fields (BdCaseStore   *self,
               gint64         rowid,
               BdCase        *values,
               BdCaseFields   fields,
               GError       **error)
{
  g_autoptr(GString) sql = g_string_new ("UPDATE cases SET ");
  sqlite3_stmt *stmt = NULL;
  int index = 1;
  gboolean ok;

  for (guint bit = 0; bit < G_N_ELEMENTS (field_columns); bit++)
    if (fields & (1u << bit))
      g_string_append_printf (sql, "%s = ?, ", field_columns[bit]);
  g_string_append (sql, "updated = ? WHERE rowid = ?");
  if (sqlite3_prepare_v2 (self->db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    return fail (self, error, "prepare");
  for (guint bit = 0; bit < G_N_ELEMENTS (field_columns); bit++)
    if (fields & (1u << bit))
      bind_field (stmt, index++, values, bit);
  sqlite3_bind_int64 (stmt, index++, g_get_real_time ());
  sqlite3_bind_int64 (stmt, index, rowid);
  ok = step_done (self, stmt, error);
  sqlite3_finalize (stmt);
  return ok;
}

/**
 * bd_case_store_set_details:
 * @values: a case holding the new values (only @fields are read from it)
 * @fields: the details to set
 *
 * Sets what a person edits directly: label, ticket, notes and the device
 * details. Only @fields are written, so a writer setting the model never
 * undoes another's notes.
 */
gboolean
bd_case_store_set_details (BdCaseStore   *self,
                           const char    *id,
                           BdCase        *values,
                           BdCaseFields   fields,
                           GError       **error)
{
  gint64 rowid;

  g_return_val_if_fail (BD_IS_CASE_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (BD_IS_CASE (values), FALSE);
  g_return_val_if_fail ((fields & ~BD_CASE_FIELDS_ALL) == 0, FALSE);

  if (fields == 0)
    return TRUE;
  if (!begin (self, error))
    return FALSE;
  if ((rowid = lookup_rowid (self, id, error)) == 0 || !update_fields (self, rowid, values, fields, error))
    return rollback (self);
  return commit (self, error);
}

/**
 * bd_case_store_append_notes:
 * @text: a paragraph to add after the notes there are now
 *
 * Reads and writes the notes in one transaction, so concurrent appends
 * all land. Fails with %BD_ERROR_TOO_LARGE past %BD_CASE_MAX_NOTES.
 */
gboolean
bd_case_store_append_notes (BdCaseStore  *self,
                            const char   *id,
                            const char   *text,
                            GError      **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *notes = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 rowid;

  g_return_val_if_fail (BD_IS_CASE_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL && text != NULL, FALSE);

  if (!begin (self, error))
    return FALSE;
  if ((rowid = lookup_rowid (self, id, error)) == 0
      || (stmt = prepare (self, "SELECT notes FROM cases WHERE rowid = ?", error)) == NULL)
    return rollback (self);
  sqlite3_bind_int64 (stmt, 1, rowid);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    notes = *column_text (stmt, 0) != '\0' ? g_strconcat (column_text (stmt, 0), "\n\n", text, NULL)
                                            : g_strdup (text);
  sqlite3_reset (stmt);
  if (notes == NULL)
    return fail (self, error, "read the notes"), rollback (self);
  if (!bd_case_check_text (notes, BD_CASE_MAX_NOTES, FALSE, &local_error))
    {
      g_set_error (error, BD_ERROR, BD_ERROR_TOO_LARGE, "%s", local_error->message);
      return rollback (self);
    }
  if ((stmt = prepare (self, "UPDATE cases SET notes = ?, updated = ? WHERE rowid = ?", error)) == NULL)
    return rollback (self);
  bind_text (stmt, 1, notes);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
  sqlite3_bind_int64 (stmt, 3, rowid);
  if (!step_done (self, stmt, error))
    return rollback (self);
  return commit (self, error);
}

/**
 * bd_case_store_delete:
 *
 * Hides a case; bd_case_store_undo() brings it back until it is purged
 * (PURGE_AFTER_DAYS after the delete, when a store is opened).
 */
gboolean
bd_case_store_delete (BdCaseStore  *self,
                      const char   *id,
                      GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 rowid;

  g_return_val_if_fail (BD_IS_CASE_STORE (self), FALSE);

  if (!begin (self, error))
    return FALSE;
  if ((rowid = lookup_rowid (self, id, error)) == 0
      || (stmt = prepare (self, "UPDATE cases SET deleted = ? WHERE rowid = ?", error)) == NULL)
    return rollback (self);
  sqlite3_bind_int64 (stmt, 1, g_get_real_time ());
  sqlite3_bind_int64 (stmt, 2, rowid);
  if (!step_done (self, stmt, error)
      || (stmt = prepare (self, "INSERT INTO undo (kind, case_rowid) VALUES (?, ?)", error)) == NULL)
    return rollback (self);
  sqlite3_bind_int (stmt, 1, BD_UNDO_DELETE);
  sqlite3_bind_int64 (stmt, 2, rowid);
  if (!step_done (self, stmt, error))
    return rollback (self);
  return commit (self, error);
}

static gboolean
undo_entry (BdCaseStore  *self,
            BdUndoKind    kind,
            gint64        rowid,
            gint64        target,
            GError      **error)
{
  sqlite3_stmt *stmt;

  if (kind == BD_UNDO_DELETE)
    stmt = prepare (self, "UPDATE cases SET deleted = NULL WHERE rowid = ?", error);
  else
    stmt = prepare (self, "DELETE FROM step_log WHERE seq = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, kind == BD_UNDO_DELETE ? rowid : target);
  return step_done (self, stmt, error) && (kind == BD_UNDO_DELETE || touch (self, rowid, error));
}

/**
 * bd_case_store_undo:
 * @kind: (out) (optional): what was undone
 * @id: (out) (optional) (transfer full): the case it was done to
 *
 * Undoes the latest delete or step change, from this process or another.
 *
 * Returns: %FALSE with %BD_ERROR_NOT_FOUND when there is nothing to undo
 */
gboolean
bd_case_store_undo (BdCaseStore  *self,
                    BdUndoKind   *kind,
                    char        **id,
                    GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 seq = 0, rowid = 0, target = 0;
  BdUndoKind what = BD_UNDO_DELETE;
  g_autofree char *case_id = NULL;

  g_return_val_if_fail (BD_IS_CASE_STORE (self), FALSE);

  if (!begin (self, error))
    return FALSE;
  stmt = prepare (self, "SELECT u.seq, u.kind, u.case_rowid, u.target, c.id FROM undo u"
                        " JOIN cases c ON c.rowid = u.case_rowid ORDER BY u.seq DESC LIMIT 1", error);
  if (stmt == NULL)
    return rollback (self);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      seq = sqlite3_column_int64 (stmt, 0);
      what = sqlite3_column_int (stmt, 1);
      rowid = sqlite3_column_int64 (stmt, 2);
      target = sqlite3_column_int64 (stmt, 3);
      case_id = g_strdup (column_text (stmt, 4));
    }
  sqlite3_reset (stmt);
  if (seq == 0)
    {
      g_set_error (error, BD_ERROR, BD_ERROR_NOT_FOUND, "there is nothing to undo");
      return rollback (self);
    }
  if (!undo_entry (self, what, rowid, target, error)
      || (stmt = prepare (self, "DELETE FROM undo WHERE seq = ?", error)) == NULL)
    return rollback (self);
  sqlite3_bind_int64 (stmt, 1, seq);
  if (!step_done (self, stmt, error) || !commit (self, error))
    return rollback (self);
  if (kind != NULL)
    *kind = what;
  if (id != NULL)
    *id = g_steal_pointer (&case_id);
  return TRUE;
}

/**
 * bd_case_store_purge_deleted:
 * @before: remove cases deleted before this time
 *
 * Returns: how many cases were removed for good
 */
guint
bd_case_store_purge_deleted (BdCaseStore  *self,
                             gint64        before,
                             GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BD_IS_CASE_STORE (self), 0);

  if (!begin (self, error))
    return 0;
  stmt = prepare (self, "DELETE FROM cases WHERE deleted IS NOT NULL AND deleted < ?", error);
  if (stmt == NULL)
    return rollback (self);
  sqlite3_bind_int64 (stmt, 1, before);
  if (!step_done (self, stmt, error) || !commit (self, error))
    return rollback (self);
  return (guint) sqlite3_changes (self->db);
}

/* --- reading --------------------------------------------------------- */

static BdCase *
load_row (BdCaseStore  *self,
          const char   *id,
          gint64       *rowid,
          GError      **error)
{
  sqlite3_stmt *stmt = prepare (self,
    "SELECT rowid, created, updated, status, label, ticket, notes, pack_id, pack_version, model,"
    " ios, other_devices, apps, other_apps, low_power_mode, messages_in_icloud, focus, resolved_by"
    " FROM cases WHERE id = ? AND deleted IS NULL", error);
  g_autoptr(BdCase) kase = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, id);
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return fail (self, error, "read a case"), NULL;
      g_set_error (error, BD_ERROR, BD_ERROR_NOT_FOUND, "there is no case %s", id);
      return NULL;
    }
  *rowid = sqlite3_column_int64 (stmt, 0);
  kase = bd_case_new (column_text (stmt, 7), column_text (stmt, 8));
  bd_case_set_id (kase, id);
  bd_case_set_times (kase, sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2));
  bd_case_set_status (kase, CLAMP (sqlite3_column_int (stmt, 3), 0, BD_CASE_STATUS_ESCALATED));
  bd_case_set_label (kase, column_text (stmt, 4));
  bd_case_set_ticket (kase, column_text (stmt, 5));
  bd_case_set_notes (kase, column_text (stmt, 6));
  bd_case_set_model (kase, column_text (stmt, 9));
  bd_case_set_ios (kase, column_text (stmt, 10));
  bd_case_set_other_devices (kase, sqlite3_column_int (stmt, 11));
  bd_case_set_apps (kase, sqlite3_column_int (stmt, 12));
  bd_case_set_other_apps (kase, column_text (stmt, 13));
  bd_case_set_low_power_mode (kase, CLAMP (sqlite3_column_int (stmt, 14), 0, BD_SWITCH_OFF));
  bd_case_set_messages_in_icloud (kase, CLAMP (sqlite3_column_int (stmt, 15), 0, BD_SWITCH_OFF));
  bd_case_set_focus (kase, column_text (stmt, 16));
  if (sqlite3_column_type (stmt, 17) != SQLITE_NULL)
    bd_case_set_resolved_by (kase, column_text (stmt, 17));
  sqlite3_reset (stmt);
  return g_steal_pointer (&kase);
}

static gboolean
load_children (BdCaseStore  *self,
               BdCase       *kase,
               gint64        rowid,
               GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if ((stmt = prepare (self, "SELECT symptom_id, text FROM case_symptoms WHERE case_rowid = ?"
                             " ORDER BY position", error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    bd_case_add_symptom (kase, column_text (stmt, 0), column_text (stmt, 1));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return fail (self, error, "read the symptoms");

  if ((stmt = prepare (self, "SELECT guide_id, step_id, text, device, state, time FROM step_log"
                             " WHERE case_rowid = ? ORDER BY seq", error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    bd_case_add_step (kase, column_text (stmt, 0), column_text (stmt, 1), column_text (stmt, 2),
                      sqlite3_column_int (stmt, 3), CLAMP (sqlite3_column_int (stmt, 4), 0, BD_STEP_STATE_PENDING),
                      sqlite3_column_int64 (stmt, 5));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return fail (self, error, "read the steps");

  if ((stmt = prepare (self, "SELECT guide_id, result, time FROM outcomes WHERE case_rowid = ?"
                             " ORDER BY seq", error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    bd_case_add_outcome (kase, column_text (stmt, 0), CLAMP (sqlite3_column_int (stmt, 1), 0, BD_OUTCOME_NOT_CLEARED),
                         sqlite3_column_int64 (stmt, 2));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return fail (self, error, "read the outcomes");
  return TRUE;
}

/**
 * bd_case_store_load:
 *
 * Returns: (transfer full) (nullable): a snapshot of the case with its
 *   whole log, read in one transaction
 */
BdCase *
bd_case_store_load (BdCaseStore  *self,
                    const char   *id,
                    GError      **error)
{
  g_autoptr(BdCase) kase = NULL;
  gint64 rowid = 0;

  g_return_val_if_fail (BD_IS_CASE_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  /* One read transaction, so another process's commit cannot land
   * between the case row and its log. */
  if (!exec (self, "BEGIN", error))
    return NULL;
  kase = load_row (self, id, &rowid, error);
  if (kase == NULL || !load_children (self, kase, rowid, error))
    return rollback (self), NULL;
  exec (self, "COMMIT", NULL);
  return g_steal_pointer (&kase);
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* Each word the person typed as a prefix term, quoted so nothing they
 * type is read as FTS syntax: "jan" "t-10" finds Jane, ticket T-1043. */
static char *
fts_query (const char *search)
{
  GString *query = g_string_new (NULL);
  /* Composed, as the tokenizer indexed the text; a combining mark typed
   * on its own still belongs to its word ("émile" stays one word). */
  g_autofree char *composed = g_utf8_normalize (search, -1, G_NORMALIZE_DEFAULT_COMPOSE);
  const char *p = composed ? composed : "";

  while (*p != '\0')
    {
      const char *start;

      while (*p != '\0' && !is_word_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p != '\0' && is_word_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p > start)
        {
          g_string_append_printf (query, "%s\"", query->len > 0 ? " " : "");
          g_string_append_len (query, start, p - start);
          g_string_append (query, "\"*");
        }
    }
  return g_string_free (query, query->len == 0);
}

/**
 * bd_case_store_list:
 * @search: (nullable): words to find in label, ticket, notes, device
 *   details and symptoms; %NULL or blank for every case
 * @status: a status, or %BD_CASE_STATUS_ANY
 *
 * Lists live cases, most recently changed first, as ids for
 * bd_case_store_get_summaries(): rows are read only when shown.
 *
 * Returns: (transfer full) (element-type utf8): the case ids
 */
GPtrArray *
bd_case_store_list (BdCaseStore   *self,
                    const char    *search,
                    BdCaseStatus   status,
                    GError       **error)
{
  g_autofree char *query = search != NULL ? fts_query (search) : NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (BD_IS_CASE_STORE (self), NULL);

  /* Four statements rather than one with "?2 < 0 OR", which would keep
   * SQLite from using the status index. */
  if (query != NULL && status == BD_CASE_STATUS_ANY)
    stmt = prepare (self, "SELECT c.id FROM cases_fts f JOIN cases c ON c.rowid = f.rowid"
                          " WHERE cases_fts MATCH ?1 AND c.deleted IS NULL ORDER BY c.updated DESC", error);
  else if (query != NULL)
    stmt = prepare (self, "SELECT c.id FROM cases_fts f JOIN cases c ON c.rowid = f.rowid"
                          " WHERE cases_fts MATCH ?1 AND c.deleted IS NULL AND c.status = ?2"
                          " ORDER BY c.updated DESC", error);
  else if (status == BD_CASE_STATUS_ANY)
    stmt = prepare (self, "SELECT id FROM cases WHERE deleted IS NULL ORDER BY updated DESC", error);
  else
    stmt = prepare (self, "SELECT id FROM cases WHERE deleted IS NULL AND status = ?2"
                          " ORDER BY updated DESC", error);
  if (stmt == NULL)
    return NULL;
  if (query != NULL)
    bind_text (stmt, 1, query);
  if (status != BD_CASE_STATUS_ANY)
    sqlite3_bind_int (stmt, 2, (int) status);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup (column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return fail (self, error, "list"), NULL;
  return g_steal_pointer (&ids);
}

/**
 * bd_case_store_get_summary:
 *
 * Returns: (transfer full) (nullable): what a list row shows for the live
 *   case @id; %BD_ERROR_NOT_FOUND when there is none
 */
BdCaseSummary *
bd_case_store_get_summary (BdCaseStore  *self,
                           const char   *id,
                           GError      **error)
{
  sqlite3_stmt *stmt;
  BdCaseSummary *summary;
  int rc;

  g_return_val_if_fail (BD_IS_CASE_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = prepare (self,
    "SELECT id, status, updated, label, ticket, coalesce ((SELECT text FROM case_symptoms"
    " WHERE case_rowid = cases.rowid ORDER BY position LIMIT 1), ''),"
    " coalesce ((SELECT symptom_id FROM case_symptoms"
    " WHERE case_rowid = cases.rowid ORDER BY position LIMIT 1), '') FROM cases"
    " WHERE id = ? AND deleted IS NULL", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, id);
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return fail (self, error, "read a case"), NULL;
      g_set_error (error, BD_ERROR, BD_ERROR_NOT_FOUND, "there is no case %s", id);
      return NULL;
    }
  summary = g_new0 (BdCaseSummary, 1);
  summary->id = g_strdup (column_text (stmt, 0));
  summary->status = CLAMP (sqlite3_column_int (stmt, 1), 0, BD_CASE_STATUS_ESCALATED);
  summary->updated = sqlite3_column_int64 (stmt, 2);
  summary->label = g_strdup (column_text (stmt, 3));
  summary->ticket = g_strdup (column_text (stmt, 4));
  summary->symptom = g_strdup (column_text (stmt, 5));
  summary->symptom_id = g_strdup (column_text (stmt, 6));
  sqlite3_reset (stmt);
  return summary;
}

/**
 * bd_case_store_get_summaries:
 * @ids: (element-type utf8): case ids
 *
 * Reads the rows of several cases in one read transaction. A case that is
 * gone (deleted meanwhile) has %NULL in its place.
 *
 * Returns: (transfer full) (element-type BdCaseSummary): one entry per id
 */
GPtrArray *
bd_case_store_get_summaries (BdCaseStore  *self,
                             GPtrArray    *ids,
                             GError      **error)
{
  g_autoptr(GPtrArray) summaries = NULL;

  g_return_val_if_fail (BD_IS_CASE_STORE (self), NULL);
  g_return_val_if_fail (ids != NULL, NULL);

  summaries = g_ptr_array_new_full (ids->len, (GDestroyNotify) bd_case_summary_free);
  if (!exec (self, "BEGIN", error))
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      BdCaseSummary *summary = bd_case_store_get_summary (self, g_ptr_array_index (ids, i), &local_error);

      if (summary == NULL && !g_error_matches (local_error, BD_ERROR, BD_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return rollback (self), NULL;
        }
      g_ptr_array_add (summaries, summary);
    }
  exec (self, "COMMIT", NULL);
  return g_steal_pointer (&summaries);
}

/**
 * bd_case_store_count:
 * @n: (out): the number of live cases
 */
gboolean
bd_case_store_count (BdCaseStore  *self,
                     guint        *n,
                     GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (BD_IS_CASE_STORE (self), FALSE);
  g_return_val_if_fail (n != NULL, FALSE);

  *n = 0;
  if ((stmt = prepare (self, "SELECT count(*) FROM cases WHERE deleted IS NULL", error)) == NULL)
    return FALSE;
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    *n = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || fail (self, error, "count");
}

/**
 * bd_case_store_get_data_version:
 *
 * Returns: a number that changes whenever another connection (another
 *   process, or another BdCaseStore) committed a change; -1 on error
 */
gint64
bd_case_store_get_data_version (BdCaseStore *self)
{
  sqlite3_stmt *stmt;
  gint64 version = -1;

  g_return_val_if_fail (BD_IS_CASE_STORE (self), -1);

  if ((stmt = prepare (self, "PRAGMA data_version", NULL)) == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return version;
}

/**
 * bd_case_store_set_view:
 * @view: where the window is in the case, in the window's own words
 *
 * Remembers where a person was in a case. Not an action of theirs: it
 * neither changes the case's update time nor can be undone.
 */
gboolean
bd_case_store_set_view (BdCaseStore  *self,
                        const char   *id,
                        const char   *view,
                        GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (BD_IS_CASE_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL && view != NULL, FALSE);

  if (self->read_only)
    return begin (self, error);
  stmt = prepare (self, "UPDATE cases SET view = ? WHERE id = ? AND deleted IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, view);
  bind_text (stmt, 2, id);
  if (!step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, BD_ERROR, BD_ERROR_NOT_FOUND, "there is no case %s", id);
      return FALSE;
    }
  return TRUE;
}

/**
 * bd_case_store_dup_view:
 *
 * Returns: (transfer full) (nullable): where the window was in the case,
 *   "" if nowhere yet; %NULL with %BD_ERROR_NOT_FOUND for no such case
 */
char *
bd_case_store_dup_view (BdCaseStore  *self,
                        const char   *id,
                        GError      **error)
{
  sqlite3_stmt *stmt;
  char *view = NULL;
  int rc;

  g_return_val_if_fail (BD_IS_CASE_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if ((stmt = prepare (self, "SELECT view FROM cases WHERE id = ? AND deleted IS NULL", error)) == NULL)
    return NULL;
  bind_text (stmt, 1, id);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    view = g_strdup (column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return view;
  if (rc == SQLITE_DONE)
    g_set_error (error, BD_ERROR, BD_ERROR_NOT_FOUND, "there is no case %s", id);
  else
    fail (self, error, "read the view");
  return NULL;
}
