/* Cron jobs that change many records or send mail take a lock file
 * beside the database, so that the same job started twice runs once. */
#ifndef CRM_JOBLOCK_H
#define CRM_JOBLOCK_H

#include "crm/err.h"

/* A lock file beside the database for a cron job: 75 when the same job
 * already runs. The lock is the real file's (DB.job.lock beside the path
 * resolved by realpath), never followed through a symlink, made 0660;
 * one made by another user serves. Released by crm_joblock_release (or
 * at exit). */
int crm_joblock(const char *db_path, const char *job, int *fd,
    struct crm_err *e);
void crm_joblock_release(int fd);

#endif
