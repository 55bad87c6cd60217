/* The import verb of an entity's tool (crm-customer import, and every
 * tool after it): the tool gives the options (their words are its own;
 * the names are these) and its entity. */
#ifndef CRM_CLI_IMPORT_H
#define CRM_CLI_IMPORT_H

#include "crm/cli.h"
#include "crm/entity.h"
#include "crm/in.h"

/* The options it reads: on-duplicate, partial, rejects, force, map,
 * extra, ignore-unknown, historical, ignore-cap, and CRM_INPUT_OPTS.
 * Returns the exit code: 65 when records were rejected. */
int crm_cli_import(struct crm_ctx *c, const struct crm_entity *ent);
/* Every --map given, as one (built in maps): a header mapped in one and
 * another in the next are both mapped, not the last --map alone. */
const char *crm_cli_maps(struct crm_ctx *c, struct crm_buf *maps);
/* The same, with the entity's own options for its import's steps
 * (struct crm_import_opts, arg). */
int crm_cli_import_with(struct crm_ctx *c, const struct crm_entity *ent,
    void *arg);
/* Did the last import commit (whatever its exit code: --partial with
 * rejects is 65)? */
int crm_cli_import_committed(void);

/* The --rejects file of an import (--force replaces one that is
 * there): made once the input is open, never the input itself nor a
 * file of the database (crm/outfile.h), never through a symbolic link,
 * protected as the database is. path NULL: none (open does nothing).
 * close keeps it (ok) or removes it. An importer of its own (crm-order
 * import) uses them as crm_cli_import does. */
struct crm_cli_rejects {
	const char *path;
	char *tmp;		/* the new file's name until it has path */
	FILE *fp;
	int force;		/* --force: tmp put at path before the
				   commit, the old file kept under tmp's
				   name until the import is done */
	int swapped;		/* tmp is the old file now */
	int named;		/* linked as path (crm_cli_import: before the
				   commit) */
};
int crm_cli_rejects_open(struct crm_ctx *c, struct crm_in *in,
    struct crm_cli_rejects *r);
int crm_cli_rejects_close(struct crm_ctx *c, struct crm_cli_rejects *r,
    int ok);

/* The options every entity's import shares, in the order --help shows
 * them: what to do with rejected records, and with unknown columns
 * (the map, with its own example, comes between). */
#define CRM_IMPORT_REJECT_OPTS \
	{ "partial", 0, NULL, N_("import the good records; exit 65 if any " \
	    "was rejected"), NULL }, \
	{ "rejects", 1, "FILE", N_("with --partial: the rejected records, " \
	    "with line and reason (a new file)"), "@file" }, \
	{ "force", 0, NULL, N_("with --rejects: replace an existing file"), \
	    NULL }
#define CRM_IMPORT_COLUMN_OPTS \
	{ "extra", 0, NULL, N_("keep unknown columns as custom fields"), \
	    NULL }, \
	{ "ignore-unknown", 0, NULL, N_("drop unknown columns"), NULL }

#endif
