/* The audit trail: every command that writes is a numbered run (when,
 * who, as whom, the command line) and every field it changed is an
 * event with the old and the new value. crm log reads it; crm undo
 * replays it backwards. */
#ifndef CRM_AUDIT_H
#define CRM_AUDIT_H

#include "crm/rows.h"
#include "crm/session.h"

/* Record one changed field in the current run (created on the first
 * event). action: "create", "update" or "delete"; field may be NULL for
 * a record as a whole. Must be inside the session's transaction. */
int crm_audit_event(struct crm_session *s, const char *entity,
    const char *id, const char *action, const char *field, const char *old,
    const char *new_value, struct crm_err *e);
/* The run, creating it if this is the first write. */
int crm_audit_run(struct crm_session *s, struct crm_err *e);
/* Record that the command ran though it changed nothing (a dry run that
 * read what it may not show, a refused import): a run of its own,
 * committed at once, whose command is "(note) COMMAND". crm log lists it
 * as one row with no entity. */
int crm_audit_trace(struct crm_session *s, const char *note,
    struct crm_err *e);
/* The same at the end of a command that met records it may not show (a
 * refused duplicate, a dry run), whatever becomes of it: rc, or -1 when
 * the trace fails a command that had succeeded (e). Inside a caller's
 * transaction, which decides, there is no trace of its own. */
int crm_audit_trace_rc(struct crm_session *s, const char *note, int rc,
    struct crm_err *e);

struct crm_log_filter {
	const char *entity;
	const char *id;
	const char *user;	/* runs by this login, or as this login */
	const char *since;	/* a date: runs on or after it */
	long long run;		/* 0: any */
};

/* Columns run, at, user, as_user, command, entity, id, action, field,
 * old, new; oldest first. Admins and managers see every run, others the
 * runs they made. */
struct crm_rows *crm_log_query(struct crm_session *s,
    const struct crm_log_filter *f, struct crm_err *e);
/* The events of this command's run so far (what a --dry-run shows):
 * entity, id, action, field, old, new. */
struct crm_rows *crm_log_pending(struct crm_session *s, struct crm_err *e);

/* Undo: one entity's events of one kind within a run, newest first. */
struct crm_undo_group {
	const char *entity;
	const char *id;
	const char *action;
	size_t n;
	const char **fields;
	const char **olds;
	const char **news;
};

/* Revert run `run`, if nothing has touched its records since (else 65,
 * naming the later run). Only an admin or the user who made the run. */
int crm_undo(struct crm_session *s, long long run, struct crm_err *e);

#endif
