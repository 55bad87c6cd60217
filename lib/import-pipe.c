/* Import on two threads: the caller's stages each record (SQLite: the
 * staging table, or a direct load) while a reader thread reads and
 * takes the next ones (libcsv or libyaml, import_take: the checks, the
 * normalized keys), so that the loop lasts about the longer of the two
 * rather than their sum. They meet in a ring of batches: one lock per
 * batch, not per record, and at most NBATCH * BATCH records in flight
 * whatever the size of the file (the memory stays flat). Only an
 * import whose take never queries runs here (import_take_alone): the
 * reader never touches the connection. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "import-impl.h"
#include "crm/banned.h"

#define BATCH 64
#define NBATCH 16
/* The reader, faster than the stage, fills the ring; then it sleeps
 * until half of it is free, not until one batch is: a wake-up costs
 * both threads a trip through the kernel, once per ROOM batches. */
#define ROOM (NBATCH / 2)
/* The records ahead of the one staged whose keys' place in the filters
 * is fetched (import_prefetch): the filters are too big for the cache,
 * and one record's staging outlasts a miss. */
#define AHEAD 2

struct batch {
	struct import_one one[BATCH];
	int n;			/* records taken into it */
	int done;		/* of them, staged */
	int last;		/* 0; the last batch: 1 at the end of the
				   file, -1 at the reader's error */
};

struct import_pipe {
	struct importer *im;
	struct colmap *m;	/* the reader's */
	long *empty;		/* the reader's, until it is joined */
	pthread_mutex_t mu;
	pthread_cond_t ready;	/* a batch filled */
	pthread_cond_t room;	/* ROOM batches free, or stop */
	/* gettext's language is the process's: the stage holds this
	 * while it stages a record (it may translate), the reader while
	 * it speaks English (take_english) */
	pthread_mutex_t lang;
	int full;		/* batches filled, not yet staged */
	int waiting;		/* the reader waits for room */
	/* the stage failed: the reader ends, before its next record (it
	 * may be waiting for stdin) rather than after its batch */
	atomic_int stop;
	struct crm_err err;	/* the reader's error (last -1) */
	struct batch b[NBATCH];
};

/* Wait for room in the ring: 1, or 0 when the stage stopped. */
static int
wait_room(struct import_pipe *p)
{
	int go;

	pthread_mutex_lock(&p->mu);
	while (p->full == NBATCH && !p->stop) {
		p->waiting = 1;
		pthread_cond_wait(&p->room, &p->mu);
	}
	p->waiting = 0;
	go = !p->stop;
	pthread_mutex_unlock(&p->mu);
	return go;
}

static void
filled(struct import_pipe *p)
{
	pthread_mutex_lock(&p->mu);
	p->full++;
	pthread_cond_signal(&p->ready);
	pthread_mutex_unlock(&p->mu);
}

static void
staged(struct import_pipe *p)
{
	pthread_mutex_lock(&p->mu);
	if (--p->full <= NBATCH - ROOM && p->waiting)
		pthread_cond_signal(&p->room);
	pthread_mutex_unlock(&p->mu);
}

static void *
reader(void *arg)
{
	struct import_pipe *p = arg;
	long seq = 0;
	int rc = 1;

	for (int head = 0; rc == 1 && wait_room(p);
	    head = (head + 1) % NBATCH) {
		struct batch *b = &p->b[head];

		b->n = b->done = 0;
		while (b->n < BATCH && !atomic_load_explicit(&p->stop,
		    memory_order_relaxed) && (rc = import_take_next(p->im,
		    p->m, &b->one[b->n], &seq, p->empty, &p->err)) == 1)
			b->n++;
		b->last = rc == 1 ? 0 : rc == 0 ? 1 : -1;
		filled(p);
	}
	return NULL;
}

static void
wait_full(struct import_pipe *p)
{
	pthread_mutex_lock(&p->mu);
	while (p->full == 0)
		pthread_cond_wait(&p->ready, &p->mu);
	pthread_mutex_unlock(&p->mu);
}

static int
stage_batch(struct import_pipe *p, struct batch *b, struct crm_err *e)
{
	int rc = 0;

	while (rc == 0 && b->done < b->n) {
		if (b->done + AHEAD < b->n)
			import_prefetch(p->im, &b->one[b->done + AHEAD]);
		/* the reader switches only for a user who reads another
		 * language than English (im->tr) */
		if (p->im->tr)
			pthread_mutex_lock(&p->lang);
		rc = import_stage_one(p->im, &b->one[b->done++], e);
		if (p->im->tr)
			pthread_mutex_unlock(&p->lang);
	}
	return rc;
}

/* Stage the batches in the order they were filled, up to the last: 0,
 * or -1 and the stage's error, or the reader's once the records before
 * it are staged (as on one thread). */
static int
stage_all(struct import_pipe *p, struct crm_err *e)
{
	for (int tail = 0;; tail = (tail + 1) % NBATCH) {
		struct batch *b = &p->b[tail];

		wait_full(p);
		if (stage_batch(p, b, e) < 0)
			return -1;
		if (b->last < 0) {
			if (e != NULL)
				*e = p->err;
			return -1;
		}
		if (b->last > 0)
			return 0;
		staged(p);
	}
}

static void
stop(struct import_pipe *p)
{
	pthread_mutex_lock(&p->mu);
	p->stop = 1;
	pthread_cond_signal(&p->room);
	pthread_mutex_unlock(&p->mu);
}

/* After the join: every slot's record (a slot's is freed when it is
 * taken into again) and buffers. */
static void
pipe_free(struct import_pipe *p)
{
	for (int i = 0; i < NBATCH; i++)
		for (int j = 0; j < BATCH; j++)
			import_one_free(&p->b[i].one[j]);
	pthread_mutex_destroy(&p->mu);
	pthread_mutex_destroy(&p->lang);
	pthread_cond_destroy(&p->ready);
	pthread_cond_destroy(&p->room);
	free(p);
}

int
import_pipe_run(struct importer *im, struct colmap *m, long *empty,
    struct crm_err *e)
{
	struct import_pipe *p = crm_xcalloc(1, sizeof(*p));
	pthread_t t;
	int rc = -2;

	p->im = im;
	p->m = m;
	p->empty = empty;
	pthread_mutex_init(&p->mu, NULL);
	pthread_mutex_init(&p->lang, NULL);
	pthread_cond_init(&p->ready, NULL);
	pthread_cond_init(&p->room, NULL);
	im->pipe = p;
	if (pthread_create(&t, NULL, reader, p) == 0) {
		if ((rc = stage_all(p, e)) < 0)
			stop(p);
		pthread_join(t, NULL);
	}
	im->pipe = NULL;
	pipe_free(p);
	return rc;
}

void
import_pipe_lang(struct importer *im, int on)
{
	if (im->pipe == NULL)
		return;
	if (on)
		pthread_mutex_lock(&im->pipe->lang);
	else
		pthread_mutex_unlock(&im->pipe->lang);
}
