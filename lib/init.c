/* crm init: a new database whose first admin is the OS login running it,
 * so that a one-person CRM needs no setup. */
#include <unistd.h>

#include "crm/dbinit.h"
#include "crm/buf.h"
#include "crm/session.h"
#include "crm/user.h"
#include "crm/banned.h"

int
crm_init_database(const char *path, const char *login, const char *name,
    const char *command, const char *group, struct crm_err *e)
{
	struct crm_session s = { 0 };
	struct crm_db *db;
	int rc;

	if (crm_db_create(&db, path, group, e) < 0)
		return -1;
	crm_session_adopt(&s, db, login);
	s.command = crm_xstrdup(command);
	rc = crm_user_add_first_admin(&s, login, name, e);
	if (rc == 0)
		rc = crm_db_commit(db, e);
	crm_session_close(&s);
	if (rc < 0)
		unlink(path);
	return rc;
}
