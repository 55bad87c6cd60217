/* Schema migrations: schema/NNN-name.sql, compiled into the library by
 * tools/embed-schema.sh. The database's PRAGMA user_version is the
 * number of the last migration applied. */
#ifndef CRM_MIGRATE_H
#define CRM_MIGRATE_H

struct crm_migration {
	int version;
	const char *name;
	const char *sql;
};

extern const struct crm_migration crm_migrations[];
extern const int crm_migration_count;

/* The version this binary's schema ends at. */
int crm_schema_version(void);

#endif
